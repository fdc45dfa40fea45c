//! The query language against the demo store: every field narrows as it
//! says, negation and alternatives combine as sets, names resolve in any
//! script, dates overlap as dates, and search finds a name's other spellings.

mod common;

use std::collections::BTreeSet;

use chunav::ingest;
use chunav::model::{DatePrecision, EventKind};
use chunav::query::{EventPage, FilterArgs, Query};
use chunav::store::{EventReview, Store};
use common::article_ids;

fn demo() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    ingest::load_demo(&mut store).unwrap();
    store
}

fn events(store: &Store, query: &str) -> BTreeSet<i64> {
    let filter = Query::parse(query)
        .unwrap_or_else(|e| panic!("{e}"))
        .events(store)
        .unwrap_or_else(|e| panic!("{e}"));
    let page = EventPage {
        after: None,
        limit: 100_000,
    };
    let rows = store.events(&filter, &page).unwrap();
    assert_eq!(store.count_events(&filter).unwrap(), rows.len() as u64);
    rows.into_iter().map(|e| e.id).collect()
}

fn error(store: &Store, query: &str) -> String {
    let parsed = Query::parse(query).unwrap_or_else(|e| panic!("{e}"));
    parsed.events(store).unwrap_err().to_string()
}

#[test]
fn negation_is_the_complement_and_commas_the_union() {
    let store = demo();
    let all = events(&store, "");
    let aimim = events(&store, "party:aimim");
    let not_aimim = events(&store, "-party:aimim");
    assert!(!aimim.is_empty());
    // Events without a party are not AIMIM's, so they stay when it is excluded.
    assert_eq!(aimim.len() + not_aimim.len(), all.len());
    assert!(aimim.is_disjoint(&not_aimim));
    let sp = events(&store, "party:sp");
    let either = events(&store, "party:aimim,sp");
    assert_eq!(either, aimim.union(&sp).copied().collect());
    // Different fields hold together.
    let rallies = events(&store, "kind:rally");
    let aimim_rallies = events(&store, "party:aimim kind:rally");
    assert_eq!(
        aimim_rallies,
        aimim.intersection(&rallies).copied().collect()
    );
    assert_eq!(
        events(&store, "party:aimim -kind:rally"),
        aimim.difference(&rallies).copied().collect()
    );
}

#[test]
fn names_resolve_in_any_script_and_spelling() {
    let store = demo();
    assert_eq!(events(&store, "party:भाजपा"), events(&store, "party:bjp"));
    assert_eq!(
        events(&store, "district:गोरखपुर"),
        events(&store, "district:gorakhpur")
    );
    assert_eq!(
        article_ids(&store, "district:allahabad"),
        article_ids(&store, "district:prayagraj")
    );
    assert!(!article_ids(&store, "place:allahabad").is_empty());
    assert_eq!(
        events(&store, "region:पूर्वांचल"),
        events(&store, "region:purvanchal")
    );
    // A division holds its districts.
    let basti = events(&store, "division:basti");
    for district in ["basti", "siddharthnagar", "\"sant kabir nagar\""] {
        assert!(events(&store, &format!("district:{district}")).is_subset(&basti));
    }
    assert_eq!(
        events(&store, "person:ओवैसी"),
        events(&store, "person:owaisi")
    );
    assert!(!events(&store, "person:owaisi").is_empty());
}

#[test]
fn unknown_names_point_at_themselves_with_the_nearest() {
    let store = demo();
    let e = error(&store, "party:aimim district:gorakpur");
    assert!(
        e.starts_with("no district called \"gorakpur\"; did you mean Gorakhpur?"),
        "{e}"
    );
    let marks = e.lines().nth(2).unwrap();
    assert_eq!(marks.trim(), "^^^^^^^^");
    assert_eq!(marks.find('^'), Some(2 + "party:aimim district:".len()));
    assert!(error(&store, "party:aimm").contains("did you mean AIMIM?"));
    assert!(error(&store, "outlet:nowhere").starts_with("no outlet called"));
}

#[test]
fn event_dates_overlap_day_ranges() {
    let store = demo();
    let all = store
        .events(
            &Default::default(),
            &EventPage {
                after: None,
                limit: 100_000,
            },
        )
        .unwrap();
    let month = all
        .iter()
        .find(|e| e.date_precision == DatePrecision::Month)
        .expect("a month-precise event");
    let start: chrono::NaiveDate = month.date_start.as_deref().unwrap().parse().unwrap();
    let mid = start + chrono::Days::new(14);
    // Any day of its month finds it; the day before the month does not.
    assert!(events(&store, &format!("date:{mid}")).contains(&month.id));
    let before = start.pred_opt().unwrap();
    assert!(!events(&store, &format!("date:{before}")).contains(&month.id));
    assert!(events(&store, &format!("date:..{before}")).is_disjoint(&[month.id].into()));
    assert!(events(&store, &format!("date:{mid}..")).contains(&month.id));
    // Closed ranges are the intersection of their open halves.
    let q1 = events(&store, "date:2021-01..2021-03");
    let from = events(&store, "date:2021-01..");
    let to = events(&store, "date:..2021-03");
    assert_eq!(q1, from.intersection(&to).copied().collect());
}

