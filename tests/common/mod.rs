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

/// `chunav` as a user runs it, on the store `db`.
/// A store in a folder of its own, with a config directory of its own, run
/// as a user runs chunav.
pub struct Session {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
}

impl Session {
    pub fn new() -> Session {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("store.db");
        Session { dir, db }
    }

    /// `XDG_CONFIG_HOME` for this session's runs.
    pub fn config_home(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    pub fn run(&self, args: &[&str]) -> std::process::Output {
        chunav(&self.db)
            .args(args)
            .env("XDG_CONFIG_HOME", self.config_home())
            .output()
            .unwrap()
    }

    /// The standard output of a run that must succeed.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "chunav {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }
}

/// The ids of every article `query` finds, checked against its count.
pub fn article_ids(store: &chunav::store::Store, query: &str) -> std::collections::BTreeSet<i64> {
    let filter = chunav::query::Query::parse(query)
        .unwrap_or_else(|e| panic!("{e}"))
        .articles(store)
        .unwrap_or_else(|e| panic!("{e}"));
    let page = chunav::query::Page {
        after: None,
        limit: 100_000,
    };
    let rows = store.articles(&filter, &page).unwrap();
    assert_eq!(store.count_articles(&filter).unwrap(), rows.len() as u64);
    rows.into_iter().map(|a| a.id).collect()
}

pub fn chunav(db: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_chunav"));
    cmd.arg("--db").arg(db).env_remove("CHUNAV_DB");
    cmd
}

/// JSON Lines of `n` small Hindi articles (tagged `tag`, so that two files
/// do not share articles), each naming a district and a party; every tenth
/// line repeats an earlier one. Returns the text and its distinct articles.
pub fn articles_jsonl(n: usize, tag: &str) -> (String, u64) {
    const DISTRICTS: [&str; 8] = [
        "गोरखपुर",
        "आजमगढ़",
        "बलिया",
        "देवरिया",
        "कुशीनगर",
        "जौनपुर",
        "गाजीपुर",
        "वाराणसी",
    ];
    const PARTIES: [&str; 4] = ["भाजपा", "सपा", "बसपा", "एआईएमआईएम"];
    let mut lines: Vec<String> = Vec::with_capacity(n);
    let mut distinct = 0;
    for i in 0..n {
        if i % 10 == 9 {
            lines.push(lines[i / 2].clone());
            continue;
        }
        distinct += 1;
        let district = DISTRICTS[i % DISTRICTS.len()];
        let party = PARTIES[i % PARTIES.len()];
        let article = serde_json::json!({
            "id": format!("{tag}-{i}"),
            "url": format!("https://example.org/{tag}/{i}"),
            "title": format!("{district} में {party} की बैठक ({tag} {i})"),
            "published": format!("2021-01-{:02}T10:00:00+05:30", 1 + i % 28),
            "body": format!(
                "{district} में {party} की बैठक हुई। जिलाध्यक्ष ने कार्यकर्ताओं से बूथ स्तर \
                 पर काम करने को कहा। ({tag} {i})"
            ),
        });
        lines.push(article.to_string());
    }
    (lines.join("\n") + "\n", distinct)
}

/// Checks the store at `db` as a crash may have left it, and returns how
/// many articles it holds: SQLite's integrity check passes and no article
/// is stored without what extraction found in it (every test article
/// names a district, so each has mentions).
pub fn checked_article_count(db: &Path) -> u64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    let verdict: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(verdict, "ok", "{}", db.display());
    let has_articles: bool = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name = 'articles'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    if !has_articles {
        return 0; // killed before the first migration committed
    }
    let bare: i64 = conn
        .query_row(
            "SELECT count(*) FROM articles a
             WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = a.id)
                OR NOT EXISTS (SELECT 1 FROM article_places p WHERE p.article_id = a.id)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(bare, 0, "articles stored without their extraction");
    conn.query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0))
        .unwrap() as u64
}

/// The imported, duplicate, updated and failed counts of an import report.
pub fn report_counts(stdout: &str) -> [u64; 4] {
    let line = stdout
        .lines()
        .find(|l| l.contains(" imported, "))
        .unwrap_or_else(|| panic!("no import report in {stdout:?}"));
    let numbers: Vec<u64> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| !w.is_empty())
        .map(|w| w.parse().unwrap())
        .collect();
    // "N files: I imported, D duplicate, U updated, F failed"
    [numbers[1], numbers[2], numbers[3], numbers[4]]
}
