//! Timeline export: every format from a small store of our own articles
//! (tests/fixtures/export/articles.jsonl), checked against golden files and
//! read back by real parsers; file output; the command line.
//!
//! To accept changed output, run
//! `CHUNAV_UPDATE_GOLDEN=1 cargo test --test export` and review the diff of
//! tests/golden/.

mod common;

use std::path::{Path, PathBuf};

use chunav::export::{self, Destination, ExportFormat, ExportOptions, ExportRecord};
use chunav::ingest::{self, Format, ImportOptions, ImportReport};
use chunav::model::Item;
use chunav::query::{EventFilter, EventPage, FilterArgs, Query};
use chunav::store::{EventReview, Store};

const FORMATS: [(ExportFormat, &str); 7] = [
    (ExportFormat::Csv, "events.csv"),
    (ExportFormat::Json, "events.json"),
    (ExportFormat::Jsonl, "events.jsonl"),
    (ExportFormat::Markdown, "events.md"),
    (ExportFormat::Ics, "events.ics"),
    (ExportFormat::Timelinejs, "events.timeline.json"),
    (ExportFormat::Html, "events.html"),
];

fn manifest(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// A store holding the export fixture articles.
fn fixture_store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let text = std::fs::read_to_string(manifest("tests/fixtures/export/articles.jsonl")).unwrap();
    let mut report = ImportReport::default();
    ingest::import_reader(
        &mut store,
        "articles.jsonl",
        text.as_bytes(),
        Format::JsonLines,
        &ImportOptions::default(),
        &mut report,
    )
    .unwrap();
    assert!(report.failures.is_empty(), "{:?}", report.failures);
    // The user's marks on one event, in words each format must escape.
    let rally = Query::parse("party:aimim kind:rally")
        .unwrap()
        .events(&store)
        .unwrap();
    let id = store.events(&rally, &EventPage::default()).unwrap()[0].id;
    store
        .add_tags(
            Item::Event(id),
            &["follow-up".into(), "=SUM(A1)".into(), "<b>".into()],
        )
        .unwrap();
    store.set_note(Item::Event(id), Some(NOTE)).unwrap();
    store
}

const NOTE: &str = "<script>alert('note')</script>; a, b\nline two";

fn options() -> ExportOptions {
    ExportOptions {
        title: "Purvanchal test timeline".into(),
        filters: vec![("region".into(), "Purvanchal".into())],
        ..ExportOptions::default()
    }
}

fn export_with(
    store: &Store,
    filter: &EventFilter,
    format: ExportFormat,
    o: &ExportOptions,
) -> String {
    let mut out = Vec::new();
    export::write(format, export::records(store, filter).unwrap(), o, &mut out).unwrap();
    String::from_utf8(out).expect("exports are UTF-8")
}

fn export(store: &Store, format: ExportFormat) -> String {
    export_with(store, &EventFilter::default(), format, &options())
}

fn records(store: &Store) -> Vec<ExportRecord> {
    export::records(store, &EventFilter::default())
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn every_format_matches_its_golden_file() {
    let store = fixture_store();
    let update = std::env::var_os("CHUNAV_UPDATE_GOLDEN").is_some();
    for (format, name) in FORMATS {
        let got = export(&store, format);
        let path = manifest("tests/golden").join(name);
        if update {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!("{}: {e} (CHUNAV_UPDATE_GOLDEN=1 writes it)", path.display())
        });
        assert!(
            got == want,
            "{name} differs from its golden file; CHUNAV_UPDATE_GOLDEN=1 rewrites it\n{got}"
        );
    }
}

#[test]
fn the_same_data_gives_the_same_bytes() {
    let (a, b) = (fixture_store(), fixture_store());
    for (format, _) in FORMATS {
        assert_eq!(export(&a, format), export(&b, format), "{format:?}");
    }
}

#[test]
fn records_come_in_date_order_whatever_the_page_size() {
    let mut store = Store::open_in_memory().unwrap();
    ingest::load_demo(&mut store).unwrap();
    let ids = |page| -> Vec<i64> {
        export::records_paged(&store, &EventFilter::default(), page)
            .unwrap()
            .map(|r| r.unwrap().id)
            .collect()
    };
    let all = ids(500);
    assert!(all.len() > 50, "the demo has events: {}", all.len());
    assert_eq!(ids(7), all);
    assert_eq!(ids(1), all);
}

