//! Import of saved HTML pages and RSS/Atom feeds from our own fixtures,
//! and hostile pages that must give a clear error in bounded time.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chunav::ingest::{self, ImportOptions, ImportReport};
use chunav::model::Article;
use chunav::query::Page;
use chunav::store::Store;

mod common;

use common::{check_article, expected, fixture};

fn import(store: &mut Store, paths: &[PathBuf]) -> ImportReport {
    ingest::import_paths(store, paths, &ImportOptions::default(), &mut ()).unwrap()
}

fn articles(store: &Store) -> Vec<Article> {
    store
        .articles(&Default::default(), &Page::default())
        .unwrap()
        .iter()
        .map(|row| store.article(row.id).unwrap().unwrap())
        .collect()
}

fn check_html(name: &str) {
    let mut store = Store::open_in_memory().unwrap();
    let report = import(&mut store, &[fixture(&format!("html/{name}.html"))]);
    assert_eq!(report.imported, 1, "{name}: {:?}", report.failures);
    let a = articles(&store).remove(0);
    let want = expected("html", name);
    check_article(name, &a, &want);
    let s = |key: &str| want[key].as_str().map(str::to_string);
    assert_eq!(a.outlet, s("outlet"), "{name} outlet");
    assert_eq!(a.url, s("url"), "{name} url");
}

#[test]
fn page_with_json_ld_in_a_graph() {
    check_html("hindi_json_ld");
}

#[test]
fn page_without_json_ld_by_readability() {
    check_html("hindi_no_json_ld");
}

#[test]
fn page_with_broken_json_ld_and_entities() {
    check_html("hindi_broken_json_ld");
}

#[test]
fn page_in_windows_1252() {
    check_html("english_windows_1252");
}

#[test]
fn wrongly_declared_charset_is_an_error_naming_the_file() {
    let mut store = Store::open_in_memory().unwrap();
    let report = import(&mut store, &[fixture("html/wrong_charset.html")]);
    assert_eq!(report.imported, 0);
    let failure = report.failures[0].to_string();
    assert!(failure.contains("wrong_charset.html"), "{failure}");
    assert!(failure.contains("is UTF-8"), "{failure}");
    assert_eq!(store.article_count().unwrap(), 0);
}

#[test]
fn a_directory_of_pages_imports_once() {
    let mut store = Store::open_in_memory().unwrap();
    let first = import(&mut store, &[fixture("html")]);
    assert_eq!((first.imported, first.failures.len()), (4, 1));
    let second = import(&mut store, &[fixture("html")]);
    assert_eq!((second.imported, second.duplicates), (0, 4));
}

#[test]
fn html_named_otherwise_is_sniffed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("saved-page");
    std::fs::copy(fixture("html/hindi_no_json_ld.html"), &path).unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let report = import(&mut store, &[path]);
    assert_eq!(report.imported, 1, "{:?}", report.failures);
}

/// Imports one generated page from a file, returning the report and how
/// long it took.
fn import_bytes(bytes: &[u8]) -> (ImportReport, Duration) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hostile.html");
    std::fs::write(&path, bytes).unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let start = Instant::now();
    let report = import(&mut store, &[path]);
    (report, start.elapsed())
}

fn failure_of(bytes: &[u8]) -> String {
    let (report, took) = import_bytes(bytes);
    assert!(took < Duration::from_secs(20), "took {took:?}");
    assert_eq!(report.imported, 0);
    report.failures[0].to_string()
}

