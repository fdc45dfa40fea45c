//! The store: migrations, refusal of newer or foreign files, Hindi full-text
//! search and keyset paging.

use chunav::Error;
use chunav::extract::Extractor;
use chunav::model::NewArticle;
use chunav::query::{ArticleFilter, EventFilter, EventPage, FilterArgs, Page};
use chunav::store::{Isolation, KeyedArticle, Provenance, SCHEMA_VERSION, Store, StoreOutcome};

fn article(title: &str, body: &str) -> NewArticle {
    NewArticle {
        title: title.into(),
        body: body.into(),
        ..NewArticle::default()
    }
}

fn add(store: &mut Store, articles: &[NewArticle]) -> Vec<StoreOutcome> {
    let mut batch = store.begin_import(false, Isolation::PerArticle).unwrap();
    let provenance = Provenance {
        file: "test".into(),
        line: None,
    };
    let out = articles
        .iter()
        .map(|a| {
            batch
                .add(&KeyedArticle::new(a.clone()), &provenance, &|a| {
                    Extractor::embedded().extract_new(a)
                })
                .unwrap()
        })
        .collect();
    batch.commit().unwrap();
    out
}

fn search(store: &Store, words: &str) -> Vec<String> {
    let filter = FilterArgs {
        search: Some(words.into()),
        ..FilterArgs::default()
    }
    .resolve(store)
    .unwrap();
    let mut titles: Vec<String> = store
        .articles(&filter, &Page::default())
        .unwrap()
        .into_iter()
        .map(|a| a.title)
        .collect();
    titles.sort();
    titles
}

#[test]
fn migrations_apply_once_and_reopen_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/chunav.db");
    let mut store = Store::open(&path).unwrap();
    add(&mut store, &[article("पहला", "पाठ")]);
    drop(store);
    // Opening again applies nothing and keeps the data.
    let store = Store::open(&path).unwrap();
    assert_eq!(store.article_count().unwrap(), 1);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    assert!(store.stats().unwrap().districts == 75);
}

#[test]
fn a_store_from_a_newer_chunav_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE x (y); PRAGMA user_version = 99;")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    match Store::open(&path) {
        Err(Error::NewerStore { found: 99, .. }) => {}
        other => panic!("expected NewerStore, got {:?}", other.err()),
    }
    assert_eq!(std::fs::read(&path).unwrap(), before, "file unchanged");
    assert!(!dir.path().join("future.db-wal").exists());
}

#[test]
fn a_file_that_is_not_a_store_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    std::fs::write(&path, "these are my notes, not a database ".repeat(100)).unwrap();
    let err = Store::open(&path).err().expect("refused");
    assert!(matches!(err, Error::NotAStore { .. }), "{err}");
    assert!(err.to_string().contains("notes.db"));
}

#[test]
fn hindi_search_matches_whole_words_not_vowel_sign_fragments() {
    let mut store = Store::open_in_memory().unwrap();
    add(
        &mut store,
        &[
            article("चुनाव की तैयारी", "गांव में पंचायत चुनाव की चर्चा है।"),
            article("सीमा पर तनाव", "चीन के साथ बातचीत जारी है।"),
        ],
    );
    // Split at vowel signs, as Unicode's default word characters would, चीन
    // would also match चुनाव.
    assert_eq!(search(&store, "चीन"), vec!["सीमा पर तनाव"]);
    assert_eq!(search(&store, "चुनाव"), vec!["चुनाव की तैयारी"]);
}

#[test]
fn search_folds_hindi_spelling_variants() {
    let mut store = Store::open_in_memory().unwrap();
    add(
        &mut store,
        &[
            article("फ़रवरी में दौरा", "सितम्बर तक हिन्दी में प्रचार।"),
            article("Owaisi in Azamgarh", "A rally is PLANNED."),
        ],
    );
    assert_eq!(search(&store, "फरवरी"), vec!["फ़रवरी में दौरा"]);
    assert_eq!(search(&store, "सितंबर हिंदी"), vec!["फ़रवरी में दौरा"]);
    assert_eq!(search(&store, "planned owaisi"), vec!["Owaisi in Azamgarh"]);
    // FTS5 syntax typed by a user is taken as plain words, not an error.
    assert!(search(&store, "\"NEAR( OR *").is_empty());
}