#[test]
fn records_carry_places_sources_and_devanagari_unchanged() {
    let store = fixture_store();
    let rows = records(&store);
    assert_eq!(rows.len(), 6);
    let rally = rows
        .iter()
        .find(|r| r.party.as_deref() == Some("AIMIM") && r.kind.as_str() == "rally")
        .unwrap();
    assert_eq!(rally.date_start.as_deref(), Some("2021-01-12"));
    assert_eq!(rally.places.districts, ["Azamgarh"]);
    assert_eq!(rally.places.divisions, ["Azamgarh"]);
    assert_eq!(rally.places.regions, ["Purvanchal"]);
    assert_eq!(rally.places.states, ["Uttar Pradesh"]);
    assert!(rally.places.latitude.is_some());
    assert_eq!(rally.party_colour.as_deref(), Some("#0B6623"));
    assert_eq!(rally.sources.len(), 1);
    assert_eq!(
        rally.sources[0].outlet.as_deref(),
        Some("Purvi Khabar (test)")
    );
    assert_eq!(rally.summary, "एआईएमआईएम 12 जनवरी को आजमगढ़ में जनसभा करेगी।");
    let mau = rows.iter().find(|r| r.places.districts == ["Mau"]).unwrap();
    assert_eq!(
        mau.places.divisions,
        ["Azamgarh"],
        "Mau is in Azamgarh division"
    );
}

#[test]
fn person_and_reviewed_filters_narrow_the_export() {
    let mut store = fixture_store();
    let args = FilterArgs {
        person: Some("ओवैसी".into()),
        ..FilterArgs::default()
    };
    let filter = args.resolve_events(&store).unwrap();
    let rows: Vec<ExportRecord> = export::records(&store, &filter)
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].people, ["Asaduddin Owaisi"]);

    let unknown = FilterArgs {
        person: Some("Owaissi".into()),
        ..FilterArgs::default()
    };
    let err = unknown.resolve_events(&store).unwrap_err().to_string();
    assert!(
        err.contains("no person called") && err.contains("Owaisi"),
        "{err}"
    );

    let reviewed = FilterArgs {
        reviewed: true,
        ..FilterArgs::default()
    }
    .resolve_events(&store)
    .unwrap();
    assert_eq!(export::records(&store, &reviewed).unwrap().count(), 0);
    store
        .review_event(rows[0].id, &EventReview::Confirm)
        .unwrap();
    let confirmed: Vec<i64> = export::records(&store, &reviewed)
        .unwrap()
        .map(|r| r.unwrap().id)
        .collect();
    assert_eq!(confirmed, [rows[0].id]);
}

#[test]
fn csv_reads_back_with_injection_neutralised() {
    let store = fixture_store();
    let text = export(&store, ExportFormat::Csv);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header.len(), 25);
    assert_eq!(header[0], "id");
    assert_eq!(header[22], "review_state");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 6);
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let titles = column("source_titles");
    let bsp = rows.iter().find(|r| &r[column("party")] == "BSP").unwrap();
    assert!(bsp[titles].starts_with("'=HYPERLINK("), "{}", &bsp[titles]);
    assert!(
        bsp[column("evidence")].contains("<script>"),
        "CSV keeps text as written"
    );
    for row in &rows {
        for cell in row.iter() {
            assert!(!cell.starts_with(['=', '+', '@', '\t', '\r']), "{cell}");
        }
    }
    assert!(
        rows.iter()
            .any(|r| r[column("summary")].contains("12 जनवरी को आजमगढ़ में"))
    );
    assert!(!text.starts_with('\u{FEFF}'));

    let excel = ExportOptions {
        excel: true,
        ..options()
    };
    let with_bom = export_with(&store, &EventFilter::default(), ExportFormat::Csv, &excel);
    assert_eq!(with_bom.strip_prefix('\u{FEFF}'), Some(text.as_str()));
}

