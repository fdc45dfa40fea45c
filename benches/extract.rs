//! Extraction speed: runs the extractor over at least 10 MB of article text
//! on one core and prints MB/s. The text is the demo articles repeated, plus
//! the shared corpus's articles when ../shared is present.
//!
//! cargo bench --bench extract

mod common;

use std::path::Path;
use std::time::Instant;

use chrono::NaiveDate;
use chunav::extract::{ArticleText, Extractor};
use serde::Deserialize;

const TARGET_BYTES: usize = 10 * 1024 * 1024;

#[derive(Deserialize)]
struct Record {
    #[serde(default)]
    title: String,
    #[serde(default)]
    standfirst: Option<String>,
    #[serde(default)]
    dateline: Option<String>,
    #[serde(default, alias = "text")]
    body: String,
    #[serde(default)]
    published: Option<String>,
}

impl Record {
    fn bytes(&self) -> usize {
        self.title.len()
            + self.body.len()
            + self.standfirst.as_ref().map_or(0, String::len)
            + self.dateline.as_ref().map_or(0, String::len)
    }

    fn published(&self) -> Option<NaiveDate> {
        let p = self.published.as_deref()?;
        NaiveDate::parse_from_str(p.get(..10)?, "%Y-%m-%d").ok()
    }
}

fn read(path: &Path) -> Vec<Record> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect()
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sources = vec![root.join("db/demo/articles.jsonl")];
    let shared = root.join("../shared/corpus");
    for f in [
        "hindi-full-text.jsonl",
        "english-full-text.jsonl",
        "bhaskar-purvanchal-leads-sample400.jsonl",
    ] {
        sources.push(shared.join(f));
    }
    let records: Vec<Record> = sources.iter().flat_map(|p| read(p)).collect();
    let one_pass: usize = records.iter().map(Record::bytes).sum();
    assert!(one_pass > 0, "no articles to extract from");
    let passes = TARGET_BYTES.div_ceil(one_pass);
    println!(
        "{} articles, {:.2} MB a pass ({}), {passes} passes",
        records.len(),
        one_pass as f64 / 1e6,
        if shared.is_dir() {
            "demo and shared corpus"
        } else {
            "demo only: ../shared is absent"
        }
    );
    let extractor = Extractor::embedded();
    let published: Vec<Option<NaiveDate>> = records.iter().map(Record::published).collect();
    let run = |passes: usize| {
        let mut found = 0usize;
        for _ in 0..passes {
            for (r, published) in records.iter().zip(&published) {
                let x = extractor.extract(&ArticleText {
                    title: &r.title,
                    standfirst: r.standfirst.as_deref(),
                    dateline: r.dateline.as_deref(),
                    body: &r.body,
                    published: *published,
                });
                found += x.mentions.len() + x.events.len();
            }
        }
        found
    };
    // Warm up: build the automata and fault in the data.
    run(1);
    let start = Instant::now();
    let found = run(passes);
    let seconds = start.elapsed().as_secs_f64();
    let mb = (one_pass * passes) as f64 / 1e6;
    println!(
        "extracted {mb:.1} MB in {seconds:.2} s on one core: {:.1} MB/s ({found} mentions and events)",
        mb / seconds
    );
}
