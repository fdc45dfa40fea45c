//! Broken and hostile input: every bad file is reported with its file and
//! line (or cleaned), nothing already stored is lost, memory stays bounded
//! on huge files, and no text from an article reaches the terminal raw.
//! The inputs the fuzzers found crashing are kept here too.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use chunav::export::{self, ExportFormat, ExportOptions};
use chunav::ingest::{self, ImportOptions, ImportReport};
use chunav::query::{EventFilter, EventPage};
use chunav::store::Store;
use chunav::text::is_terminal_safe;

/// Every kind of terminal trap: CSI, OSC 8 hyperlinks and OSC 52 clipboard
/// writes with BEL and ST ends and unterminated, 8-bit CSI, C0 and C1
/// controls, bidirectional overrides and isolates, zero-width characters
/// and NUL.
const HOSTILE: &str = "\u{1b}[2J\u{1b}[31mलाल\u{1b}[0m \u{1b}]8;;https://evil.example/\u{7}link\u{1b}]8;;\u{1b}\\ \u{1b}]52;c;cm0gLXJmIH4=\u{7} \u{1b}]52;c;ZWNobyBoaQ==\u{1b}\\ \u{9b}31m \u{85}\u{90}dcs\u{9c} \u{202e}txt.exe\u{202c} \u{2066}iso\u{2069} \u{202a}\u{202b}\u{202d}\u{2067}\u{2068} z\u{200b}w\u{2060}j\u{feff} nul\u{0}\u{7}\u{8}\u{7f} \u{1b}]0;title";

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn import(store: &mut Store, paths: &[PathBuf]) -> ImportReport {
    ingest::import_paths(store, paths, &ImportOptions::default(), &mut ()).unwrap()
}

fn reasons(report: &ImportReport) -> Vec<String> {
    report.failures.iter().map(|f| f.to_string()).collect()
}

fn assert_has(report: &ImportReport, needle: &str) {
    let reasons = reasons(report);
    assert!(
        reasons.iter().any(|r| r.contains(needle)),
        "no failure {needle:?} in {reasons:#?}"
    );
}

fn titles(store: &Store) -> Vec<String> {
    let page = chunav::query::Page {
        after: None,
        limit: 1000,
    };
    let mut t: Vec<String> = store
        .articles(&Default::default(), &page)
        .unwrap()
        .into_iter()
        .map(|a| a.title)
        .collect();
    t.sort();
    t
}

#[test]
fn empty_binary_and_invalid_utf8_files_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let mut paths = Vec::new();
    for ext in ["txt", "jsonl", "csv", "html", "xml"] {
        paths.push(write(dir.path(), &format!("empty.{ext}"), b""));
        paths.push(write(
            dir.path(),
            &format!("binary.{ext}"),
            b"\x7fELF\x02\x01\x01\0\0\0\0\0",
        ));
    }
    let csv = write(
        dir.path(),
        "bad.csv",
        b"title,body\nfirst,ok\nsecond,caf\xe9\nthird,ok\n",
    );
    let jsonl = write(
        dir.path(),
        "bad.jsonl",
        b"{\"title\":\"a\",\"body\":\"x\"}\n{\"title\":\"caf\xe9\"}\n",
    );
    let html = write(
        dir.path(),
        "bad.html",
        b"<html>\n<title>t</title>\n<p>caf\xe9</p></html>",
    );
    paths.extend([csv, jsonl, html]);
    let mut store = Store::open_in_memory().unwrap();
    let report = import(&mut store, &paths);
    for ext in ["txt", "jsonl", "csv", "html", "xml"] {
        assert_has(&report, &format!("empty.{ext}: empty file"));
        assert_has(&report, &format!("binary.{ext}: binary file"));
    }
    assert_has(&report, "bad.csv line 3: invalid UTF-8");
    assert_has(&report, "bad.jsonl line 2: invalid UTF-8");
    assert_has(&report, "bad.html: not UTF-8 (line 3)");
    assert_eq!(report.imported, 3, "{:#?}", reasons(&report));
}