#[test]
fn search_finds_words_between_any_punctuation_and_without_diacritics() {
    let mut store = Store::open_in_memory().unwrap();
    add(
        &mut store,
        &[
            article(
                "रैली—गोरखपुर।",
                "“नामांकन”, (सपा) के बाद; Café-owners’ meeting…",
            ),
            article("बैठक", "गोरखपुरवासी मतदाता"),
        ],
    );
    let both = vec!["रैली—गोरखपुर।"];
    assert_eq!(search(&store, "गोरखपुर"), both);
    assert_eq!(search(&store, "नामांकन सपा"), both);
    assert_eq!(search(&store, "cafe OWNERS"), both);
    assert_eq!(search(&store, "café"), both);
    // Words joined by punctuation are a phrase: those words, in that order.
    assert_eq!(search(&store, "cafe—owners"), both);
    assert!(search(&store, "owners-cafe").is_empty());
    assert_eq!(search(&store, "गोरखपुरवासी"), ["बैठक"]);
}

#[test]
fn keyset_pages_walk_every_article_once_newest_first() {
    let mut store = Store::open_in_memory().unwrap();
    let articles: Vec<NewArticle> = (0..23)
        .map(|i| NewArticle {
            published: chunav::ingest::parse_timestamp(&format!("2021-01-{:02} 10:00", 1 + i % 5)),
            ..article(&format!("लेख {i}"), &format!("पाठ {i}"))
        })
        .collect();
    add(&mut store, &articles);
    let mut seen = Vec::new();
    let mut page = Page {
        after: None,
        limit: 5,
    };
    loop {
        let rows = store.articles(&ArticleFilter::default(), &page).unwrap();
        if rows.is_empty() {
            break;
        }
        let last = rows.last().unwrap();
        page.after = Some((last.sort_time, last.id));
        seen.extend(rows.into_iter().map(|r| (r.sort_time, r.id)));
    }
    assert_eq!(seen.len(), 23);
    let mut sorted = seen.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(seen, sorted, "newest first, no repeats");
}

#[test]
fn unknown_names_get_a_suggestion() {
    let store = Store::open_in_memory().unwrap();
    let err = FilterArgs {
        district: Some("Gorakpur".into()),
        ..FilterArgs::default()
    }
    .resolve(&store)
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "no district called \"Gorakpur\"; did you mean Gorakhpur?"
    );
    let err = FilterArgs {
        party: Some("bjd".into()),
        ..FilterArgs::default()
    }
    .resolve(&store)
    .unwrap_err();
    assert!(
        err.to_string().starts_with("no party called \"bjd\""),
        "{err}"
    );
}

#[test]
fn district_filter_takes_hindi_english_and_former_names() {
    let mut store = Store::open_in_memory().unwrap();
    add(
        &mut store,
        &[
            NewArticle {
                dateline: Some("गोरखपुर, जेएनएन".into()),
                ..article("बैठक हुई", "पार्टी की बैठक।")
            },
            article("Rally in Allahabad", "Workers gathered in Allahabad."),
            article("प्रयागराज में सभा", "सभा हुई।"),
            article("आसपास के गांव", "आसपास के लोग पहुंचे।"),
        ],
    );
    let titles = |args: FilterArgs| -> Vec<String> {
        let f = args.resolve(&store).unwrap();
        let mut t: Vec<String> = store
            .articles(&f, &Page::default())
            .unwrap()
            .into_iter()
            .map(|a| a.title)
            .collect();
        t.sort();
        t
    };
    let district = |name: &str| FilterArgs {
        district: Some(name.into()),
        ..FilterArgs::default()
    };
    assert_eq!(titles(district("गोरखपुर")), vec!["बैठक हुई"]);
    assert_eq!(titles(district("gorakhpur")), vec!["बैठक हुई"]);
    let prayagraj = vec!["Rally in Allahabad", "प्रयागराज में सभा"];
    assert_eq!(titles(district("Prayagraj")), prayagraj);
    assert_eq!(titles(district("इलाहाबाद")), prayagraj);
    // सपा inside आसपास is not the Samajwadi Party.
    let sp = FilterArgs {
        party: Some("सपा".into()),
        ..FilterArgs::default()
    };
    assert!(titles(sp).is_empty());
}

