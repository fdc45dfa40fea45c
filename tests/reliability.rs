//! The store under stress, run as a user runs chunav: Ctrl-C during an
//! import, several processes at once, files that are damaged, read-only or
//! on a full disk, and backups of a store in use.

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use chunav::Error;
use chunav::ingest::{self, ImportOptions};
use chunav::store::Store;
use common::{articles_jsonl, checked_article_count, chunav, report_counts};

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Waits until the store at `db` holds at least `n` articles.
fn wait_for_articles(db: &Path, n: u64) {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE;
        let count = rusqlite::Connection::open_with_flags(db, flags)
            .ok()
            .and_then(|c| {
                c.query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0))
                    .ok()
            });
        if count.is_some_and(|c| c as u64 >= n) {
            return;
        }
        assert!(Instant::now() < deadline, "no articles arrived");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn import(db: &Path, file: &Path) -> Output {
    chunav(db).arg("import").arg(file).output().unwrap()
}

#[test]
fn ctrl_c_stops_between_articles_reports_and_a_rerun_completes() {
    let dir = tempfile::tempdir().unwrap();
    let (file, db) = (dir.path().join("a.jsonl"), dir.path().join("s.db"));
    // Many batches: the signal comes after the first one is stored, and
    // must find the import with most of its work ahead.
    let total = 8 * chunav::ingest::BATCH_ARTICLES;
    let (jsonl, distinct) = articles_jsonl(total, "sigint");
    std::fs::write(&file, jsonl).unwrap();
    let child = chunav(&db)
        .arg("import")
        .arg(&file)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_for_articles(&db, 1);
    let sent = Command::new("kill")
        .args(["-s", "INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let out = child.wait_with_output().unwrap();
    let stdout = text(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(130),
        "{stdout}{}",
        text(&out.stderr)
    );
    assert!(stdout.contains("interrupted"), "{stdout}");
    let [imported, duplicates, _, failed] = report_counts(&stdout);
    let stored = checked_article_count(&db);
    assert_eq!(failed, 0);
    assert_eq!(imported, stored, "the report counts what is stored");
    assert!(stored < distinct, "stopped before the end");
    assert!(imported + duplicates < total as u64);

    let rerun = import(&db, &file);
    assert!(rerun.status.success(), "{rerun:?}");
    let [imported, duplicates, _, _] = report_counts(&text(&rerun.stdout));
    assert_eq!(imported + duplicates, total as u64);
    assert_eq!(checked_article_count(&db), distinct);
}

#[test]
fn readers_and_two_imports_share_a_store_without_locking_errors() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    // Created first, so that the two imports race on writing articles
    // rather than on creating the schema.
    Store::open(&db).unwrap();
    let mut files = Vec::new();
    let mut distinct = 0;
    for tag in ["one", "two"] {
        let file = dir.path().join(format!("{tag}.jsonl"));
        let (jsonl, n) = articles_jsonl(400, tag);
        std::fs::write(&file, jsonl).unwrap();
        distinct += n;
        files.push(file);
    }
    let mut importers: Vec<_> = files
        .iter()
        .map(|f| {
            chunav(&db)
                .arg("import")
                .arg(f)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    // Read while both write, until both are done.
    let (mut reads, mut seen_midway) = (0, false);
    while reads < 3
        || importers
            .iter_mut()
            .any(|c| c.try_wait().unwrap().is_none())
    {
        for args in [
            &["articles", "--limit", "3"][..],
            &["stats", "--format", "json"],
        ] {
            let out = chunav(&db).args(args).output().unwrap();
            assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
            reads += 1;
            if args[0] == "stats" {
                let stats: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
                let n = stats["articles"].as_u64().unwrap();
                seen_midway |= n > 0 && n < distinct;
            }
        }
    }
    for child in importers {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", text(&out.stderr));
        let [imported, duplicates, updated, failed] = report_counts(&text(&out.stdout));
        assert_eq!((imported + duplicates, updated, failed), (400, 0, 0));
    }
    assert_eq!(checked_article_count(&db), distinct);
    // Imports commit batch by batch, so readers see them under way.
    assert!(seen_midway, "{reads} reads saw no import under way");
}

fn sha(path: &Path) -> Vec<u8> {
    use sha2::Digest;
    sha2::Sha256::digest(std::fs::read(path).unwrap()).to_vec()
}

/// Runs `chunav` on `db` with `args`, expecting a refusal that names the
/// file and says `why`, and that leaves the file as it was with nothing
/// beside it.
fn assert_refused(mut cmd: Command, db: &Path, why: &str) {
    let before = sha(db);
    let out = cmd.output().unwrap();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(&db.display().to_string()), "{stderr}");
    assert!(stderr.contains(why), "{stderr}");
    assert_eq!(sha(db), before, "{} changed", db.display());
    let wal = db.with_extension("db-wal");
    assert!(!wal.exists(), "{} was created", wal.display());
}

/// A store with a few articles, closed cleanly, and how many it holds.
fn small_store(dir: &Path) -> (std::path::PathBuf, u64) {
    let (db, file) = (dir.join("s.db"), dir.join("a.jsonl"));
    let (jsonl, distinct) = articles_jsonl(20, "small");
    std::fs::write(&file, jsonl).unwrap();
    assert!(import(&db, &file).status.success());
    (db, distinct)
}

#[test]
fn an_upgrade_is_announced_once_before_it_runs() {
    let dir = tempfile::tempdir().unwrap();
    let (db, distinct) = small_store(dir.path());
    let stats = |db: &Path| chunav(db).arg("stats").output().unwrap();
    let announced = |out: &Output| text(&out.stderr).contains("upgrading the store");
    // A store written by a chunav one migration older.
    rusqlite::Connection::open(&db)
        .unwrap()
        .pragma_update(None, "user_version", chunav::store::SCHEMA_VERSION - 1)
        .unwrap();
    let first = stats(&db);
    assert!(first.status.success(), "{}", text(&first.stderr));
    assert!(announced(&first), "{}", text(&first.stderr));
    assert_eq!(checked_article_count(&db), distinct);
    // Upgraded: nothing to announce, and a new store has nothing either.
    assert!(!announced(&stats(&db)));
    assert!(!announced(&stats(&dir.path().join("new.db"))));
}

#[test]
fn damaged_files_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let noise = dir.path().join("noise.db");
    let mut rng = fastrand::Rng::with_seed(4);
    std::fs::write(&noise, (0..8192).map(|_| rng.u8(..)).collect::<Vec<_>>()).unwrap();
    let mut cmd = chunav(&noise);
    cmd.arg("articles");
    assert_refused(cmd, &noise, "not a chunav store");

    let (db, _) = small_store(dir.path());
    let len = std::fs::metadata(&db).unwrap().len();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&db)
        .unwrap()
        .set_len(len / 2)
        .unwrap();
    for args in [&["articles"][..], &["import", "-"]] {
        let mut cmd = chunav(&db);
        cmd.args(args).stdin(Stdio::null());
        assert_refused(cmd, &db, "damaged");
    }
}

