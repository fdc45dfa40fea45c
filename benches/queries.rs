//! Latency of the store's first pages and counts on big stores, p50 and
//! p99 over many filters (every district, division and party in turn, so
//! that caches are not always warm): the queries behind every list.
//!
//! ```sh
//! cargo bench --bench queries                               # 10,000 and 100,000 articles
//! CHUNAV_BENCH_ARTICLES=10000 cargo bench --bench queries   # one size
//! ```
//!
//! The stores are those of the interface benchmark (`target/bench-stores/`).

mod common;

use std::time::Duration;

use chunav::model::PlaceKind;
use chunav::query::{EventPage, FilterArgs, Page};
use chunav::store::Store;
use common::{report, store_for};

/// A first page as the interface fetches it.
const FIRST_PAGE: usize = chunav::tui::app::PAGE;

/// Times `f` once.
fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let started = std::time::Instant::now();
    let out = f();
    (out, started.elapsed())
}

fn main() {
    for n in common::sizes("10000,100000") {
        let path = store_for(n);
        drop(Store::open(&path).expect("migrate bench store"));
        let store = Store::open(&path).expect("open bench store");
        let names = |kind: PlaceKind| -> Vec<String> {
            store
                .place_choices(&[kind])
                .expect("places")
                .into_iter()
                .map(|p| p.name_en)
                .collect()
        };
        let districts = names(PlaceKind::District);
        let divisions = names(PlaceKind::Division);
        let parties: Vec<String> = store
            .parties()
            .expect("parties")
            .into_iter()
            .map(|p| p.code)
            .collect();
        let first_articles = Page {
            after: None,
            limit: FIRST_PAGE,
        };
        let first_events = EventPage {
            after: None,
            limit: FIRST_PAGE,
        };
        println!(
            "{n} articles ({} in the store), first pages of {FIRST_PAGE} rows:",
            store.article_count().expect("count")
        );

        // Times the first page of articles and of events under `args`.
        let first_pages =
            |args: FilterArgs, articles: &mut Vec<Duration>, events: &mut Vec<Duration>| {
                let (a, e) = (
                    args.resolve(&store).expect("filter"),
                    args.resolve_events(&store).expect("filter"),
                );
                articles.push(timed(|| store.articles(&a, &first_articles).expect("page")).1);
                events.push(timed(|| store.events(&e, &first_events).expect("page")).1);
                (a, e)
            };

        let mut articles = Vec::new();
        let mut events = Vec::new();
        let mut counts = Vec::new();
        for d in &districts {
            let args = FilterArgs {
                district: Some(d.clone()),
                ..FilterArgs::default()
            };
            let (a, e) = first_pages(args, &mut articles, &mut events);
            counts.push(
                timed(|| {
                    store.count_articles(&a).expect("count")
                        + store.count_events(&e).expect("count")
                })
                .1,
            );
        }
        report("district: articles", &mut articles);
        report("district: timeline", &mut events);
        report("district: both counts", &mut counts);

        let (mut articles, mut events) = (Vec::new(), Vec::new());
        for (i, d) in districts.iter().enumerate() {
            let args = FilterArgs {
                district: Some(d.clone()),
                party: Some(parties[i % parties.len()].clone()),
                from: Some("2021-01".into()),
                to: Some("2021-06".into()),
                ..FilterArgs::default()
            };
            first_pages(args, &mut articles, &mut events);
        }
        report("district + party + dates: articles", &mut articles);
        report("district + party + dates: timeline", &mut events);

        let mut searches = Vec::new();
        let mut search_counts = Vec::new();
        for word in [
            "चुनाव",
            "रैली",
            "सदस्यता",
            "गठबंधन",
            "प्रशिक्षण",
            "बूथ",
            "पंचायत",
            "दौरा",
            "प्रत्याशी",
            "कार्यकर्ता",
            "संगठन",
            "मतदान",
            "सम्मेलन",
            "अभियान",
            "विधानसभा",
        ] {
            let a = FilterArgs {
                search: Some(word.into()),
                ..FilterArgs::default()
            }
            .resolve(&store)
            .expect("filter");
            searches.push(timed(|| store.articles(&a, &first_articles).expect("page")).1);
            search_counts.push(timed(|| store.count_articles(&a).expect("count")).1);
        }
        report("Hindi full text: articles", &mut searches);
        report("Hindi full text: count", &mut search_counts);

        // The first page of the timeline under each of `filters`.
        let timelines = |filters: Vec<FilterArgs>| -> Vec<Duration> {
            filters
                .into_iter()
                .map(|args| {
                    let e = args.resolve_events(&store).expect("filter");
                    timed(|| store.events(&e, &first_events).expect("page")).1
                })
                .collect()
        };
        // Names searched (in all their spellings), as a reader looks for a
        // place or party in the text rather than by its tag: a district's
        // names one or two articles in a hundred, a party's 0.1-16% of them
        // (BJP, SP and Congress the most).
        let searched = |names: &[String]| -> Vec<FilterArgs> {
            names
                .iter()
                .map(|name| FilterArgs {
                    search: Some(name.clone()),
                    ..FilterArgs::default()
                })
                .collect()
        };
        report(
            "a district's name: timeline",
            &mut timelines(searched(&districts)),
        );
        report(
            "a party's name: timeline",
            &mut timelines(searched(&parties)),
        );
        let divisions = divisions.iter().map(|d| FilterArgs {
            region: Some(d.clone()),
            ..FilterArgs::default()
        });
        report("division: timeline", &mut timelines(divisions.collect()));

        // Counted from the store's rows (as after an import), then read
        // back as kept.
        let (mut counted, mut kept) = (Vec::new(), Vec::new());
        let stale = rusqlite::Connection::open(&path).expect("store");
        for _ in 0..3 {
            stale
                .execute("UPDATE tally_state SET counted = NULL", [])
                .expect("make the counts stale");
            counted.push(timed(|| store.place_tree_counts().expect("tree")).1);
            kept.push(timed(|| store.place_tree_counts().expect("tree")).1);
        }
        report("place tree counts, counted", &mut counted);
        report("place tree counts, kept", &mut kept);
    }
}