#[test]
fn malformed_records_are_reported_by_line_and_the_rest_land() {
    let dir = tempfile::tempdir().unwrap();
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let jsonl = format!(
        "{{\"title\":\"पहला\",\"body\":\"क\"}}\n{{\"title\":\"कटा\"\n[1,2]\n\"string\"\n{deep}\n{{\"title\":{{\"a\":1}},\"body\":\"x\"}}\n{{\"title\":\"आखिरी\",\"body\":\"ख\"}}\n"
    );
    let jsonl = write(dir.path(), "records.jsonl", jsonl.as_bytes());
    let csv = write(
        dir.path(),
        "records.csv",
        "title,body\nपहला,क\nदो,खंड,ज़्यादा\nतीसरा,ग\n\"खुला,उद्धरण\n".as_bytes(),
    );
    let no_title = write(dir.path(), "no_title.csv", b"name,body\na,b\n");
    let mut store = Store::open_in_memory().unwrap();
    let report = import(&mut store, &[jsonl, csv, no_title]);
    assert_has(&report, "records.jsonl line 2: invalid JSON");
    assert_has(&report, "records.jsonl line 3: expected a JSON object");
    assert_has(&report, "records.jsonl line 4: expected a JSON object");
    assert_has(
        &report,
        "records.jsonl line 5: invalid JSON: recursion limit",
    );
    assert_has(&report, "records.jsonl line 6: record has no title");
    assert_has(
        &report,
        "records.csv line 3: 3 fields where the header has 2",
    );
    assert_has(&report, "records.csv line 5: ");
    assert_has(
        &report,
        "no_title.csv line 1: CSV header has no title column",
    );
    assert_eq!(titles(&store), ["आखिरी", "तीसरा", "पहला"]);
}

#[test]
fn impossible_and_extreme_dates() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = [
        r#"{"title":"इकतीस फरवरी","published":"2021-02-31","body":"सभा"}"#,
        r#"{"title":"साल एक","published":"0001-01-01","body":"सपा ने 12 जनवरी को गोरखपुर में रैली की। अगले सप्ताह बैठक होगी। कल सम्मेलन हुआ था। अगले साल चुनाव लड़ेगी।"}"#,
        r#"{"title":"साल नौ हजार","published":"9999-12-31T23:59:59+05:30","body":"भाजपा 31 दिसंबर को आजमगढ़ में रैली करेगी। अगले सप्ताह, अगले महीने और अगले साल सम्मेलन होगा। 2 जनवरी तक सूची आएगी।"}"#,
        r#"{"title":"अरब वर्ष","published":"1000000000-01-01","body":"x"}"#,
        r#"{"title":"तारीखें","published":"2021-01-11","body":"31 फरवरी को सपा की रैली होगी। 0 जनवरी, 32 मार्च, 29 फरवरी 2021, 9999 में, वर्ष 0001, 1e9 और 10000000000 साल बाद बसपा का सम्मेलन हुआ।"}"#,
    ]
    .join("\n");
    let jsonl = write(dir.path(), "dates.jsonl", jsonl.as_bytes());
    let page = write(
        dir.path(),
        "page.txt",
        "इकतीस फरवरी का पन्ना\n\nPublished: Sun, 31 Feb 2021 03:07 PM (IST)\n\nदेवरिया। सपा ने सभा की।"
            .as_bytes(),
    );
    let mut store = Store::open_in_memory().unwrap();
    let report = import(&mut store, &[jsonl, page]);
    assert_has(
        &report,
        "dates.jsonl line 1: published: cannot read date \"2021-02-31\"",
    );
    assert_has(&report, "dates.jsonl line 4: published: cannot read date");
    assert_eq!(report.imported, 4, "{:#?}", reasons(&report));
    let stored = titles(&store);
    assert!(stored.contains(&"इकतीस फरवरी का पन्ना".to_string()));
    // Every event has a real date, and every export format and the
    // listings cope with the years at both ends.
    let events = store
        .events(
            &EventFilter::default(),
            &EventPage {
                after: None,
                limit: 1000,
            },
        )
        .unwrap();
    assert!(!events.is_empty());
    for format in ExportFormat::ALL {
        let mut out = Vec::new();
        let records = export::records(&store, &EventFilter::default()).unwrap();
        export::write(format, records, &ExportOptions::default(), &mut out).unwrap();
        assert!(!out.is_empty());
    }
}