#[test]
fn every_format_carries_tags_and_notes_escaped() {
    let store = fixture_store();
    let rally = records(&store)
        .into_iter()
        .find(|r| !r.tags.is_empty())
        .unwrap();
    assert_eq!(rally.tags, ["<b>", "=SUM(A1)", "follow-up"]);
    assert_eq!(rally.note.as_deref(), Some(NOTE));

    let text = export(&store, ExportFormat::Csv);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row = reader
        .records()
        .map(Result::unwrap)
        .find(|r| !r[column("tags")].is_empty())
        .unwrap();
    assert_eq!(&row[column("tags")], "<b>; =SUM(A1); follow-up");
    assert_eq!(&row[column("note")], NOTE);

    let html = export(&store, ExportFormat::Html);
    assert!(
        html.contains("<span class=\"tag\">&lt;b&gt;</span>"),
        "{html}"
    );
    assert!(html.contains("<div class=\"note\">Note: &lt;script&gt;alert(&#39;note&#39;)&lt;/script&gt;; a, b\nline two</div>"));

    let md = export(&store, ExportFormat::Markdown);
    assert!(
        md.contains(" · tags: \\<b\\>, =SUM(A1), follow-up · note: \\<script\\>alert('note')\\</script\\>; a, b line two\n"),
        "{md}"
    );

    let ics = export(&store, ExportFormat::Ics);
    let unfolded = icalendar::parser::unfold(&ics);
    assert!(unfolded.contains("CATEGORIES:rally,AIMIM,<b>,=SUM(A1),follow-up\r\n"));
    assert!(unfolded.contains("\\nNote: <script>alert('note')</script>\\; a\\, b\\nline two\\n"));

    let timeline = export(&store, ExportFormat::Timelinejs);
    assert!(timeline.contains("<p>Tags: &lt;b&gt;, =SUM(A1), follow-up</p>"));
    assert!(timeline.contains(
        "<p>Note: &lt;script&gt;alert(&#39;note&#39;)&lt;/script&gt;; a, b\\nline two</p>"
    ));

    let json: Vec<serde_json::Value> =
        serde_json::from_str(&export(&store, ExportFormat::Json)).unwrap();
    let marked = json.iter().find(|r| r["note"].is_string()).unwrap();
    assert_eq!(marked["note"], NOTE);
    assert_eq!(
        marked["tags"],
        serde_json::json!(["<b>", "=SUM(A1)", "follow-up"])
    );
    assert!(json.iter().filter(|r| r["note"].is_null()).count() == 5);
}

#[test]
fn json_and_json_lines_follow_the_schema() {
    let store = fixture_store();
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(manifest("db/export/event.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let check = |value: &serde_json::Value| {
        let errors: Vec<String> = validator
            .iter_errors(value)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{errors:?}\n{value}");
    };

    let array: Vec<serde_json::Value> =
        serde_json::from_str(&export(&store, ExportFormat::Json)).unwrap();
    assert_eq!(array.len(), 6);
    array.iter().for_each(check);

    let lines: Vec<serde_json::Value> = export(&store, ExportFormat::Jsonl)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines, array);

    // The demo store too: more kinds, precisions and places.
    let mut demo = Store::open_in_memory().unwrap();
    ingest::load_demo(&mut demo).unwrap();
    let demo: Vec<serde_json::Value> =
        serde_json::from_str(&export(&demo, ExportFormat::Json)).unwrap();
    assert!(demo.len() > 50);
    demo.iter().for_each(check);

    // And the schema is not a rubber stamp.
    let mut bad = array[0].clone();
    bad["date_precision"] = "fortnight".into();
    assert!(!validator.is_valid(&bad));
}