/// Pages of a big filtered list, one after another, hold exactly the rows
/// the filter passes, in order: whichever way the store reads them (from
/// the sort index when many rows pass, from the filter's rows when few do).
#[test]
fn keyset_pages_of_a_big_store_match_the_filter() {
    use chunav::ingest::{self, Format, ImportReport};
    use chunav::model::Language;
    use chunav::query::Condition;

    let mut jsonl = Vec::new();
    chunav::synth::write_jsonl(300, 7, &mut jsonl).unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let mut report = ImportReport::default();
    ingest::import_reader(
        &mut store,
        "synthetic.jsonl",
        jsonl.as_slice(),
        Format::JsonLines,
        &Default::default(),
        &mut report,
    )
    .unwrap();

    let everything = EventPage {
        after: None,
        limit: usize::MAX >> 1,
    };
    let all_events = store.events(&EventFilter::default(), &everything).unwrap();
    assert!(all_events.len() >= 1_000, "{} events", all_events.len());
    let bjp = store.find_party("bjp").unwrap().unwrap();
    let cases = [
        ("every event", EventFilter::default(), false),
        (
            "BJP's",
            EventFilter {
                conditions: vec![Condition::Parties(vec![bjp])],
                ..EventFilter::default()
            },
            true,
        ),
    ];
    for (what, filter, only_bjp) in cases {
        let expected: Vec<i64> = all_events
            .iter()
            .filter(|e| {
                !only_bjp
                    || e.party
                        .as_deref()
                        .is_some_and(|p| p.eq_ignore_ascii_case("bjp"))
            })
            .map(|e| e.id)
            .collect();
        assert!(!expected.is_empty());
        let mut paged = Vec::new();
        let mut after = None;
        loop {
            let page = store
                .events(&filter, &EventPage { after, limit: 97 })
                .unwrap();
            let Some(last) = page.last() else { break };
            after = Some((last.date_start.clone().unwrap_or_default(), last.id));
            paged.extend(page.iter().map(|e| e.id));
        }
        assert_eq!(paged, expected, "{what}");
    }

    let all_articles = store
        .articles(
            &ArticleFilter::default(),
            &Page {
                after: None,
                limit: usize::MAX >> 1,
            },
        )
        .unwrap();
    for language in [Language::Hindi, Language::English] {
        let filter = ArticleFilter {
            conditions: vec![Condition::Languages(vec![language])],
        };
        let expected: Vec<i64> = all_articles
            .iter()
            .filter(|a| a.language == language)
            .map(|a| a.id)
            .collect();
        let mut paged = Vec::new();
        let mut after = None;
        loop {
            let page = store.articles(&filter, &Page { after, limit: 31 }).unwrap();
            let Some(last) = page.last() else { break };
            after = Some((last.sort_time, last.id));
            paged.extend(page.iter().map(|a| a.id));
        }
        assert_eq!(paged, expected, "{language:?}");
    }
}

