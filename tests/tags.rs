//! A user's tags and notes on articles and events: kept in the store,
//! matched by `tag:` in queries whatever their case, kept through
//! `reextract` even when an event is found again under a new id, and
//! reachable from the command line.

mod common;

use std::collections::BTreeSet;

use chunav::extract::Extractor;
use chunav::ingest;
use chunav::model::{EventKind, EventSummary, Item};
use chunav::query::{EventPage, Query};
use chunav::store::{Store, TagCount};
use common::{Session, article_ids};

fn demo() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    ingest::load_demo(&mut store).unwrap();
    store
}

fn events(store: &Store, query: &str) -> Vec<EventSummary> {
    let filter = Query::parse(query).unwrap().events(store).unwrap();
    let page = EventPage {
        after: None,
        limit: 100_000,
    };
    store.events(&filter, &page).unwrap()
}

fn ids(events: &[EventSummary]) -> BTreeSet<i64> {
    events.iter().map(|e| e.id).collect()
}

fn strings(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| w.to_string()).collect()
}

/// An event only one article reports, so that reextract replaces it.
fn single_source_event(store: &Store) -> EventSummary {
    events(store, "")
        .into_iter()
        .find(|e| e.sources == 1)
        .expect("the demo has single-source events")
}

#[test]
fn tags_match_whatever_their_case_and_show_as_first_written() {
    let mut store = demo();
    let event = events(&store, "")[0].id;
    let tags = store
        .add_tags(Item::Event(event), &strings(&["Urgent", "follow-up"]))
        .unwrap();
    assert_eq!(tags, ["follow-up", "Urgent"]);
    // The same tag in another case is the same tag, kept as first written.
    let tags = store
        .add_tags(Item::Event(event), &strings(&["URGENT"]))
        .unwrap();
    assert_eq!(tags, ["follow-up", "Urgent"]);
    store
        .add_tags(Item::Article(1), &strings(&["urgent", "जांच"]))
        .unwrap();

    assert_eq!(ids(&events(&store, "tag:urgent")), [event].into());
    assert_eq!(ids(&events(&store, "tag:URGENT,nothing")), [event].into());
    assert_eq!(article_ids(&store, "tag:Urgent"), [1].into());
    assert_eq!(article_ids(&store, "tag:जांच"), [1].into());
    // An event's tag is the event's own, not its article's, and back.
    assert!(article_ids(&store, "tag:follow-up").is_empty());
    let all = events(&store, "").len();
    assert_eq!(events(&store, "-tag:urgent").len(), all - 1);
    assert!(events(&store, "tag:urgent -tag:follow-up").is_empty());

    let listed = &events(&store, "tag:urgent")[0];
    assert_eq!(listed.tags, ["follow-up", "Urgent"]);

    assert_eq!(
        store.tag_counts().unwrap(),
        [
            TagCount {
                tag: "follow-up".into(),
                articles: 0,
                events: 1
            },
            TagCount {
                tag: "Urgent".into(),
                articles: 1,
                events: 1
            },
            TagCount {
                tag: "जांच".into(),
                articles: 1,
                events: 0
            },
        ]
    );

    let left = store
        .remove_tags(Item::Event(event), &strings(&["uRGENT"]))
        .unwrap();
    assert_eq!(left, ["follow-up"]);
    assert!(events(&store, "tag:urgent").is_empty());

    let err = store
        .add_tags(Item::Event(event), &strings(&["two words"]))
        .unwrap_err();
    assert!(err.to_string().contains("one word"), "{err}");
    let err = store
        .add_tags(Item::Article(999_999), &strings(&["x"]))
        .unwrap_err();
    assert_eq!(err.to_string(), "no article 999999");
}

