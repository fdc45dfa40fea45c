//! Crash safety: `chunav import` killed with SIGKILL at random moments
//! (while creating the store, while importing, while committing) leaves a
//! sound store with no article stored without what extraction found in it,
//! and the import run again completes with the right counts.

mod common;

use std::process::Stdio;
use std::time::Instant;

use common::{articles_jsonl, checked_article_count, chunav, report_counts};

/// Enough for three batches, so that a kill can fall between two.
const ARTICLES: usize = 2 * chunav::ingest::BATCH_ARTICLES + 100;
const KILLS: usize = 50;
/// Kills on one store before the import is run to the end and checked.
const KILLS_PER_STORE: usize = 5;

#[test]
fn killed_imports_leave_a_sound_store_and_complete_when_run_again() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("articles.jsonl");
    let (text, distinct) = articles_jsonl(ARTICLES, "crash");
    std::fs::write(&file, text).unwrap();

    // One whole run tells how long an import takes on this machine, so the
    // kills spread over all of it.
    let started = Instant::now();
    let full = chunav(&dir.path().join("timing.db"))
        .arg("import")
        .arg(&file)
        .output()
        .unwrap();
    assert!(full.status.success(), "{full:?}");
    let span = started.elapsed();

    let mut rng = fastrand::Rng::with_seed(8);
    let (mut mid_import, mut partial) = (0, 0);
    for kill in 0..KILLS {
        let db = dir
            .path()
            .join(format!("store{}.db", kill / KILLS_PER_STORE));
        // An import that finished before its kill is tried again with a
        // shorter window (a store that holds more imports faster), so that
        // most kills land in an import under way however busy the machine.
        let mut window = span;
        for _ in 0..4 {
            let mut child = chunav(&db)
                .arg("import")
                .arg(&file)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            std::thread::sleep(window.mul_f64(rng.f64()));
            let running = child.try_wait().unwrap().is_none();
            child.kill().unwrap(); // SIGKILL
            child.wait().unwrap();
            if running {
                mid_import += 1;
                break;
            }
            window /= 2;
        }
        let stored = checked_article_count(&db);
        assert!(stored <= distinct);
        if stored > 0 && stored < distinct {
            partial += 1;
        }
        if kill % KILLS_PER_STORE == KILLS_PER_STORE - 1 {
            let rerun = chunav(&db).arg("import").arg(&file).output().unwrap();
            let stdout = String::from_utf8_lossy(&rerun.stdout);
            assert!(rerun.status.success(), "{rerun:?}");
            let [imported, duplicates, updated, failed] = report_counts(&stdout);
            assert_eq!(
                (imported + duplicates, updated, failed),
                (ARTICLES as u64, 0, 0)
            );
            assert_eq!(checked_article_count(&db), distinct);
        }
    }
    eprintln!(
        "{KILLS} kills over {span:?}: {mid_import} while importing, {partial} left a partial store"
    );
    // The kills must have hit imports under way, or nothing was tested.
    assert!(mid_import >= KILLS / 2, "{mid_import} kills mid-import");
    assert!(partial > 0, "no kill left a partial import");
}