#[test]
fn search_keys_are_rebuilt_when_the_fold_changes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chunav.db");
    let mut store = Store::open(&path).unwrap();
    add(&mut store, &[article("सितम्बर में सम्मेलन", "पाठ")]);
    drop(store);
    // Stand in for keys made by another fold: an index that no longer
    // matches and a duplicate key that is wrong.
    let spoil = |version: &str| {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(&format!(
            "INSERT INTO articles_fts (articles_fts) VALUES ('delete-all');
             UPDATE articles SET title_key = 'stale', content_hash = 'stale';
             UPDATE meta SET value = '{version}' WHERE key = 'fold';"
        ))
        .unwrap();
    };
    let title_key = || -> String {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.query_row("SELECT title_key FROM articles", [], |r| r.get(0))
            .unwrap()
    };
    // Keys recorded as made by this fold are trusted as they are.
    spoil(&chunav::text::FOLD_VERSION.to_string());
    assert!(search(&Store::open(&path).unwrap(), "सितंबर").is_empty());
    // Keys from another fold are made again on open.
    spoil("0");
    let store = Store::open(&path).unwrap();
    assert_eq!(search(&store, "सितंबर"), ["सितम्बर में सम्मेलन"]);
    assert_eq!(title_key(), chunav::text::fold("सितम्बर में सम्मेलन"));
    // The same article again is still recognised as a duplicate.
    let mut store = store;
    assert!(matches!(
        add(&mut store, &[article("सितम्बर में सम्मेलन", "पाठ")])[0],
        StoreOutcome::Duplicate(_)
    ));
}

#[test]
fn a_record_the_store_refuses_fails_alone_and_the_rest_of_its_batch_lands() {
    use chunav::ingest::{self, Format, ImportReport};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chunav.db");
    let mut store = Store::open(&path).unwrap();
    // Stands in for any constraint a record could break.
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch(
            "CREATE TRIGGER refuse BEFORE INSERT ON articles WHEN new.title = 'मना'
             BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;",
        )
        .unwrap();
    // 100 records: a full batch, then the refused one in the second.
    let jsonl: String = (1..=100)
        .map(|line| {
            let title = if line == 70 {
                "मना".to_string()
            } else {
                format!("गोरखपुर में सभा {line}")
            };
            format!(
                "{{\"id\": \"r{line}\", \"title\": \"{title}\", \"body\": \"सपा ने {line} जनवरी को गोरखपुर में जनसभा की।\"}}\n"
            )
        })
        .collect();
    let mut report = ImportReport::default();
    ingest::import_reader(
        &mut store,
        "refused.jsonl",
        jsonl.as_bytes(),
        Format::JsonLines,
        &Default::default(),
        &mut report,
    )
    .unwrap();
    assert_eq!(report.imported, 99);
    assert_eq!(report.failures.len(), 1, "{:?}", report.failures);
    assert_eq!(report.failures[0].line, Some(70));
    assert!(report.failures[0].reason.contains("refused by the test"));
    assert_eq!(store.article_count().unwrap(), 99);
    // Each stored article kept its extraction, the retried batch's too.
    let gorakhpur = FilterArgs {
        district: Some("Gorakhpur".into()),
        ..FilterArgs::default()
    }
    .resolve(&store)
    .unwrap();
    assert_eq!(store.count_articles(&gorakhpur).unwrap(), 99);
}

#[test]
fn search_finds_the_latest_version_of_an_article_whichever_batch_brought_it() {
    let mut store = Store::open_in_memory().unwrap();
    // Each version is published anew, so each moves in the search index.
    let version = |body: &str, hour: u32| {
        let time =
            chrono::DateTime::parse_from_rfc3339(&format!("2021-01-12T{hour:02}:00:00+05:30"))
                .unwrap();
        NewArticle {
            url: Some("https://example.com/sabha".into()),
            published: Some(time),
            updated: Some(time),
            ..article("गोरखपुर में सभा", body)
        }
    };
    // A version and its update in one batch, then a later one in the next.
    let outcomes = add(
        &mut store,
        &[version("पहला मसौदा", 9), version("दूसरा मसौदा", 10)],
    );
    assert!(
        matches!(outcomes[..], [StoreOutcome::Imported(a), StoreOutcome::Updated(b)] if a == b)
    );
    assert_eq!(search(&store, "दूसरा"), ["गोरखपुर में सभा"]);
    assert!(search(&store, "पहला").is_empty());
    add(&mut store, &[version("तीसरा मसौदा", 11)]);
    assert_eq!(search(&store, "तीसरा"), ["गोरखपुर में सभा"]);
    assert!(search(&store, "दूसरा").is_empty());
    assert_eq!(search(&store, "मसौदा"), ["गोरखपुर में सभा"]);
    assert_eq!(store.article_count().unwrap(), 1);
    // The index holds the article once: its old versions left it.
    assert_eq!(store.count_articles(&words(&store, "मसौदा")).unwrap(), 1);
    assert_eq!(store.count_articles(&words(&store, "दूसरा")).unwrap(), 0);
}