#[test]
fn notes_are_set_replaced_and_cleared() {
    let mut store = demo();
    let event = Item::Event(events(&store, "")[0].id);
    assert_eq!(store.note(event).unwrap(), None);
    store
        .set_note(event, Some("  call the district office\nand the SP  "))
        .unwrap();
    let note = store.note(event).unwrap().unwrap();
    assert_eq!(note.text, "call the district office\nand the SP");
    assert!(note.updated.ends_with('Z'), "{}", note.updated);
    store.set_note(event, Some("checked")).unwrap();
    assert_eq!(store.note(event).unwrap().unwrap().text, "checked");
    assert_eq!(
        events(&store, "")[0].note.as_deref(),
        Some("checked"),
        "listings carry the note"
    );
    store.set_note(event, Some("   ")).unwrap();
    assert_eq!(store.note(event).unwrap(), None);

    store.set_note(Item::Article(2), Some("पुष्टि करें")).unwrap();
    let article = store.article(2).unwrap().unwrap();
    assert_eq!(article.note.as_deref(), Some("पुष्टि करें"));
    assert!(store.note(Item::Event(999_999)).is_err());
}

#[test]
fn marks_go_with_their_article_when_it_is_removed() {
    let mut store = demo();
    let event = events(&store, "")[0].id;
    store
        .add_tags(Item::Article(1), &strings(&["gone"]))
        .unwrap();
    store
        .add_tags(Item::Event(event), &strings(&["gone"]))
        .unwrap();
    store.set_note(Item::Article(1), Some("x")).unwrap();
    store.remove_sample_articles().unwrap();
    assert_eq!(store.tag_counts().unwrap(), []);
}

#[test]
fn marks_survive_reextract_with_the_same_rules() {
    let mut store = demo();
    let event = single_source_event(&store);
    let item = Item::Event(event.id);
    store.add_tags(item, &strings(&["follow-up"])).unwrap();
    store.set_note(item, Some("ask the reporter")).unwrap();
    let article = store.event_article_ids(event.id, 1).unwrap()[0];
    store
        .add_tags(Item::Article(article), &strings(&["source"]))
        .unwrap();
    store
        .set_note(Item::Article(article), Some("reliable"))
        .unwrap();
    let before = events(&store, "").len();

    let extractor = Extractor::embedded();
    store
        .reextract(&|a| extractor.extract(a), &mut |_| {})
        .unwrap();

    let tagged = events(&store, "tag:follow-up");
    assert_eq!(tagged.len(), 1, "{tagged:?}");
    assert_eq!(tagged[0].kind, event.kind);
    assert_eq!(tagged[0].evidence, event.evidence);
    assert_eq!(tagged[0].note.as_deref(), Some("ask the reporter"));
    assert_eq!(events(&store, "").len(), before, "no duplicates");
    assert_eq!(article_ids(&store, "tag:source"), [article].into());
    assert_eq!(
        store.note(Item::Article(article)).unwrap().unwrap().text,
        "reliable"
    );
}

#[test]
fn marks_move_to_the_event_found_again_under_a_new_id() {
    let mut store = demo();
    let event = single_source_event(&store);
    let article = store.event_article_ids(event.id, 1).unwrap()[0];
    let item = Item::Event(event.id);
    store
        .add_tags(item, &strings(&["follow-up", "Checked"]))
        .unwrap();
    store.set_note(item, Some("ask the reporter")).unwrap();

    // New rules that see every event as another kind: each is stored anew.
    let other = |k: EventKind| {
        if k == EventKind::Statement {
            EventKind::Protest
        } else {
            EventKind::Statement
        }
    };
    let extractor = Extractor::embedded();
    store
        .reextract(
            &|a| {
                let mut found = extractor.extract(a);
                for e in &mut found.events {
                    e.kind = other(e.kind);
                }
                found
            },
            &mut |_| {},
        )
        .unwrap();

    let tagged = events(&store, "tag:checked");
    assert!(!tagged.is_empty());
    assert!(tagged.iter().all(|e| e.id != event.id), "a new event");
    for e in &tagged {
        assert_eq!(e.kind, other(event.kind));
        assert_eq!(e.tags, ["Checked", "follow-up"]);
        assert_eq!(e.note.as_deref(), Some("ask the reporter"));
        assert!(
            store
                .event_article_ids(e.id, 100)
                .unwrap()
                .contains(&article)
        );
    }
    assert!(
        events(&store, "").iter().all(|e| e.id != event.id),
        "the old event is gone"
    );
}