#[test]
fn icalendar_parses_with_stable_uids_and_folded_lines() {
    let store = fixture_store();
    let text = export(&store, ExportFormat::Ics);
    for line in text.split_terminator("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
        assert!(!line.contains('\n'), "bare LF in {line:?}");
    }
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    let unfolded = icalendar::parser::unfold(&text);
    let calendar = icalendar::parser::read_calendar(&unfolded).unwrap();
    let events: Vec<_> = calendar
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .collect();
    assert_eq!(events.len(), 6);
    let prop = |e: &icalendar::parser::Component, name: &str| {
        e.find_prop(name).map(|p| p.val.as_str().to_string())
    };
    let by_precision = |p: &str| {
        *events
            .iter()
            .find(|e| prop(e, "X-CHUNAV-PRECISION").as_deref() == Some(p))
            .unwrap_or_else(|| panic!("no {p} event"))
    };
    let mut uids: Vec<String> = events.iter().map(|e| prop(e, "UID").unwrap()).collect();
    assert!(uids.iter().all(|u| u.ends_with("@chunav")));
    uids.sort();
    uids.dedup();
    assert_eq!(uids.len(), 6);

    let day = by_precision("day");
    assert_eq!(prop(day, "DTSTART").as_deref(), Some("20210112"));
    assert_eq!(prop(day, "DTEND").as_deref(), Some("20210113"));
    let start = day.find_prop("DTSTART").unwrap();
    assert!(
        start.params.iter().any(
            |p| p.key.as_str() == "VALUE" && p.val.as_ref().map(|v| v.as_str()) == Some("DATE")
        )
    );
    assert!(
        prop(day, "SUMMARY")
            .unwrap()
            .contains("एआईएमआईएम 12 जनवरी को आजमगढ़ में जनसभा करेगी।")
    );
    assert_eq!(prop(day, "DTSTAMP").as_deref(), Some("20210110T040000Z"));

    let week = by_precision("week");
    assert_eq!(prop(week, "DTSTART").as_deref(), Some("20210201"));
    assert_eq!(prop(week, "DTEND").as_deref(), Some("20210208"));
    assert!(prop(week, "SUMMARY").unwrap().contains("(approx.)"));
    let reported = by_precision("reported");
    assert_eq!(prop(reported, "DTSTART").as_deref(), Some("20210114"));
    assert!(prop(reported, "SUMMARY").unwrap().contains("(reported)"));

    // A fixed stamp for every event.
    let stamped = ExportOptions {
        stamp: Some("2022-03-10T00:00:00Z".parse().unwrap()),
        ..options()
    };
    let text = export_with(&store, &EventFilter::default(), ExportFormat::Ics, &stamped);
    let stamps = text.matches("DTSTAMP:20220310T000000Z\r\n").count();
    assert_eq!(stamps, 6);
}

#[test]
fn timelinejs_dates_are_only_as_exact_as_known() {
    let store = fixture_store();
    let value: serde_json::Value =
        serde_json::from_str(&export(&store, ExportFormat::Timelinejs)).unwrap();
    assert_eq!(
        value["title"]["text"]["headline"],
        "Purvanchal test timeline"
    );
    let events = value["events"].as_array().unwrap();
    assert_eq!(events.len(), 6);
    let by_display = |d: &str| {
        events
            .iter()
            .find(|e| e["display_date"] == d)
            .unwrap_or_else(|| panic!("no slide dated {d}"))
    };
    let day = by_display("2021-01-12");
    assert_eq!(
        day["start_date"],
        serde_json::json!({"year": 2021, "month": 1, "day": 12})
    );
    assert_eq!(day["group"], "AIMIM");
    assert!(
        day["media"]["url"]
            .as_str()
            .unwrap()
            .starts_with("https://")
    );
    let month = by_display("2021-03");
    assert_eq!(
        month["start_date"],
        serde_json::json!({"year": 2021, "month": 3})
    );
    let year = by_display("2022");
    assert_eq!(year["start_date"], serde_json::json!({"year": 2022}));
    let week = by_display("week of 2021-02-01");
    assert_eq!(
        week["end_date"],
        serde_json::json!({"year": 2021, "month": 2, "day": 7})
    );
    let text = serde_json::to_string(&value).unwrap();
    assert!(
        !text.contains("<script>"),
        "slide text is HTML and must be escaped"
    );
    assert!(text.contains("&lt;script&gt;"));
}

#[test]
fn html_is_self_contained_and_escaped() {
    let store = fixture_store();
    let html = export(&store, ExportFormat::Html);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        !html.contains("<script"),
        "article markup must not become markup"
    );
    assert!(html.contains("&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;"));
    for external in ["<link", " src=", "@import", "url("] {
        assert!(!html.contains(external), "external asset: {external}");
    }
    assert!(html.contains("--party: #0B6623"), "party colour");
    assert!(
        html.contains("≈ week") && html.contains(">reported<"),
        "precision markers"
    );
    assert!(html.contains("region <b>Purvanchal</b>"), "filters used");
    assert!(html.contains("<h2>January 2021</h2>"));
    assert!(
        html.contains("href=\"https://news.chunav.example/east-ledger/2021/02/bsp-mau-rally\"")
    );
    assert!(html.trim_end().ends_with("</html>"));
}