fn words(store: &Store, words: &str) -> ArticleFilter {
    FilterArgs {
        search: Some(words.into()),
        ..FilterArgs::default()
    }
    .resolve(store)
    .unwrap()
}

#[test]
fn a_search_lists_newest_first_and_deleted_articles_leave_the_index() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chunav.db");
    let mut store = Store::open(&path).unwrap();
    let at = |day: u32| NewArticle {
        published: Some(
            chrono::DateTime::parse_from_rfc3339(&format!("2021-02-{day:02}T10:00:00+05:30"))
                .unwrap(),
        ),
        ..article(
            &format!("रैली {day}"),
            &format!("सपा ने {day} फरवरी को जौनपुर में रैली की।"),
        )
    };
    // Written in neither date nor reverse order.
    add(&mut store, &[at(3), at(9), at(1), at(5)]);
    let newest_first = |store: &Store| -> Vec<String> {
        let filter = words(store, "रैली");
        let mut titles = Vec::new();
        let mut page = Page {
            after: None,
            limit: 2,
        };
        loop {
            let got = store.articles(&filter, &page).unwrap();
            let Some(last) = got.last() else {
                break titles;
            };
            page.after = Some((last.sort_time, last.id));
            titles.extend(got.into_iter().map(|a| a.title));
        }
    };
    assert_eq!(newest_first(&store), ["रैली 9", "रैली 5", "रैली 3", "रैली 1"]);

    // A store from before the index was keyed in page order (migration
    // 0016) is keyed again when opened. What 0016 and later migrations
    // made goes too, as they will make it again: the timeline too (0023)
    // lists what it listed.
    let timeline = |store: &Store| {
        store
            .events(&EventFilter::default(), &EventPage::default())
            .unwrap()
    };
    let listed = timeline(&store);
    assert!(
        listed.iter().any(|e| !e.places.is_empty() && e.sources > 0),
        "{listed:?}"
    );
    drop(store);
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch(
            "DROP TRIGGER tally_article_place_added;
             DROP TRIGGER tally_event_place_added;
             DROP TABLE batch_upkeep;
             CREATE TRIGGER tally_article_place_added AFTER INSERT ON article_places BEGIN
                 UPDATE tally_state SET changes = changes + 1;
             END;
             CREATE TRIGGER tally_event_place_added AFTER INSERT ON event_places BEGIN
                 UPDATE tally_state SET changes = changes + 1;
             END;
             DROP TRIGGER event_listing_added;
             DROP TRIGGER event_listing_changed;
             DROP TRIGGER event_listing_removed;
             DROP TRIGGER event_listing_place_added;
             DROP TRIGGER event_listing_place_removed;
             DROP TRIGGER event_listing_person_added;
             DROP TRIGGER event_listing_person_removed;
             DROP TRIGGER event_listing_source_added;
             DROP TRIGGER event_listing_source_removed;
             DROP TABLE event_listing;
             ALTER TABLE campaign_events ADD COLUMN summary TEXT NOT NULL DEFAULT '';
             DROP TRIGGER articles_fts_unindex;
             DROP TRIGGER article_place_names_place_added;
             DROP TRIGGER article_place_names_place_removed;
             DROP TRIGGER article_place_names_moved;
             DROP TABLE article_place_names;
             DROP TABLE article_names;
             DROP INDEX articles_newest;
             DROP TRIGGER event_sources_date_start;
             DROP INDEX event_sources_article;
             ALTER TABLE event_sources DROP COLUMN date_start;
             CREATE INDEX event_sources_article ON event_sources(article_id);
             CREATE INDEX mentions_entity ON mentions(entity_kind, entity_id, article_id);
             CREATE INDEX articles_sort ON articles(sort_time DESC, id DESC);
             DROP TRIGGER event_places_party;
             DROP INDEX event_places_dated;
             ALTER TABLE event_places DROP COLUMN party_id;
             CREATE INDEX event_places_dated ON event_places(place_id, date_start, event_id);
             INSERT INTO articles_fts (articles_fts) VALUES ('delete-all');
             INSERT INTO articles_fts (rowid, title, body) SELECT id, title, body FROM articles;
             PRAGMA user_version = 15;",
        )
        .unwrap();
    let mut store = Store::open(&path).unwrap();
    assert_eq!(newest_first(&store), ["रैली 9", "रैली 5", "रैली 3", "रैली 1"]);
    assert_eq!(timeline(&store), listed);

    // Sample articles removed leave the index: a search counts none.
    let mut sample = store.begin_import(true, Isolation::PerArticle).unwrap();
    let provenance = Provenance {
        file: "sample".into(),
        line: None,
    };
    sample
        .add(&KeyedArticle::new(at(12)), &provenance, &|a| {
            Extractor::embedded().extract_new(a)
        })
        .unwrap();
    sample.commit().unwrap();
    assert_eq!(newest_first(&store)[0], "रैली 12");
    store.remove_sample_articles().unwrap();
    assert_eq!(store.count_articles(&words(&store, "रैली")).unwrap(), 4);
    assert_eq!(newest_first(&store).len(), 4);
}