#[test]
fn an_id_repeated_in_one_file_by_another_article_is_refused_but_not_by_a_later_version() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = [
        r#"{"id":"7","title":"पहली खबर","body":"एक"}"#,
        r#"{"id":"7","title":"दूसरी खबर","body":"दो"}"#,
        r#"{"id":"7","title":"पहली खबर","body":"एक"}"#,
        r#"{"id":"7","title":"पहली खबर","body":"एक, सुधरी","updated":"2021-01-12"}"#,
        // A later version at the same address is the same article.
        r#"{"id":"8","url":"https://x.example/8","title":"तीसरी खबर","body":"तीन"}"#,
        r#"{"id":"8","url":"https://x.example/8","title":"तीसरी खबर","body":"तीन, सुधरी","updated":"2021-01-12"}"#,
    ]
    .join("\n");
    let path = write(dir.path(), "ids.jsonl", jsonl.as_bytes());
    let mut store = Store::open_in_memory().unwrap();
    let report = import(&mut store, &[path]);
    assert_has(
        &report,
        "ids.jsonl line 2: id \"7\" was already used on line 1 by another article",
    );
    assert_has(
        &report,
        "ids.jsonl line 4: id \"7\" was already used on line 1",
    );
    assert_eq!(report.failures.len(), 2);
    assert_eq!(
        (report.imported, report.duplicates, report.updated),
        (2, 1, 1)
    );
    assert_eq!(titles(&store), ["तीसरी खबर", "पहली खबर"]);
}

#[test]
fn a_failed_or_repeated_import_keeps_what_was_stored() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(
        dir.path(),
        "good.jsonl",
        "{\"title\":\"रखी खबर\",\"body\":\"गोरखपुर में सभा\"}\n".as_bytes(),
    );
    let mut store = Store::open_in_memory().unwrap();
    assert_eq!(import(&mut store, std::slice::from_ref(&good)).imported, 1);
    let before = store.article(1).unwrap().unwrap();
    let bad = [
        write(dir.path(), "bad.csv", b"title,body\n\"open"),
        write(dir.path(), "bad.jsonl", b"{\"title\":1,\"body\":\n\xff"),
        write(dir.path(), "bad.html", b"<html><p>no title</p>"),
        write(dir.path(), "bad.xml", b"<rss><channel><item>"),
        good.clone(),
    ];
    let first = import(&mut store, &bad);
    let second = import(&mut store, &bad);
    assert_eq!(first.imported + second.imported, 0);
    assert_eq!((first.duplicates, second.duplicates), (1, 1));
    assert_eq!(first.failures, second.failures);
    assert_eq!(store.article(1).unwrap().unwrap(), before);
    assert_eq!(titles(&store), ["रखी खबर"]);
}

/// A file of `size` bytes that starts with `head` and goes on with NULs,
/// written sparsely so it costs no disk.
fn sparse(dir: &Path, name: &str, head: &[u8], size: u64) -> PathBuf {
    let path = write(dir, name, head);
    std::fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(size)
        .unwrap();
    path
}

fn chunav(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_chunav"));
    c.arg("--db").arg(db).env_remove("CHUNAV_DB");
    c
}

/// Runs `command` and returns its output and the most memory it held
/// (peak resident set, read from /proc while it runs).
fn run_measured(mut command: Command, stdin: Option<PathBuf>) -> (Output, u64) {
    command.stdout(Stdio::piped()).stderr(Stdio::piped());
    if let Some(path) = stdin {
        command.stdin(std::fs::File::open(path).unwrap());
    }
    let child = command.spawn().unwrap();
    let status = format!("/proc/{}/status", child.id());
    let peak = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let watcher = {
        let peak = peak.clone();
        std::thread::spawn(move || {
            while let Ok(s) = std::fs::read_to_string(&status) {
                let kb = s
                    .lines()
                    .find_map(|l| l.strip_prefix("VmHWM:"))
                    .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
                    .unwrap_or(0u64);
                peak.fetch_max(kb * 1024, std::sync::atomic::Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(2));
            }
        })
    };
    let output = child.wait_with_output().unwrap();
    watcher.join().unwrap();
    (output, peak.load(std::sync::atomic::Ordering::Relaxed))
}