#[test]
fn hostile_deep_nesting_is_refused_quickly() {
    let page = format!(
        "<html><head><title>t</title></head><body>{}x{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    let failure = failure_of(page.as_bytes());
    assert!(failure.contains("nested more than"), "{failure}");
}

#[test]
fn hostile_huge_page_is_refused() {
    let page = format!("<html><body><p>{}</p></body></html>", "क".repeat(3_000_000));
    let failure = failure_of(page.as_bytes());
    assert!(failure.contains("larger than"), "{failure}");
}

#[test]
fn hostile_element_flood_is_refused() {
    let page = format!(
        "<html><body>{}</body></html>",
        "<span></span>".repeat(250_000)
    );
    let failure = failure_of(page.as_bytes());
    assert!(failure.contains("elements"), "{failure}");
}

#[test]
fn megabytes_of_script_and_markup_still_give_the_article() {
    let article = std::fs::read_to_string(fixture("html/hindi_no_json_ld.html")).unwrap();
    let junk = format!(
        "<script>{}</script><div class=\"ad\">{}</div>",
        "var x = '<div><div><div>';".repeat(100_000),
        "<span>विज्ञापन</span>".repeat(20_000)
    );
    let page = article.replace("<main>", &format!("{junk}<main>"));
    assert!(page.len() > 2_000_000);
    let (report, took) = import_bytes(page.as_bytes());
    assert!(took < Duration::from_secs(30), "took {took:?}");
    assert_eq!(report.imported, 1, "{:?}", report.failures);
}

#[test]
fn a_page_without_text_is_reported() {
    let failure = failure_of(b"<!doctype html><html><head><title>Only a title</title></head><body><nav><a href='/'>x</a></nav></body></html>");
    assert!(failure.contains("no article text"), "{failure}");
}

#[test]
fn rss_feed_items_become_articles_once() {
    let mut store = Store::open_in_memory().unwrap();
    let report = import(&mut store, &[fixture("feeds/hindi_rss.xml")]);
    assert_eq!(report.imported, 2, "{:?}", report.failures);
    assert_eq!(report.failures.len(), 1);
    let failure = report.failures[0].to_string();
    assert!(
        failure.contains("hindi_rss.xml: item 4: no title"),
        "{failure}"
    );
    let all = articles(&store);
    let ballia = all.iter().find(|a| a.title.contains("बलिया")).unwrap();
    assert_eq!(
        ballia.url.as_deref(),
        Some("https://purvanchal-darpan.example/news/ballia-sbsp-padyatra")
    );
    assert_eq!(ballia.author.as_deref(), Some("अनिल राजभर"));
    assert_eq!(ballia.outlet.as_deref(), Some("पूर्वांचल दर्पण - उत्तर प्रदेश"));
    assert_eq!(
        ballia.published_at.as_deref(),
        Some("2021-02-05T10:30:00+05:30")
    );
    assert_eq!(ballia.dateline_place.as_deref(), Some("Ballia"));
    assert!(ballia.body.contains("दस दिन में"), "{}", ballia.body);
    assert!(!ballia.body.contains('<'));
    let mau = all.iter().find(|a| a.title.contains("मऊ")).unwrap();
    assert!(mau.body.contains("\"गांव गांव चलो\""), "{}", mau.body);

    let again = import(&mut store, &[fixture("feeds/hindi_rss.xml")]);
    assert_eq!((again.imported, again.duplicates), (0, 2));
}

#[test]
fn atom_feed_with_content_and_summary() {
    let mut store = Store::open_in_memory().unwrap();
    let report = import(&mut store, &[fixture("feeds/english_atom.xml")]);
    assert_eq!(report.imported, 2, "{:?}", report.failures);
    let all = articles(&store);
    let aap = all.iter().find(|a| a.title.starts_with("AAP")).unwrap();
    assert_eq!(
        aap.standfirst.as_deref(),
        Some("The party will field candidates in all wards of the district.")
    );
    assert!(aap.body.starts_with("VARANASI: The Aam Aadmi Party"));
    assert!(aap.body.contains("\n\nIts state in-charge"));
    assert_eq!(aap.updated_at.as_deref(), Some("2021-03-02T14:30:00+05:30"));
    assert_eq!(aap.dateline_place.as_deref(), Some("Varanasi"));
    let congress = all
        .iter()
        .find(|a| a.title.starts_with("Congress"))
        .unwrap();
    assert_eq!(congress.url, None);
    assert_eq!(
        congress.external_id.as_deref(),
        Some("tag:kashi-chronicle.example,2021:4412")
    );
}

#[test]
fn malformed_feed_is_reported() {
    let failure = {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("broken.xml");
        std::fs::write(
            &path,
            "<?xml version=\"1.0\"?><rss><channel><item><title>x</ti",
        )
        .unwrap();
        let mut store = Store::open_in_memory().unwrap();
        import(&mut store, &[path]).failures[0].to_string()
    };
    assert!(
        failure.contains("broken.xml: not a readable RSS or Atom feed"),
        "{failure}"
    );
}

#[test]
fn nesting_just_under_the_limit_still_parses() {
    let text =
        "<p>गोरखपुर। पार्टी ने आज जिले के हर ब्लॉक में बैठक की और कार्यकर्ताओं को बूथ स्तर पर जिम्मेदारी सौंपी।</p>"
            .repeat(4);
    let depth = chunav::ingest::MAX_DEPTH - 10;
    let page = format!(
        "<html><head><title>गहरा पन्ना</title></head><body>{}{text}{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let (report, took) = import_bytes(page.as_bytes());
    assert!(took < Duration::from_secs(20), "took {took:?}");
    assert_eq!(report.imported, 1, "{:?}", report.failures);
}

#[test]
fn deep_and_wide_together_stay_bounded() {
    let depth = chunav::ingest::MAX_DEPTH - 5;
    let page = format!(
        "<html><head><title>t</title></head><body>{}{}{}</body></html>",
        "<div>".repeat(depth),
        "<p>क".repeat(chunav::ingest::MAX_ELEMENTS - depth - 10),
        "</div>".repeat(depth)
    );
    let failure = failure_of(page.as_bytes());
    assert!(failure.contains("too much markup"), "{failure}");
}

#[test]
fn a_page_just_inside_the_readability_budget_is_quick_enough() {
    let depth = 20;
    let page = format!(
        "<html><head><title>चौड़ा पन्ना</title></head><body>{}{}{}</body></html>",
        "<div>".repeat(depth),
        "<p>गोरखपुर में सभा हुई".repeat(chunav::ingest::READABILITY_BUDGET / depth - 1000),
        "</div>".repeat(depth)
    );
    let (report, took) = import_bytes(page.as_bytes());
    assert!(took < Duration::from_secs(60), "took {took:?}");
    assert_eq!(report.imported, 1, "{:?}", report.failures);
}

#[test]
fn a_deeply_nested_feed_is_an_error_not_a_crash() {
    let feed = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title><item><title>x</title><description>{}y{}</description></item></channel></rss>",
        "<x>".repeat(100_000),
        "</x>".repeat(100_000)
    );
    let (report, took) = {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("deep.xml");
        std::fs::write(&path, feed).unwrap();
        let mut store = Store::open_in_memory().unwrap();
        let start = Instant::now();
        let report = import(&mut store, &[path]);
        (report, start.elapsed())
    };
    assert!(took < Duration::from_secs(20), "took {took:?}");
    assert_eq!(report.imported + report.failures.len() as u64, 1);
}