#[test]
fn a_marked_event_stays_when_its_sentence_gives_none() {
    let mut store = demo();
    let event = single_source_event(&store);
    store
        .add_tags(Item::Event(event.id), &strings(&["keep"]))
        .unwrap();
    let extractor = Extractor::embedded();
    store
        .reextract(
            &|a| {
                let mut found = extractor.extract(a);
                found.events.clear();
                found
            },
            &mut |_| {},
        )
        .unwrap();
    let left = events(&store, "");
    assert_eq!(ids(&left), [event.id].into(), "only the marked event stays");
    assert_eq!(left[0].tags, ["keep"]);
}

#[test]
fn tags_and_notes_from_the_command_line() {
    let session = Session::new();
    let run = |args: &[&str]| session.run(args);
    let ok = |args: &[&str]| session.ok(args);
    ok(&["demo"]);
    let listed: serde_json::Value =
        serde_json::from_str(&ok(&["events", "--format", "json", "--limit", "1"])).unwrap();
    let id = listed[0]["id"].as_i64().unwrap().to_string();

    assert_eq!(
        ok(&["tag", "add", "event", &id, "follow-up", "Urgent", "जांच"]),
        format!("event {id}: follow-up Urgent जांच\n")
    );
    assert_eq!(
        ok(&["tag", "remove", "event", &id, "urgent"]),
        format!("event {id}: follow-up जांच\n")
    );
    ok(&["tag", "add", "article", "1", "follow-up"]);
    assert_eq!(
        ok(&["note", "event", &id]),
        format!("event {id}: no note\n")
    );
    ok(&["note", "event", &id, "-- ask the Azamgarh office"]);
    assert_eq!(ok(&["note", "event", &id]), "-- ask the Azamgarh office\n");
    ok(&["note", "article", "1", "checked with the reporter"]);

    let tags = ok(&["tags"]);
    assert!(tags.starts_with("tag "), "{tags}");
    assert!(tags.contains("follow-up         1       1"), "{tags}");

    let followup = ok(&["followup"]);
    let (events_part, articles_part) = followup.split_once("articles tagged").unwrap();
    assert!(
        events_part
            .lines()
            .any(|l| l.trim_start().starts_with(&format!("{id} "))),
        "{followup}"
    );
    assert!(
        articles_part
            .lines()
            .any(|l| l.trim_start().starts_with("1 ")),
        "{followup}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&ok(&["followup", "--format", "json"])).unwrap();
    assert_eq!(json["events"][0]["note"], "-- ask the Azamgarh office");
    assert_eq!(json["articles"][0]["tags"][0], "follow-up");

    let queried: serde_json::Value =
        serde_json::from_str(&ok(&["events", "-q", "tag:जांच", "--format", "json"])).unwrap();
    assert_eq!(queried.as_array().unwrap().len(), 1);

    let show = ok(&["show", "1"]);
    assert!(show.contains("\ntags       follow-up\n"), "{show}");
    assert!(
        show.contains("\nnote       checked with the reporter\n"),
        "{show}"
    );
    let explain = ok(&["explain", "1"]);
    assert!(explain.contains("\ntags       follow-up\n"), "{explain}");

    ok(&["note", "event", &id, "--clear"]);
    assert_eq!(
        ok(&["note", "event", &id]),
        format!("event {id}: no note\n")
    );

    let bad = run(&["tag", "add", "event", &id, "-done"]);
    assert!(!bad.status.success());
    let bad = run(&["note", "article", "999999"]);
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("no article 999999"),
        "{}",
        String::from_utf8_lossy(&bad.stderr)
    );
}
