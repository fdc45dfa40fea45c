//! What the benchmarks share: big synthetic stores, generated once, and
//! how they report. Not every benchmark uses every part.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chunav::ingest::{self, Format, ImportReport};
use chunav::store::Store;
use chunav::synth::Generator;

/// The binary's allocator (see `src/main.rs`), so that what is measured
/// here is what a user runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The store of `n` synthetic articles (seed 1) under
/// `target/bench-stores/`, generated and imported on first use; the import
/// rate is reported then.
pub fn store_for(n: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-stores");
    std::fs::create_dir_all(&dir).expect("bench directory");
    let path = dir.join(format!("synthetic-{n}-seed1.db"));
    if path.exists() {
        return path;
    }
    let partial = dir.join(format!("synthetic-{n}-seed1.db.partial"));
    let _ = std::fs::remove_file(&partial);
    let mut store = Store::open(&partial).expect("bench store");
    let mut articles = Generator::new(1).take(n);
    let (mut bytes, mut report, started) = (0usize, ImportReport::default(), Instant::now());
    loop {
        let mut chunk = Vec::new();
        for _ in 0..2_000 {
            let Some(a) = articles.next() else { break };
            bytes += a.body.len() + a.title.len();
            let record = serde_json::json!({
                "id": a.external_id, "url": a.url, "outlet": a.outlet, "title": a.title,
                "dateline": a.dateline, "published": a.published.map(|p| p.to_rfc3339()),
                "updated": a.updated.map(|p| p.to_rfc3339()), "body": a.body,
            });
            serde_json::to_writer(&mut chunk, &record).expect("json");
            chunk.push(b'\n');
        }
        if chunk.is_empty() {
            break;
        }
        ingest::import_reader(
            &mut store,
            "synthetic.jsonl",
            chunk.as_slice(),
            Format::JsonLines,
            &Default::default(),
            &mut report,
        )
        .expect("import");
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "generated {n} articles: {} imported, {} duplicates, {} updated in {seconds:.1} s: {:.0} articles/s, {:.1} MB/s with extraction and FTS",
        report.imported,
        report.duplicates,
        report.updated,
        n as f64 / seconds,
        bytes as f64 / seconds / 1e6
    );
    drop(store);
    std::fs::rename(&partial, &path).expect("finish bench store");
    path
}

/// p50, p99 and the slowest of `times`, in milliseconds.
pub fn percentiles(times: &mut [Duration]) -> (f64, f64, f64) {
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    (ms(at(0.5)), ms(at(0.99)), ms(times[times.len() - 1]))
}

/// The store sizes to measure: `CHUNAV_BENCH_ARTICLES` (comma-separated),
/// else `default`.
pub fn sizes(default: &str) -> Vec<usize> {
    std::env::var("CHUNAV_BENCH_ARTICLES")
        .unwrap_or_else(|_| default.into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect()
}

/// Prints p50, p99 and the slowest of `times`, labelled `what`.
pub fn report(what: &str, times: &mut [Duration]) {
    let (p50, p99, max) = percentiles(times);
    println!(
        "  {what:<44} n={:<4} p50 {p50:>8.2} ms  p99 {p99:>8.2} ms  max {max:>8.2} ms",
        times.len()
    );
}

/// The process's memory: peak resident set, and now the part of it that is
/// the program's own (anonymous) and the part that is store pages read
/// through the memory map (the OS page cache, shared and reclaimable).
pub fn memory() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .map(|l| l[name.len()..].trim().to_string())
            .unwrap_or_else(|| "unknown".into())
    };
    format!(
        "peak resident {}; now {} of its own, {} of mapped store pages",
        field("VmHWM:"),
        field("RssAnon:"),
        field("RssFile:")
    )
}