#[test]
fn the_place_trees_counts_are_kept_until_articles_or_events_change() {
    use chunav::model::PlaceKind;
    use chunav::query::{EventFilter, EventPage};
    use chunav::store::EventReview;

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chunav.db");
    let mut store = Store::open(&path).unwrap();
    let rally = |n: u32| {
        article(
            &format!("गोरखपुर में सभा {n}"),
            &format!("सपा ने {n} जनवरी को गोरखपुर में जनसभा की।"),
        )
    };
    add(&mut store, &[rally(1), rally(2)]);
    let (gorakhpur, _) = store
        .find_place("Gorakhpur", &[PlaceKind::District])
        .unwrap()
        .unwrap();
    let kept = || -> (i64, Option<i64>) {
        rusqlite::Connection::open(&path)
            .unwrap()
            .query_row("SELECT changes, counted FROM tally_state", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap()
    };

    let counted = store.place_tree_counts().unwrap();
    let (changes, at) = kept();
    assert_eq!(at, Some(changes), "the counts are kept");
    assert_eq!(counted[&gorakhpur].0, 2);
    let events = counted[&gorakhpur].1;
    assert!(events >= 2, "{events} events");
    assert_eq!(
        store.place_tree_counts().unwrap(),
        counted,
        "read back as kept"
    );

    // A new article makes them stale, and they are counted again.
    add(&mut store, &[rally(3)]);
    assert_ne!(kept().1, Some(kept().0));
    let after_import = store.place_tree_counts().unwrap();
    assert_eq!(after_import[&gorakhpur].0, 3);
    assert_eq!(after_import[&gorakhpur].1, events + 1);

    // So does rejecting an event.
    let event = store
        .events(
            &EventFilter {
                conditions: vec![chunav::query::Condition::Places(vec![gorakhpur])],
                ..EventFilter::default()
            },
            &EventPage::default(),
        )
        .unwrap()[0]
        .id;
    store.review_event(event, &EventReview::Reject).unwrap();
    assert_eq!(store.place_tree_counts().unwrap()[&gorakhpur].1, events);
}

#[test]
fn summaries_come_in_the_order_asked_without_missing_articles() {
    let mut store = Store::open_in_memory().unwrap();
    let ids: Vec<i64> = add(
        &mut store,
        &[article("पहली खबर", "पाठ एक"), article("दूसरी खबर", "पाठ दो")],
    )
    .into_iter()
    .map(|o| match o {
        StoreOutcome::Imported(id) => id,
        other => panic!("{other:?}"),
    })
    .collect();
    let titles: Vec<String> = store
        .article_summaries(&[ids[1], 999_999, ids[0]])
        .unwrap()
        .into_iter()
        .map(|a| a.title)
        .collect();
    assert_eq!(titles, ["दूसरी खबर", "पहली खबर"]);
}
