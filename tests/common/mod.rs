//! Helpers shared by the import tests: fixture paths and the checks of an
//! imported article against its `NAME.expected.json`.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use chunav::model::Article;

pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

/// Reads `DIR/NAME.expected.json` below the fixtures.
pub fn expected(dir: &str, name: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(fixture(&format!("{dir}/{name}.expected.json"))).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Checks the fields every format yields, and that the body starts with,
/// contains and leaves out what the expectation says.
pub fn check_article(name: &str, a: &Article, want: &serde_json::Value) {
    let s = |key: &str| want[key].as_str().map(str::to_string);
    assert_eq!(Some(a.title.clone()), s("title"), "{name} title");
    assert_eq!(a.standfirst, s("standfirst"), "{name} standfirst");
    assert_eq!(a.author, s("author"), "{name} author");
    assert_eq!(a.published_at, s("published"), "{name} published");
    assert_eq!(a.updated_at, s("updated"), "{name} updated");
    assert_eq!(a.dateline_place, s("dateline"), "{name} dateline");
    assert_eq!(
        Some(a.language.code().to_string()),
        s("language"),
        "{name} language"
    );
    let starts = s("body_starts_with").unwrap();
    assert!(
        a.body.starts_with(&starts),
        "{name} body starts {:?}",
        &a.body[..a.body.len().min(80)]
    );
    for piece in want["body_contains"].as_array().unwrap() {
        let piece = piece.as_str().unwrap();
        assert!(a.body.contains(piece), "{name} body lacks {piece:?}");
    }
    for piece in want["body_excludes"].as_array().unwrap() {
        let piece = piece.as_str().unwrap();
        assert!(!a.body.contains(piece), "{name} body keeps {piece:?}");
        assert!(
            !a.title.contains(piece) || piece == a.title,
            "{name} title keeps {piece:?}"
        );
    }
}