#[test]
#[cfg(target_os = "linux")]
fn files_of_200_mb_are_refused_in_bounded_memory() {
    const SIZE: u64 = 200 << 20;
    const MEMORY: u64 = 150 << 20;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    let head = |s: &str| s.repeat(8192 / s.len() + 1);
    let cases = [
        (
            sparse(dir.path(), "big.txt", head("शीर्षक ").as_bytes(), SIZE),
            "big.txt: larger than 16 MB",
        ),
        (
            sparse(
                dir.path(),
                "big.jsonl",
                format!("{{\"title\":\"t\",\"body\":\"{}", head("क")).as_bytes(),
                SIZE,
            ),
            "big.jsonl line 1: line longer than 16 MB",
        ),
        (
            sparse(
                dir.path(),
                "big.csv",
                format!("title,body\nt,\"{}", head("क")).as_bytes(),
                SIZE,
            ),
            "big.csv line 2: a record longer than 16 MB",
        ),
        (
            sparse(
                dir.path(),
                "big.html",
                format!("<html><p>{}", head("क")).as_bytes(),
                SIZE,
            ),
            "big.html: page larger than 8 MB",
        ),
        (
            sparse(
                dir.path(),
                "big.xml",
                format!("<rss><channel><title>{}", head("क")).as_bytes(),
                SIZE,
            ),
            "big.xml: feed larger than 16 MB",
        ),
    ];
    for (path, message) in &cases {
        let mut command = chunav(&db);
        command.arg("import").arg(path);
        let (out, peak) = run_measured(command, None);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout.contains(message), "{message:?} not in {stdout}");
        assert_eq!(out.status.code(), Some(1));
        assert!(peak < MEMORY, "{path:?} took {} MB", peak >> 20);
    }
    // Standard input is read as it comes, like a file.
    let mut command = chunav(&db);
    command.args(["import", "-"]);
    let (out, peak) = run_measured(command, Some(cases[1].0.clone()));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("line 1: line longer than 16 MB"),
        "{stdout}"
    );
    assert!(peak < MEMORY, "standard input took {} MB", peak >> 20);
}

#[test]
fn a_10_mb_line_is_one_article_read_in_bounded_time() {
    let dir = tempfile::tempdir().unwrap();
    let words = "सपा ने गोरखपुर में 12 जनवरी को रैली की और अगले सप्ताह बैठक होगी ";
    let body = words.repeat((10 << 20) / words.len());
    let jsonl = format!("{{\"title\":\"लंबी पंक्ति\",\"body\":\"{body}\"}}\n");
    let jsonl = write(dir.path(), "long.jsonl", jsonl.as_bytes());
    let page = write(dir.path(), "long.txt", body.as_bytes());
    let mut store = Store::open_in_memory().unwrap();
    let started = Instant::now();
    let report = import(&mut store, &[jsonl, page]);
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(report.imported, 2, "{:#?}", reasons(&report));
}

#[test]
fn markup_nested_100_000_deep_anywhere_is_refused_or_read_without_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let deep = format!(
        "{}गहरा{}",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    let page = format!(
        "<html><head><title>गहरा पन्ना</title><script type=\"application/ld+json\">{}</script></head><body><p>x</p></body></html>",
        serde_json::json!({"@type": "NewsArticle", "headline": "गहरा", "articleBody": deep})
    );
    let escaped = deep.replace('<', "&lt;").replace('>', "&gt;");
    let feed = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title><item><title>गहरी</title><description>{escaped}</description></item></channel></rss>"
    );
    let paths = [
        write(dir.path(), "deep.html", page.as_bytes()),
        write(dir.path(), "deep.xml", feed.as_bytes()),
        write(dir.path(), "plain.html", deep.as_bytes()),
    ];
    let mut store = Store::open_in_memory().unwrap();
    let started = Instant::now();
    let report = import(&mut store, &paths);
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(report.files, 3);
    assert_has(&report, "plain.html: markup nested more than 1000 levels");
}

