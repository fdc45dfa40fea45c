//! Import throughput: synthetic articles (seed 1) read as JSON Lines into a
//! new store with extraction and full-text indexing, next to two floors in
//! the same run: the same records stored with nothing extracted (article
//! rows and their full-text index only), and the same rows the import
//! writes, with their extraction made beforehand.
//!
//! ```sh
//! cargo bench --bench import                               # 10,000 articles
//! CHUNAV_BENCH_ARTICLES=10000,100000 cargo bench --bench import
//! ```

mod common;

use std::time::Instant;

use chunav::extract::{Extraction, Extractor};
use chunav::ingest::{self, Format, ImportOptions, ImportReport};
use chunav::store::{Isolation, KeyedArticle, Provenance, Store};

fn main() {
    for n in common::sizes("10000") {
        let mut jsonl = Vec::new();
        chunav::synth::write_jsonl(n, 1, &mut jsonl).expect("generate");
        let mb = jsonl.len() as f64 / 1e6;
        println!(
            "{n} articles, {mb:.1} MB of JSON Lines ({:.1} KB each):",
            jsonl.len() as f64 / n as f64 / 1e3
        );

        let dir = tempfile::tempdir().expect("temporary directory");
        let mut store = Store::open(&dir.path().join("full.db")).expect("store");
        let mut report = ImportReport::default();
        let started = Instant::now();
        ingest::import_reader(
            &mut store,
            "synthetic.jsonl",
            jsonl.as_slice(),
            Format::JsonLines,
            &ImportOptions::default(),
            &mut report,
        )
        .expect("import");
        let full = started.elapsed().as_secs_f64();
        // Closed first: the pages still in the write-ahead log go into the
        // store's file.
        drop(store);
        let size = std::fs::metadata(dir.path().join("full.db"))
            .map(|m| m.len())
            .unwrap_or(0);
        println!(
            "  with extraction and FTS  {:>8.0} articles/s  {:>6.2} MB/s  ({} imported, {} duplicates, {} updated, {:.1} s)",
            n as f64 / full,
            mb / full,
            report.imported,
            report.duplicates,
            report.updated,
            full
        );
        println!(
            "  store size               {:>8.1} KB per stored article",
            size as f64 / 1e3 / report.imported.max(1) as f64
        );

        // Two floors, each the records stored in batches of the import's
        // size with no extraction run: with nothing extracted (the article
        // rows and their search index), and with every row the import
        // writes, its extraction made beforehand. Their keys are made
        // beforehand too, as the import makes them on its parsing thread.
        let articles: Vec<_> = chunav::synth::Generator::new(1).take(n).collect();
        let extractor = Extractor::embedded();
        let extractions: Vec<Extraction> =
            articles.iter().map(|a| extractor.extract_new(a)).collect();
        let articles: Vec<KeyedArticle> = articles.into_iter().map(KeyedArticle::new).collect();
        let provenance = Provenance {
            file: "synthetic.jsonl".into(),
            line: None,
        };
        for (name, extracted) in [("nothing extracted", false), ("every row", true)] {
            let mut floor =
                Store::open(&dir.path().join(format!("floor-{extracted}.db"))).expect("store");
            let started = Instant::now();
            for (chunk, made) in articles
                .chunks(ingest::BATCH_ARTICLES)
                .zip(extractions.chunks(ingest::BATCH_ARTICLES))
            {
                let mut batch = floor.begin_import(false, Isolation::Whole).expect("batch");
                for (a, extraction) in chunk.iter().zip(made) {
                    let stored = |_: &chunav::model::NewArticle| {
                        if extracted {
                            extraction.clone()
                        } else {
                            Extraction::default()
                        }
                    };
                    batch.add(a, &provenance, &stored).expect("store");
                }
                batch.commit().expect("commit");
            }
            let bare = started.elapsed().as_secs_f64();
            println!(
                "  floor, {name:<17} {:>8.0} articles/s  {:>6.2} MB/s  (import / floor {:.2})",
                n as f64 / bare,
                mb / bare,
                bare / full
            );
        }
        println!("  memory: {}", common::memory());
    }
}
