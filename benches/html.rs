//! How fast saved article pages import: 1,000 pages generated from the
//! synthetic articles, wrapped in our own page template with navigation,
//! scripts, ads and a related-story list. Every other page carries JSON-LD
//! with the body; the rest go through readability scoring.
//!
//! ```sh
//! cargo bench --bench html                               # 1,000 pages
//! CHUNAV_BENCH_PAGES=200 cargo bench --bench html        # another number
//! ```
//!
//! It prints pages per second for parsing alone and for the whole import
//! (parsing, extraction, storing and full-text indexing).

mod common;

use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Instant;

use chunav::ingest::{self, ImportOptions};
use chunav::model::NewArticle;
use chunav::store::Store;
use chunav::synth::Generator;

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// One page in the shape of a Hindi news site.
fn page(a: &NewArticle, n: usize, json_ld: bool) -> String {
    let mut html = String::with_capacity(a.body.len() * 2 + 4096);
    let title = escape(&a.title);
    let url = format!("https://bench.example/news/{n}.html");
    let _ = write!(
        html,
        "<!DOCTYPE html><html lang=\"hi\"><head><meta charset=\"utf-8\"><title>{title} | बेंच समाचार</title>\
         <link rel=\"canonical\" href=\"{url}\"><meta property=\"og:title\" content=\"{title}\">\
         <meta property=\"og:site_name\" content=\"बेंच समाचार\">"
    );
    if let Some(p) = a.published {
        let _ = write!(
            html,
            "<meta property=\"article:published_time\" content=\"{}\">",
            p.to_rfc3339()
        );
    }
    if json_ld {
        let ld = serde_json::json!({
            "@context": "https://schema.org", "@type": "NewsArticle", "headline": a.title,
            "datePublished": a.published.map(|p| p.to_rfc3339()), "articleBody": a.body,
            "publisher": {"@type": "Organization", "name": "बेंच समाचार"},
        });
        let _ = write!(
            html,
            "<script type=\"application/ld+json\">{}</script>",
            ld.to_string().replace("</", "<\\/")
        );
    }
    html.push_str(
        "<script>window.dataLayer=[];function ads(){return '<div>विज्ञापन</div>';}</script>\
         <style>.ad{height:250px}</style></head><body><header><nav><a href=\"/\">होम</a>\
         <a href=\"/up\">उत्तर प्रदेश</a><a href=\"/desh\">देश</a></nav></header>\
         <div class=\"ad\">विज्ञापन</div><main><article>",
    );
    let _ = write!(html, "<h1>{title}</h1><div class=\"story\">");
    for para in a.body.split("\n\n") {
        let _ = write!(html, "<p>{}</p>", escape(para));
    }
    html.push_str("</div></article></main><aside class=\"related\"><h3>यह भी पढ़ें</h3><ul>");
    for i in 0..8 {
        let _ = write!(html, "<li><a href=\"/news/{i}\">संबंधित खबर {i}</a></li>");
    }
    html.push_str("</ul></aside><footer>© बेंच समाचार</footer></body></html>");
    html
}

fn main() {
    let n: usize = std::env::var("CHUNAV_BENCH_PAGES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let dir = tempfile::tempdir().expect("temporary directory");
    let mut paths: Vec<PathBuf> = Vec::with_capacity(n);
    let mut bytes = 0usize;
    let mut jsonl = Vec::new();
    for (i, article) in Generator::new(7).take(n).enumerate() {
        let record = serde_json::json!({
            "url": format!("https://bench.example/news/{i}.html"), "title": article.title,
            "published": article.published.map(|p| p.to_rfc3339()), "body": article.body,
        });
        serde_json::to_writer(&mut jsonl, &record).expect("json");
        jsonl.push(b'\n');
        let html = page(&article, i, i % 2 == 0);
        bytes += html.len();
        let path = dir.path().join(format!("page-{i:05}.html"));
        std::fs::write(&path, html).expect("write page");
        paths.push(path);
    }
    println!("{n} pages, {:.1} MB, half with JSON-LD", bytes as f64 / 1e6);

    let started = Instant::now();
    let mut parsed = 0;
    for path in &paths {
        let bytes = std::fs::read(path).expect("read page");
        if ingest::parse_page(&bytes, None).is_ok() {
            parsed += 1;
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "parse only:  {parsed} pages in {seconds:.2} s: {:.0} pages/s",
        parsed as f64 / seconds
    );

    let mut store = Store::open(&dir.path().join("bench.db")).expect("store");
    let started = Instant::now();
    let report = ingest::import_paths(&mut store, &paths, &ImportOptions::default(), &mut ())
        .expect("import");
    let seconds = started.elapsed().as_secs_f64();
    assert!(report.failures.is_empty(), "{:?}", report.failures.first());
    println!(
        "full import: {} imported, {} duplicates in {seconds:.2} s: {:.0} articles/s (parsing, extraction, store, FTS)",
        report.imported,
        report.duplicates,
        (report.imported + report.duplicates) as f64 / seconds
    );

    // The same articles as one JSON Lines file, for comparison: what is
    // left is extraction and storing, without the pages.
    let mut store = Store::open(&dir.path().join("bench-jsonl.db")).expect("store");
    let mut report = ingest::ImportReport::default();
    let started = Instant::now();
    ingest::import_reader(
        &mut store,
        "bench.jsonl",
        jsonl.as_slice(),
        ingest::Format::JsonLines,
        &ImportOptions::default(),
        &mut report,
    )
    .expect("import");
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "same articles as JSON Lines: {} imported in {seconds:.2} s: {:.0} articles/s",
        report.imported,
        (report.imported + report.duplicates) as f64 / seconds
    );
}
