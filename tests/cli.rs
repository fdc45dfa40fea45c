//! The command line, run as a user runs it.

mod common;

use common::Session;

use std::path::Path;

fn fixtures(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
        .display()
        .to_string()
}

#[test]
fn help_lists_subcommands_and_examples() {
    let s = Session::new();
    let help = s.ok(&["--help"]);
    for word in [
        "import",
        "articles",
        "show",
        "places",
        "stats",
        "demo",
        "completions",
        "man",
        "Examples:",
    ] {
        assert!(help.contains(word), "help lacks {word}");
    }
}

#[test]
fn import_then_list_as_json_and_csv() {
    let s = Session::new();
    let out = s.ok(&["import", &fixtures("text")]);
    assert!(
        out.starts_with("6 files: 5 imported, 0 duplicate, 1 updated, 0 failed"),
        "{out}"
    );
    let again = s.ok(&["import", &fixtures("text")]);
    assert!(again.contains("0 imported, 6 duplicate"), "{again}");

    let json: serde_json::Value =
        serde_json::from_str(&s.ok(&["articles", "--format", "json"])).unwrap();
    let rows = json.as_array().unwrap();
    assert_eq!(rows.len(), 5);
    assert!(
        rows.iter()
            .all(|r| r["title"].is_string() && r["id"].is_i64())
    );

    let csv_text = s.ok(&["articles", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    assert_eq!(reader.records().count(), 5);
}

#[test]
fn district_filter_agrees_in_hindi_and_english() {
    let s = Session::new();
    s.ok(&["demo"]);
    let ids = |name: &str| -> Vec<i64> {
        let json: serde_json::Value = serde_json::from_str(&s.ok(&[
            "articles",
            "--district",
            name,
            "--format",
            "json",
            "--limit",
            "500",
        ]))
        .unwrap();
        json.as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_i64().unwrap())
            .collect()
    };
    let hindi = ids("गोरखपुर");
    assert!(!hindi.is_empty());
    assert_eq!(hindi, ids("Gorakhpur"));
    assert_eq!(hindi, ids("gorakhpur"));
}

#[test]
fn show_places_and_stats() {
    let s = Session::new();
    s.ok(&["import", &fixtures("text/hindi_minimal.txt")]);
    let shown = s.ok(&["show", "1"]);
    assert!(shown.contains("देवरिया में भाजपा ने शुरू किया गांव चलो अभियान"));
    assert!(shown.contains("dateline   देवरिया (Deoria)"), "{shown}");
    let places = s.ok(&["places"]);
    assert!(places.contains("Deoria (देवरिया)  1"), "{places}");
    assert!(
        places.contains("division Gorakhpur (गोरखपुर)  1"),
        "{places}"
    );
    assert_eq!(s.ok(&["reextract"]), "re-extracted 1 articles\n");
    let places = s.ok(&["places"]);
    assert!(places.contains("Deoria (देवरिया)  1"), "{places}");
    let stats = s.ok(&["stats"]);
    assert!(
        stats.contains("articles   1 (1 Hindi, 0 English; 0 sample)"),
        "{stats}"
    );
}

#[test]
fn errors_are_one_line_with_a_non_zero_exit() {
    let s = Session::new();
    let out = s.run(&["articles", "--district", "Gorakpur"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        err,
        "chunav: no district called \"Gorakpur\"; did you mean Gorakhpur?\n"
    );

    let out = s.run(&["articles", "--from", "2021-02-30"]);
    assert_eq!(out.status.code(), Some(2));

    let out = s.run(&["show", "999"]);
    assert_eq!(String::from_utf8(out.stderr).unwrap().lines().count(), 1);

    // An import with a failure still imports the rest and exits 1.
    let out = s.run(&["import", &fixtures("jsonl/mixed.jsonl")]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("3 imported"), "{text}");
    assert!(text.contains("mixed.jsonl line 2:"), "{text}");
}

#[test]
fn demo_is_marked_as_sample_and_removable() {
    let s = Session::new();
    let out = s.ok(&["demo"]);
    assert!(out.contains("sample data"), "{out}");
    let stats = s.ok(&["stats", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stats).unwrap();
    assert_eq!(v["articles"], v["sample_articles"]);
    s.ok(&["import", &fixtures("text/hindi_minimal.txt")]);
    let removed = s.ok(&["demo", "--remove"]);
    assert!(removed.starts_with("removed "));
    let v: serde_json::Value = serde_json::from_str(&s.ok(&["stats", "--format", "json"])).unwrap();
    assert_eq!(v["articles"], 1, "the user's own article stays");
}

#[test]
fn completions_and_man_page() {
    let s = Session::new();
    assert!(s.ok(&["completions", "bash"]).contains("chunav"));
    assert!(s.ok(&["man"]).contains(".TH chunav"));
}

fn ids(json: &str) -> Vec<i64> {
    let rows: serde_json::Value = serde_json::from_str(json).unwrap();
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect()
}

#[test]
fn query_and_flags_give_the_same_rows() {
    let s = Session::new();
    s.ok(&["demo"]);
    let json = ["--format", "json", "--limit", "1000"];
    let run = |args: &[&str]| ids(&s.ok(&[args, &json[..]].concat()));
    let flags = run(&[
        "events",
        "--region",
        "पूर्वांचल",
        "--party",
        "aimim",
        "--from",
        "2021-01",
        "--to",
        "2021-03",
    ]);
    assert!(!flags.is_empty());
    let query = run(&[
        "events",
        "-q",
        "region:पूर्वांचल party:aimim date:2021-01..2021-03",
    ]);
    assert_eq!(flags, query);
    // Flags and a query together hold together.
    let both = run(&["events", "--party", "aimim", "-q", "-kind:rally"]);
    let rallies = run(&["events", "--party", "aimim", "--kind", "rally"]);
    let all = run(&["events", "--party", "aimim"]);
    assert_eq!(both.len() + rallies.len(), all.len());
    assert_eq!(
        run(&["articles", "--district", "allahabad"]),
        run(&["articles", "--query", "district:प्रयागराज"])
    );

    let csv = s.ok(&["export", "-q", "party:aimim kind:tour", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(!rows.is_empty());
    let kind = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "kind")
        .unwrap();
    assert!(rows.iter().all(|r| &r[kind] == "tour"));
}

#[test]
fn query_errors_underline_the_bad_word() {
    let s = Session::new();
    let out = s.run(&["events", "-q", "party:aimim distrct:गोरखपुर"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "chunav: unknown field \"distrct\"; did you mean \"district\"?\n  \
         party:aimim distrct:गोरखपुर\n              ^^^^^^^\n"
    );
    // A mistake in a flag stays one line.
    let out = s.run(&["events", "--kind", "raly"]);
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "chunav: unknown kind \"raly\"; did you mean \"rally\"?\n"
    );
}

#[test]
fn views_are_saved_listed_run_and_removed() {
    let s = Session::new();
    s.ok(&["demo"]);
    let query = "region:purvanchal party:aimim -kind:statement";
    s.ok(&["views", "add", "aimim-east", query]);
    // A query that would fail is refused, and a name is taken once.
    let bad = s.run(&["views", "add", "typo", "party:aimm"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        String::from_utf8(bad.stderr)
            .unwrap()
            .contains("did you mean AIMIM?")
    );
    assert_eq!(
        s.run(&["views", "add", "aimim-east", "party:sp"])
            .status
            .code(),
        Some(2)
    );

    let json = ["--format", "json", "--limit", "1000"];
    let viewed = ids(&s.ok(&[&["events", "--view", "aimim-east"], &json[..]].concat()));
    let queried = ids(&s.ok(&[&["events", "-q", query], &json[..]].concat()));
    assert!(!viewed.is_empty());
    assert_eq!(viewed, queried);
    let articles = ids(&s.ok(&[&["articles", "--view", "aimim-east"], &json[..]].concat()));

    let list: serde_json::Value =
        serde_json::from_str(&s.ok(&["views", "list", "--format", "json"])).unwrap();
    assert_eq!(list[0]["name"], "aimim-east");
    assert_eq!(list[0]["query"], query);
    assert_eq!(list[0]["events"], viewed.len());
    assert_eq!(list[0]["articles"], articles.len());
    let table = s.ok(&["views", "list"]);
    assert!(
        table.contains("aimim-east") && table.contains(query),
        "{table}"
    );

    let exported = s.ok(&["export", "--view", "aimim-east", "--format", "jsonl"]);
    assert_eq!(exported.lines().count(), viewed.len());
    let md = s.ok(&["export", "--view", "aimim-east", "--format", "md"]);
    assert!(md.contains("view: aimim-east"), "{md}");

    let unknown = s.run(&["events", "--view", "aimim-eest"]);
    assert!(
        String::from_utf8(unknown.stderr)
            .unwrap()
            .contains("did you mean aimim-east?")
    );
    assert_eq!(
        s.ok(&["views", "remove", "aimim-east"]),
        "removed view \"aimim-east\"\n"
    );
    assert_eq!(
        s.run(&["views", "remove", "aimim-east"]).status.code(),
        Some(2)
    );
    assert!(s.ok(&["views", "list"]).starts_with("no views"));
}