/// `chunav` run as a user who may not write what root owns: the tests run
/// as root in some containers, and root may write anything. None when
/// that is not possible here.
fn unprivileged(db: &Path) -> Option<Command> {
    let root = std::fs::read_to_string("/proc/self/status")
        .ok()?
        .lines()
        .any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(1) == Some("0"));
    if !root {
        return Some(chunav(db));
    }
    let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"]
        .into_iter()
        .find(|p| Path::new(p).exists())?;
    let mut cmd = Command::new(setpriv);
    cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(env!("CARGO_BIN_EXE_chunav"))
        .arg("--db")
        .arg(db)
        .env_remove("CHUNAV_DB");
    Some(cmd)
}

#[test]
fn read_only_stores_are_refused_untouched() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let chmod = |p: &Path, mode| std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode));
    chmod(dir.path(), 0o755).unwrap();
    let (db, _) = small_store(dir.path());
    let Some(probe) = unprivileged(&db) else {
        eprintln!("skipped: running as root without setpriv");
        return;
    };
    drop(probe);
    let file = dir.path().join("a.jsonl");
    chmod(&file, 0o644).unwrap();

    // The file read-only.
    chmod(&db, 0o444).unwrap();
    for args in [&["articles"][..], &["import"]] {
        let mut cmd = unprivileged(&db).unwrap();
        cmd.args(args);
        if args == ["import"] {
            cmd.arg(&file);
        }
        assert_refused(cmd, &db, "read-only");
    }

    // The file writable but its folder not: SQLite could not create its
    // journal beside it.
    chmod(&db, 0o666).unwrap();
    chmod(dir.path(), 0o555).unwrap();
    let mut cmd = unprivileged(&db).unwrap();
    cmd.arg("import").arg(&file);
    assert_refused(cmd, &db, "read-only");
    chmod(dir.path(), 0o755).unwrap();
}

#[test]
fn a_full_disk_stops_the_import_and_leaves_the_store_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let (db, stored) = small_store(dir.path());
    let before = sha(&db);
    let file = dir.path().join("more.jsonl");
    // Fewer than one batch, so that nothing of the file can be stored.
    std::fs::write(&file, articles_jsonl(40, "full").0).unwrap();
    let pages: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    {
        let mut store = Store::open(&db).unwrap();
        store.set_max_pages(pages + 1).unwrap();
        let err = ingest::import_paths(&mut store, &[file], &ImportOptions::default(), &mut ())
            .expect_err("the disk is full");
        assert!(matches!(err, Error::DiskFull { .. }), "{err}");
        let message = err.to_string();
        assert!(message.contains(&db.display().to_string()), "{message}");
        assert!(message.contains("disk is full"), "{message}");
    }
    assert_eq!(checked_article_count(&db), stored);
    assert_eq!(sha(&db), before, "the store file changed");
}

#[test]
fn backup_copies_a_store_in_use_consistently_and_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let (db, stored) = small_store(dir.path());
    let file = dir.path().join("more.jsonl");
    let (jsonl, distinct) = articles_jsonl(1500, "backup");
    std::fs::write(&file, jsonl).unwrap();
    let writer = chunav(&db)
        .arg("import")
        .arg(&file)
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    wait_for_articles(&db, stored + 1);
    let copy = dir.path().join("copy.db");
    let out = chunav(&db).arg("backup").arg(&copy).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("integrity check ok"));
    // A consistent snapshot: whole batches, each article with its extraction.
    let copied = checked_article_count(&copy);
    assert!(
        (stored + 1..=stored + distinct).contains(&copied),
        "{copied}"
    );
    assert!(!copy.with_extension("db-wal").exists(), "one file");
    let store = Store::open(&copy).unwrap();
    assert_eq!(store.article_count().unwrap(), copied);
    drop(store);
    let output = writer.wait_with_output().unwrap();
    assert!(output.status.success());

    // An existing file is kept without --force, and replaced with it.
    let kept = sha(&copy);
    let again = chunav(&db).arg("backup").arg(&copy).output().unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert!(text(&again.stderr).contains("--force"));
    assert_eq!(sha(&copy), kept);
    let forced = chunav(&db)
        .args(["backup", "--force"])
        .arg(&copy)
        .output()
        .unwrap();
    assert!(forced.status.success());
    assert_eq!(checked_article_count(&copy), stored + distinct);
    // No temporary file is left beside it.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with(".chunav-backup"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}
