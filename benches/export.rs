//! Export throughput: 100,000 events generated in memory, written in every
//! format to a discarding writer. Prints the time and output size per
//! format; the target is under a second each.
//!
//! Run with `cargo bench --bench export` (an optimised build); name formats
//! after `--` to run only those.

mod common;

use std::io::Write;
use std::time::Instant;

use chunav::export::{self, ExportFormat, ExportOptions, ExportRecord};
use chunav::model::{
    DatePrecision, EventKind, EventPlaces, EventSource, EventStatus, display_date,
};

const EVENTS: usize = 100_000;

/// Counts bytes and throws them away.
struct Count(u64);

impl Write for Count {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn record(i: usize) -> ExportRecord {
    let precision = DatePrecision::ALL[i % DatePrecision::ALL.len()];
    let day = chrono::NaiveDate::from_ymd_opt(2020, 7, 1).unwrap()
        + chrono::Duration::days((i / 200) as i64);
    let start = day.to_string();
    let districts = ["Azamgarh", "Gorakhpur", "Mau", "Ballia", "Deoria"];
    let district = districts[i % districts.len()];
    let evidence = format!(
        "एआईएमआईएम {i} जनवरी को {district} में जनसभा करेगी, जिसमें <b>हज़ारों</b> कार्यकर्ता \"पहुंचेंगे\"; party workers said."
    );
    ExportRecord {
        id: i as i64 + 1,
        kind: EventKind::ALL[i % EventKind::ALL.len()],
        status: EventStatus::ALL[i % EventStatus::ALL.len()],
        date_display: display_date(Some(&start), precision),
        date_start: Some(start.clone()),
        date_end: Some((day + chrono::Duration::days(6)).to_string()),
        date_precision: precision,
        date_text: Some("फरवरी के पहले सप्ताह से".into()),
        party: Some("AIMIM".into()),
        party_name: Some("All India Majlis-e-Ittehadul Muslimeen".into()),
        party_colour: Some("#0B6623".into()),
        people: vec!["Asaduddin Owaisi".into()],
        places: EventPlaces {
            states: vec!["Uttar Pradesh".into()],
            regions: vec!["Purvanchal".into()],
            divisions: vec!["Azamgarh".into()],
            districts: vec![district.into()],
            constituencies: Vec::new(),
            latitude: Some(26.0536),
            longitude: Some(83.1812),
        },
        summary: evidence.clone(),
        evidence: evidence.clone(),
        sources: (0..1 + i % 3)
            .map(|s| EventSource {
                article_id: (i * 3 + s) as i64,
                title: format!("{district} में एआईएमआईएम की जनसभा, तैयारी पूरी ({s})"),
                url: Some(format!("https://news.chunav.example/bench/{i}/{s}")),
                outlet: Some("Purvi Khabar (bench)".into()),
                published_at: Some(format!("{start}T09:30:00+05:30")),
                evidence: evidence.clone(),
                sample: false,
            })
            .collect(),
        review_state: "unreviewed".into(),
        // One event in ten marked by the user, as a busy desk might.
        tags: if i.is_multiple_of(10) {
            vec!["follow-up".into(), "जांच".into()]
        } else {
            Vec::new()
        },
        note: i
            .is_multiple_of(10)
            .then(|| "ज़िला कार्यालय से पुष्टि करें; ask the reporter".into()),
        confidence: 0.7,
        sample: false,
    }
}

fn main() {
    let made = Instant::now();
    let records: Vec<ExportRecord> = (0..EVENTS).map(record).collect();
    println!(
        "generated {EVENTS} events in {:.3} s",
        made.elapsed().as_secs_f64()
    );
    let options = ExportOptions::default();
    // `cargo bench --bench export -- ics html` runs only those formats.
    let only: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    for format in ExportFormat::ALL {
        let name = format!("{format:?}").to_lowercase();
        if !only.is_empty() && !only.contains(&name) {
            continue;
        }
        let mut out = Count(0);
        let start = Instant::now();
        export::write(format, records.iter().map(Ok), &options, &mut out).unwrap();
        let seconds = start.elapsed().as_secs_f64();
        println!(
            "{name:<11} {seconds:>7.3} s  {:>7.1} MB  {:>9.0} events/s{}",
            out.0 as f64 / 1e6,
            EVENTS as f64 / seconds,
            if seconds < 1.0 {
                ""
            } else {
                "  (over the 1 s target)"
            }
        );
    }
}