/// A store with the demo articles whose every stored text field, and a
/// feed's, carries `HOSTILE`: written straight into SQLite, as another
/// tool or an older chunav might have left it, since import cleans text.
fn poisoned_store(dir: &Path) -> PathBuf {
    let db = dir.join("store.db");
    let out = chunav(&db).arg("demo").output().unwrap();
    assert!(out.status.success());
    let conn = rusqlite::Connection::open(&db).unwrap();
    for sql in [
        "UPDATE articles SET title = ?1 || title, author = ?1, editor = ?1, standfirst = ?1,
             dateline = ?1, source_file = ?1, url = url || ?1, body = ?1 || body",
        "UPDATE outlets SET name = ?1 || name",
        "UPDATE campaign_events SET date_text = ?1",
        "UPDATE event_sources SET evidence = ?1 || evidence",
        "INSERT INTO feeds (name, url, added_at, fetched_at, last_status, last_error)
             VALUES (?1, 'https://x.example/' || ?1, ?1, ?1, 'failed', ?1)",
    ] {
        conn.execute(sql, [HOSTILE]).unwrap();
    }
    db
}

fn assert_safe(what: &str, bytes: &[u8]) {
    // Line ends of CSV and iCalendar are CRLF by their standards; a lone
    // carriage return, which could overwrite a line, is still refused.
    let text = String::from_utf8_lossy(bytes).replace("\r\n", "\n");
    assert!(is_terminal_safe(&text), "{what} printed {text:?}");
}

#[test]
fn hostile_text_never_reaches_the_terminal_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = poisoned_store(dir.path());
    // An argument cannot hold NUL.
    let h = HOSTILE.replace('\0', "");
    let h = h.as_str();
    let commands: &[&[&str]] = &[
        &["articles"],
        &["articles", "--format", "csv"],
        &["articles", "--format", "json"],
        &["events"],
        &["events", "--format", "csv"],
        &["events", "--format", "json"],
        &["show", "1"],
        &["show", "1", "--format", "json"],
        &["explain", "1"],
        &["places"],
        &["stats"],
        &["feeds", "list"],
        &["feeds", "list", "--format", "json"],
        &["export", "--format", "markdown"],
        &["export", "--format", "csv"],
        &["export", "--format", "ics"],
        &["export", "--format", "html"],
        &["export", "--format", "timelinejs"],
        &["export", "--format", "jsonl"],
        // Errors that echo what was given.
        &["articles", "--district", h],
        &["feeds", "remove", h],
        &["feeds", "add", h],
        &["import", h],
        &["show", "999999"],
    ];
    for args in commands {
        let out = chunav(&db).args(*args).output().unwrap();
        assert_safe(&format!("{args:?} stdout"), &out.stdout);
        assert_safe(&format!("{args:?} stderr"), &out.stderr);
    }
    // The text is still there, only made harmless.
    let shown = chunav(&db).args(["show", "1"]).output().unwrap();
    assert!(String::from_utf8_lossy(&shown.stdout).contains("लाल"));
}

#[test]
fn hostile_text_never_reaches_the_terminal_from_the_interface() {
    use chunav::tui::app::App;
    use chunav::tui::keymap::Keymap;
    use chunav::tui::theme::Theme;
    use chunav::tui::view;
    use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::layout::Rect;

    let dir = tempfile::tempdir().unwrap();
    let db = poisoned_store(dir.path());
    let store = Store::open(&db).unwrap();
    let mut app = App::new(store, Keymap::default(), Rect::new(0, 0, 120, 40)).unwrap();
    let theme = Theme::new(false, &app.parties, &Default::default());
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let keys = [
        KeyCode::Enter,
        KeyCode::Down,
        KeyCode::Esc,
        KeyCode::Char('2'),
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Char('/'),
    ];
    for key in keys {
        terminal.draw(|f| view::draw(f, &app, &theme)).unwrap();
        for cell in terminal.backend().buffer().content() {
            assert_safe(
                &format!("the interface after {key:?}"),
                cell.symbol().as_bytes(),
            );
        }
        app.handle_event(&Event::Key(KeyEvent::new(key, KeyModifiers::NONE)));
    }
    // Pasted text with the same traps, in the search box.
    app.handle_event(&Event::Paste(HOSTILE.to_string()));
    terminal.draw(|f| view::draw(f, &app, &theme)).unwrap();
    let screen = view::buffer_text(terminal.backend().buffer());
    assert_safe("the interface after a paste", screen.as_bytes());
}