#[test]
fn markdown_groups_by_month_and_escapes_article_text() {
    let store = fixture_store();
    let md = export(&store, ExportFormat::Markdown);
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        headings,
        [
            "## January 2021",
            "## February 2021",
            "## March 2021",
            "## 2022"
        ]
    );
    assert!(md.contains("\\<script\\>"));
    assert!(!md.contains("<script>"));
    assert!(md.contains("- **week of 2021-02-01** · SP rally (planned) · Gorakhpur: "));
    assert!(
        md.contains("](https://news.chunav.example/purvi-khabar/2021/01/aimim-janasabha-azamgarh)")
    );
}

#[test]
fn files_are_written_whole_and_kept_without_force() {
    let store = fixture_store();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("timeline.csv");
    let to = |force| Destination::File {
        path: path.clone(),
        force,
    };
    let run = |destination: &Destination, format| {
        export::write_to(destination, |w| {
            export::write(
                format,
                export::records(&store, &EventFilter::default())?,
                &options(),
                w,
            )
        })
    };
    run(&to(false), ExportFormat::Csv).unwrap();
    let csv = std::fs::read_to_string(&path).unwrap();
    assert_eq!(csv, export(&store, ExportFormat::Csv));

    let err = run(&to(false), ExportFormat::Json).unwrap_err().to_string();
    assert!(
        err.contains("timeline.csv") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        csv,
        "kept without --force"
    );

    // A failing export leaves the old file and no temporary file behind.
    let failing = export::write_to(&to(true), |w| {
        let rows = records(&store)
            .into_iter()
            .map(Ok)
            .chain([Err(chunav::Error::Invalid("the store went away".into()))]);
        export::write(ExportFormat::Json, rows, &options(), w)
    });
    assert!(
        failing
            .unwrap_err()
            .to_string()
            .contains("the store went away")
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), csv);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["timeline.csv"]);

    run(&to(true), ExportFormat::Json).unwrap();
    assert!(std::fs::read_to_string(&path).unwrap().starts_with("[\n{"));

    let nowhere = dir.path().join("no such dir").join("timeline.csv");
    let err = run(
        &Destination::File {
            path: nowhere.clone(),
            force: false,
        },
        ExportFormat::Csv,
    )
    .unwrap_err()
    .to_string();
    assert!(err.starts_with(&nowhere.display().to_string()), "{err}");
    assert!(
        !err.contains(".chunav-export-"),
        "names the temporary file: {err}"
    );
    assert_eq!(err.lines().count(), 1);
}

#[test]
fn export_command_writes_files_and_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    let chunav = |args: &[&str]| common::chunav(&db).args(args).output().unwrap();
    let fixtures = manifest("tests/fixtures/export/articles.jsonl");
    assert!(
        chunav(&["import", fixtures.to_str().unwrap()])
            .status
            .success()
    );

    let out = chunav(&["export", "--district", "आजमगढ़", "--format", "jsonl"]);
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 2, "{stdout}");
    let dash = chunav(&[
        "export",
        "--district",
        "Azamgarh",
        "--format",
        "jsonl",
        "-o",
        "-",
    ]);
    assert_eq!(String::from_utf8(dash.stdout).unwrap(), stdout);

    let file = dir.path().join("out.ics");
    let file_arg = file.to_str().unwrap();
    let out = chunav(&[
        "export",
        "--format",
        "ics",
        "--stamp",
        "2022-01-01",
        "-o",
        file_arg,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    let ics = std::fs::read_to_string(&file).unwrap();
    assert!(
        ics.contains("DTSTAMP:20211231T183000Z\r\n"),
        "IST midnight in UTC"
    );

    let again = chunav(&["export", "--format", "csv", "-o", file_arg]);
    assert_eq!(again.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(
        stderr.contains("out.ics") && stderr.contains("--force"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), ics);
    let forced = chunav(&["export", "--format", "csv", "--force", "-o", file_arg]);
    assert!(forced.status.success());
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .starts_with("id,date_start")
    );

    let bad = chunav(&[
        "export",
        "--format",
        "html",
        "-o",
        "/nonexistent-dir/x.html",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert_eq!(
        stderr.trim_end(),
        "chunav: /nonexistent-dir/x.html: No such file or directory (os error 2)"
    );
}