#[test]
fn precision_review_and_status_fields() {
    let mut store = demo();
    let fine = events(&store, "precision:<=week");
    let day = events(&store, "precision:day");
    let week = events(&store, "precision:=week");
    assert_eq!(fine, day.union(&week).copied().collect());
    assert!(!day.is_empty() && !week.is_empty());
    let all = events(&store, "");
    // One of the events of articles naming Owaisi, so that the search's
    // count (made from the sources' index) must leave it out too.
    let owaisi = events(&store, "ओवैसी");
    let id = *owaisi.iter().next().unwrap();
    store.review_event(id, &EventReview::Reject).unwrap();
    assert!(
        !events(&store, "").contains(&id),
        "rejected events are hidden"
    );
    assert_eq!(events(&store, "ओवैसी").len(), owaisi.len() - 1);
    assert_eq!(events(&store, "reviewed:rejected"), [id].into());
    assert_eq!(events(&store, "reviewed:no").len(), all.len() - 1);
    let planned = events(&store, "status:planned");
    assert!(!planned.is_empty());
    assert!(planned.is_disjoint(&events(&store, "status:happened")));
}

#[test]
fn article_and_event_fields_cross_over() {
    let store = demo();
    // Articles reporting a rally are the sources of the rallies.
    let rallies = store
        .events(
            &Query::parse("kind:rally").unwrap().events(&store).unwrap(),
            &EventPage {
                after: None,
                limit: 100_000,
            },
        )
        .unwrap();
    assert!(rallies.iter().all(|e| e.kind == EventKind::Rally));
    let sources: BTreeSet<i64> = rallies
        .iter()
        .flat_map(|e| store.event_article_ids(e.id, usize::MAX).unwrap())
        .collect();
    assert_eq!(article_ids(&store, "kind:rally"), sources);
    // Events reported in English are those with an English source.
    let english = article_ids(&store, "lang:en");
    assert!(!english.is_empty());
    assert!(english.is_disjoint(&article_ids(&store, "lang:hi")));
    let sources: std::collections::HashMap<i64, Vec<i64>> = store
        .events(
            &Default::default(),
            &EventPage {
                after: None,
                limit: 100_000,
            },
        )
        .unwrap()
        .into_iter()
        .map(|e| (e.id, store.event_article_ids(e.id, usize::MAX).unwrap()))
        .collect();
    for id in events(&store, "lang:en") {
        assert!(sources[&id].iter().any(|a| english.contains(a)), "{id}");
    }
    let outlet = article_ids(&store, "outlet:\"purvanchal darpan (sample)\"");
    assert!(!outlet.is_empty() && outlet.len() < article_ids(&store, "").len());
}

#[test]
fn romanised_words_find_devanagari_text() {
    let store = demo();
    // A Hindi article that names Owaisi only in Devanagari.
    let hindi_only = article_ids(&store, "ओवैसी -\"owaisi\"");
    assert!(!hindi_only.is_empty());
    assert!(hindi_only.is_subset(&article_ids(&store, "owaisi")));
    assert_eq!(
        article_ids(&store, "gorakhpur"),
        article_ids(&store, "गोरखपुर")
    );
    // A quoted word is taken as written.
    assert!(article_ids(&store, "\"owaisi\"").is_disjoint(&hindi_only));
}

#[test]
fn flags_are_shorthand_for_the_query() {
    let store = demo();
    let flags = FilterArgs {
        region: Some("Purvanchal".into()),
        party: Some("aimim".into()),
        from: Some("2021-01".into()),
        to: Some("2021-03".into()),
        kind: Some("tour,rally".into()),
        ..FilterArgs::default()
    };
    assert_eq!(
        flags.query_text(&store).unwrap(),
        "region:Purvanchal party:aimim kind:tour,rally date:2021-01..2021-03"
    );
    let query = FilterArgs {
        query: Some("region:Purvanchal party:aimim kind:tour,rally date:2021-01..2021-03".into()),
        ..FilterArgs::default()
    };
    assert_eq!(
        flags.resolve_events(&store).unwrap(),
        query.resolve_events(&store).unwrap()
    );
    let spaced = FilterArgs {
        district: Some("Sant Kabir Nagar".into()),
        search: Some("-बूथ स्तर".into()),
        ..FilterArgs::default()
    };
    assert_eq!(
        spaced.query_text(&store).unwrap(),
        "district:\"Sant Kabir Nagar\" \"-बूथ\" स्तर"
    );
    spaced.resolve(&store).unwrap();
}
