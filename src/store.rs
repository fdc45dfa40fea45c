//! The SQLite store: opening and migrating it, the reference data, writing
//! articles and the read queries every front end uses. No other module
//! writes SQL.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex};

use chrono::{DateTime, FixedOffset, Utc};
use rusqlite::config::DbConfig;
use rusqlite::functions::FunctionFlags;
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};
use sha2::{Digest, Sha256};

use crate::extract::{ArticleText, Entity, ExtractedEvent, Extraction};
use crate::gazetteer::{Gazetteer, HOME_STATE, place_key};
use crate::model::{
    Article, ArticleSummary, DatePrecision, EventKind, EventPlaces, EventSource, EventStatus,
    EventSummary, Item, Language, NewArticle, PlaceKind, PlaceNode, Stats,
};
use crate::query::{ArticleFilter, Condition, EventFilter, EventPage, Page, PlaceFilter};
use crate::text::{fold, nfc, search_text, words_only};
use crate::{Error, Result};

mod annotations;
mod browse;
mod feeds;
mod filter;
use filter::{Probe, Rows, Ties};
mod regions;
mod search;
mod views;

pub use annotations::{Note, TagCount};
pub use browse::{DistrictPoint, PartyInfo, PlaceChoice, WeekCount};
pub use feeds::{Feed, FetchState};
pub use regions::{NewRegion, REGIONS_FROM_COMMAND, RegionInfo, name_taken};
/// Stops a running query of a [`Store`] from another thread.
pub use rusqlite::InterruptHandle as Interrupt;
pub use views::View;

/// The migrations, in order. `PRAGMA user_version` counts how many are applied.
const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_init", include_str!("../db/migrations/0001_init.sql")),
    (
        "0002_event_merge_index",
        include_str!("../db/migrations/0002_event_merge_index.sql"),
    ),
    (
        "0003_event_merge_by_precision",
        include_str!("../db/migrations/0003_event_merge_by_precision.sql"),
    ),
    (
        "0004_counting_indexes",
        include_str!("../db/migrations/0004_counting_indexes.sql"),
    ),
    (
        "0005_feeds",
        include_str!("../db/migrations/0005_feeds.sql"),
    ),
    (
        "0006_article_places",
        include_str!("../db/migrations/0006_article_places.sql"),
    ),
    (
        "0007_page_indexes",
        include_str!("../db/migrations/0007_page_indexes.sql"),
    ),
    (
        "0008_views",
        include_str!("../db/migrations/0008_views.sql"),
    ),
    (
        "0009_article_listing",
        include_str!("../db/migrations/0009_article_listing.sql"),
    ),
    (
        "0010_tags_notes",
        include_str!("../db/migrations/0010_tags_notes.sql"),
    ),
    (
        "0011_user_regions",
        include_str!("../db/migrations/0011_user_regions.sql"),
    ),
    (
        "0012_index_on_commit",
        include_str!("../db/migrations/0012_index_on_commit.sql"),
    ),
    (
        "0013_event_merge_covering",
        include_str!("../db/migrations/0013_event_merge_covering.sql"),
    ),
    (
        "0014_place_order",
        include_str!("../db/migrations/0014_place_order.sql"),
    ),
    (
        "0015_place_tallies",
        include_str!("../db/migrations/0015_place_tallies.sql"),
    ),
    (
        "0016_search_order",
        include_str!("../db/migrations/0016_search_order.sql"),
    ),
    (
        "0017_article_names",
        include_str!("../db/migrations/0017_article_names.sql"),
    ),
    (
        "0018_event_places_party",
        include_str!("../db/migrations/0018_event_places_party.sql"),
    ),
    (
        "0019_article_place_names",
        include_str!("../db/migrations/0019_article_place_names.sql"),
    ),
    (
        "0020_listing_in_page_order",
        include_str!("../db/migrations/0020_listing_in_page_order.sql"),
    ),
    (
        "0021_mentions_unindexed_by_name",
        include_str!("../db/migrations/0021_mentions_unindexed_by_name.sql"),
    ),
    (
        "0022_event_sources_dated",
        include_str!("../db/migrations/0022_event_sources_dated.sql"),
    ),
    (
        "0023_event_listing",
        include_str!("../db/migrations/0023_event_listing.sql"),
    ),
    (
        "0024_batch_upkeep",
        include_str!("../db/migrations/0024_batch_upkeep.sql"),
    ),
    (
        "0025_span_by_precision",
        include_str!("../db/migrations/0025_span_by_precision.sql"),
    ),
    (
        "0026_search_words",
        include_str!("../db/migrations/0026_search_words.sql"),
    ),
];

/// Adds the articles passing `condition` to the full-text index, each
/// under its search key: their folded title, and their folded standfirst
/// and body (see `text::fold`).
fn index_articles(condition: &str) -> String {
    format!(
        "INSERT INTO articles_fts (rowid, title, body)
         SELECT {}, chunav_search_text(title),
                chunav_search_text(coalesce(standfirst, '') || char(10) || body)
         FROM articles WHERE {condition}",
        search::search_key("sort_time", "id")
    )
}

/// SQLite's page cache while browsing, and while importing, in KiB: an
/// import's batch touches index pages all over the store, and each page it
/// finds in the cache is one it need not read again.
const READING_CACHE_KB: i64 = 16_384;
const IMPORT_CACHE_KB: i64 = 65_536;

/// How long a statement waits for another program's write to finish.
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    held: Arc<Mutex<HeldMatches>>,
}

/// The articles one search matches, held in memory for a timeline that
/// tests its events against them ([`Words::Held`], through the SQL function
/// `chunav_held`), with the words and the store's state they were found
/// for, so that the next page of the same search finds them again.
#[derive(Default)]
struct HeldMatches {
    words: String,
    version: (i64, u64),
    ids: HashSet<i64>,
}

/// How a page of the timeline puts its search words, beyond its plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Words {
    /// Looked up in the search index for each event walked; with
    /// `Plan::BySearch`, every source of the matching articles gathered.
    Indexed,
    /// With `Plan::BySearch`: only the first this many sources of the
    /// matching articles past the page's start.
    FirstSources(usize),
    /// Each event walked tested against the matching articles held in
    /// memory ([`Store::hold_matches`]).
    Held,
}

/// An article with the keys the store finds its stored copies by (a hash
/// of its folded words, and its folded title) and its words for the
/// full-text index. They are made once, when the article is read: an import
/// makes them on the thread that parses, so the thread that writes does not
/// fold and hash every article (twice, as it did: to skip a duplicate's
/// extraction, then to store it), nor fold it again to index it.
#[derive(Debug, Clone)]
pub struct KeyedArticle {
    article: NewArticle,
    content_hash: String,
    title_key: String,
    /// The title, and the standfirst and body, as the search index holds
    /// them (`text::search_text`).
    search_title: String,
    search_body: String,
}

impl KeyedArticle {
    pub fn new(article: NewArticle) -> KeyedArticle {
        let title_key = fold(&article.title);
        let body = fold(&article.body);
        // Folding goes word by word, so the text folded in parts is the
        // text folded whole (see `index_articles`).
        let mut search_body = search_text(article.standfirst.as_deref().unwrap_or(""));
        search_body.push(' ');
        search_body.push_str(&words_only(&body));
        KeyedArticle {
            content_hash: content_hash(&title_key, &body),
            search_title: words_only(&title_key),
            title_key,
            search_body,
            article,
        }
    }

    pub fn article(&self) -> &NewArticle {
        &self.article
    }
}

/// Where an article came from, for the import report and `show`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provenance {
    pub file: String,
    pub line: Option<u64>,
}

/// What storing one article did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreOutcome {
    Imported(i64),
    /// Already stored (same URL, or same title and body), and not newer.
    Duplicate(i64),
    /// A later version of a stored article replaced it.
    Updated(i64),
}

impl Store {
    /// Opens (creating if needed) the store at `path`, migrates it and loads
    /// the reference data. A store from a newer chunav is refused untouched.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| Error::Io {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        check_file(path)?;
        let conn = Connection::open(path).map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::CannotOpen) => Error::Io {
                path: path.to_path_buf(),
                source: std::io::Error::other("cannot open or create the store file"),
            },
            _ => Error::from(e).about_store(path),
        })?;
        Store::init(conn, Some(path.to_path_buf())).map_err(|e| e.about_store(path))
    }

    /// The schema version of the store at `path` when opening it will
    /// migrate it: it exists and was written by an older chunav. A caller
    /// can say so first, as migrating a big store can take minutes (0026
    /// rebuilds the search index: about three at a million articles).
    /// `None` for a new, current or unreadable file, which `open` judges.
    pub fn upgrade_pending(path: &Path) -> Option<i64> {
        let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY;
        let conn = Connection::open_with_flags(path, flags).ok()?;
        let found: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .ok()?;
        (0 < found && found < SCHEMA_VERSION).then_some(found)
    }

    /// A private store in memory, for tests and dry runs.
    pub fn open_in_memory() -> Result<Store> {
        Store::init(Connection::open_in_memory()?, None)
    }

    fn init(mut conn: Connection, path: Option<PathBuf>) -> Result<Store> {
        let shown = path.clone().unwrap_or_else(|| PathBuf::from(":memory:"));
        // Read the version before any pragma that could write to the file.
        let found: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(|e| not_a_store(e, &shown))?;
        if found > SCHEMA_VERSION {
            return Err(Error::NewerStore {
                path: shown,
                found,
                supported: SCHEMA_VERSION,
            });
        }
        configure(&conn).map_err(|e| not_a_store(e, &shown))?;
        let held = Arc::new(Mutex::new(HeldMatches::default()));
        let matches = Arc::clone(&held);
        conn.create_scalar_function("chunav_held", 1, FunctionFlags::SQLITE_UTF8, move |ctx| {
            let id: i64 = ctx.get(0)?;
            let held = matches
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            Ok(held.ids.contains(&id))
        })?;
        migrate(&mut conn, &shown)?;
        let mut store = Store { conn, path, held };
        store.load_reference_data()?;
        store.refresh_search_keys()?;
        Ok(store)
    }

    /// A handle that stops the query this store is running, from another
    /// thread.
    pub fn interrupt(&self) -> Interrupt {
        self.conn.get_interrupt_handle()
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Copies the embedded gazetteer into the reference tables when it has
    /// changed since the store last saw it. Rows are matched by stable keys,
    /// so ids (and everything that points at them) survive.
    fn load_reference_data(&mut self) -> Result<()> {
        let fingerprint = Gazetteer::fingerprint();
        let stored: Option<String> = self
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'gazetteer'", [], |r| {
                r.get(0)
            })
            .optional()?;
        if stored.as_deref() == Some(fingerprint.as_str()) {
            return Ok(());
        }
        let g = Gazetteer::embedded()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        write_reference_data(&tx, &g)?;
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('gazetteer', ?1)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [&fingerprint],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Starts writing a batch of imported articles: everything added to the
    /// batch lands together on `commit`, or not at all. The write lock is
    /// taken at once (BEGIN IMMEDIATE), so a busy store is waited for here
    /// rather than failing halfway through the batch.
    pub fn begin_import(&mut self, sample: bool, isolation: Isolation) -> Result<ImportBatch<'_>> {
        let shown = self.shown_path();
        self.conn
            .pragma_update(None, "cache_size", -IMPORT_CACHE_KB)
            .map_err(|e| Error::from(e).about_store(&shown))?;
        // The CHECK constraints of a few columns test each value against a
        // list, which SQLite builds as a temporary table for every row
        // written: some 70 an article, a tenth of an import's work. An
        // import writes those columns from Rust enums only, so its batches
        // skip them; the batch turns them on again when it ends.
        check_constraints(&self.conn, false).map_err(|e| Error::from(e).about_store(&shown))?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .and_then(|tx| {
                defer_upkeep(&tx, true)?;
                Ok(tx)
            })
            .map_err(|e| Error::from(e).about_store(&shown))?;
        Ok(ImportBatch {
            tx: Some(tx),
            isolation,
            unindexed: Vec::new(),
            ids: EntityIds::default(),
            now: Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            sample,
            path: shown,
        })
    }

    /// Whether the store already holds `a` as it is (a duplicate, not a
    /// later version), so that importing it would change nothing.
    pub fn holds_as_is(&self, a: &KeyedArticle) -> Result<bool> {
        Ok(stored_copy(&self.conn, a)?
            .is_some_and(|(_, updated)| !is_newer(&a.article, updated.as_deref())))
    }

    /// Copies the store to `dest` with SQLite's online backup API: one
    /// consistent snapshot, even while other processes write to the store.
    /// The copy is written beside `dest` under a temporary name, made a
    /// single self-contained file, checked with `integrity_check` and only
    /// then renamed into place. An existing `dest` is replaced only with
    /// `force`. Returns the copy's size in bytes.
    pub fn backup(&self, dest: &Path, force: bool) -> Result<u64> {
        let io = |source| Error::Io {
            path: dest.to_path_buf(),
            source,
        };
        let failed = |e: rusqlite::Error| Error::Io {
            path: dest.to_path_buf(),
            source: std::io::Error::other(format!("writing the backup failed: {e}")),
        };
        if !force && dest.exists() {
            return Err(Error::Invalid(format!(
                "{} exists; add --force to replace it",
                dest.display()
            )));
        }
        let dir = match dest.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let tmp = tempfile::Builder::new()
            .prefix(".chunav-backup-")
            .tempfile_in(dir)
            .map_err(io)?;
        let mut copy = Connection::open(tmp.path()).map_err(failed)?;
        {
            let backup = rusqlite::backup::Backup::new(&self.conn, &mut copy).map_err(failed)?;
            // All pages in one step: one read transaction, one snapshot.
            while backup.step(-1).map_err(failed)? != rusqlite::backup::StepResult::Done {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
        }
        // A rollback journal, so the copy is one file with nothing beside it.
        copy.pragma_update_and_check(None, "journal_mode", "DELETE", |_| Ok(()))
            .map_err(failed)?;
        let verdict: String = copy
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(failed)?;
        if verdict != "ok" {
            return Err(Error::Damaged {
                path: self.shown_path(),
                detail: format!("its copy fails the integrity check: {verdict}"),
            });
        }
        copy.close().map_err(|(_, e)| failed(e))?;
        // The copy is as private as the store (a temporary file is 0600).
        if let Some(meta) = self.path.as_deref().and_then(|p| std::fs::metadata(p).ok()) {
            tmp.as_file()
                .set_permissions(meta.permissions())
                .map_err(io)?;
        }
        let size = tmp.as_file().metadata().map_err(io)?.len();
        let persisted = if force {
            tmp.persist(dest)
        } else {
            tmp.persist_noclobber(dest)
        };
        persisted.map_err(|e| io(e.error))?;
        Ok(size)
    }

    /// Caps how large the store may grow through this connection, in pages
    /// (SQLite's `max_page_count`): a write beyond it fails as on a full
    /// disk. The tests use it to check that path.
    pub fn set_max_pages(&self, pages: i64) -> Result<()> {
        self.conn
            .pragma_update_and_check(None, "max_page_count", pages, |_| Ok(()))?;
        Ok(())
    }

    fn shown_path(&self) -> PathBuf {
        self.path
            .clone()
            .unwrap_or_else(|| PathBuf::from(":memory:"))
    }

    /// Runs `extract` again over every stored article, a page at a time,
    /// each page in one transaction. Returns how many articles were read.
    pub fn reextract(
        &mut self,
        extract: &dyn Fn(&ArticleText) -> Extraction,
        progress: &mut dyn FnMut(u64),
    ) -> Result<u64> {
        const PAGE: i64 = 500;
        let mut after = 0i64;
        let mut done = 0u64;
        loop {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let page: Vec<(i64, StoredText)> = tx
                .prepare_cached(
                    "SELECT id, title, standfirst, dateline, body, published_at FROM articles
                     WHERE id > ?1 ORDER BY id LIMIT ?2",
                )?
                .query_map(params![after, PAGE], |r| {
                    Ok((
                        r.get(0)?,
                        StoredText {
                            title: r.get(1)?,
                            standfirst: r.get(2)?,
                            dateline: r.get(3)?,
                            body: r.get(4)?,
                            published: r.get(5)?,
                        },
                    ))
                })?
                .collect::<rusqlite::Result<_>>()?;
            let Some(last) = page.last() else { break };
            after = last.0;
            let mut ids = EntityIds::default();
            for (id, stored) in &page {
                save_extraction(&tx, &mut ids, *id, &extract(&stored.as_text()))?;
            }
            tx.commit()?;
            done += page.len() as u64;
            progress(done);
        }
        Ok(done)
    }

    /// Removes the sample (demo) articles, leaving the user's own, and
    /// the events no other article reports (with their tags and notes).
    pub fn remove_sample_articles(&mut self) -> Result<u64> {
        let tx = self.conn.transaction()?;
        let n = tx.execute("DELETE FROM articles WHERE sample = 1", [])?;
        tx.execute(
            "DELETE FROM campaign_events
             WHERE NOT EXISTS (SELECT 1 FROM event_sources WHERE event_id = campaign_events.id)",
            [],
        )?;
        tx.commit()?;
        Ok(n as u64)
    }

    /// Whether the store holds no article, without counting them.
    pub fn is_empty(&self) -> Result<bool> {
        Ok(!self
            .conn
            .query_row("SELECT EXISTS (SELECT 1 FROM articles)", [], |r| {
                r.get::<_, bool>(0)
            })?)
    }

    /// About how many articles the store holds, at once: ids are given in
    /// order, and few are ever deleted (counting would read them all).
    fn article_id_bound(&self) -> Result<u64> {
        self.count("SELECT coalesce(max(id), 0) FROM articles", Vec::new())
    }

    pub fn article_count(&self) -> Result<u64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0))?
            as u64)
    }

    /// Looks a place up by any of its names (English, Hindi, former names,
    /// spelling variants), restricted to `kinds`. Returns the place id.
    pub fn find_place(&self, name: &str, kinds: &[PlaceKind]) -> Result<Option<(i64, PlaceKind)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.id, p.kind FROM place_aliases a JOIN places p ON p.id = a.place_id
             WHERE a.folded = ?1 ORDER BY p.id",
        )?;
        let rows = stmt.query_map([fold(name.trim())], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })?;
        for row in rows {
            let (id, kind) = row?;
            let kind: PlaceKind = kind.parse().map_err(Error::Invalid)?;
            if kinds.contains(&kind) {
                return Ok(Some((id, kind)));
            }
        }
        Ok(None)
    }

    /// The party with this code or name, by id. A name a user types into a
    /// filter means a party even when it is colloquial (मजलिس), which in
    /// running text needs context; proper names win over colloquial ones.
    pub fn find_party(&self, name: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM (
                     SELECT id, 0 AS rank FROM parties WHERE code = upper(?1)
                     UNION ALL
                     SELECT party_id, 1 + context_only FROM party_aliases WHERE folded = ?2)
                 ORDER BY rank LIMIT 1",
                params![name.trim(), fold(name.trim())],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The districts inside a place: a division's, a region's members, or
    /// every district of a state. A district has none below it.
    pub fn districts_within(&self, place_id: i64) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM places WHERE kind = 'district' AND (
                 parent_id = ?1
                 OR id IN (SELECT district_id FROM region_members WHERE region_id = ?1)
                 OR parent_id IN (SELECT id FROM places WHERE kind = 'division' AND parent_id = ?1))
             ORDER BY id",
        )?;
        let rows = stmt.query_map([place_id], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>().map_err(Error::from)
    }

    /// Every name of the places of `kinds`, folded, for suggesting the nearest
    /// one when a user's name matches nothing.
    pub fn place_names(&self, kinds: &[PlaceKind]) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare(
            "SELECT a.alias, p.name_en, p.kind FROM place_aliases a
             JOIN places p ON p.id = a.place_id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (alias, name, kind) = row?;
            if kinds.iter().any(|k| k.as_str() == kind) {
                out.push((alias, name));
            }
        }
        Ok(out)
    }

    /// Every party name (codes and unambiguous aliases) with its code.
    pub fn party_names(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare(
            "SELECT a.alias, p.code FROM party_aliases a JOIN parties p ON p.id = a.party_id
             WHERE a.context_only = 0",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>().map_err(Error::from)
    }

    /// One page of articles, newest first, after the keyset position in
    /// `page.after`.
    pub fn articles(&self, filter: &ArticleFilter, page: &Page) -> Result<Vec<ArticleSummary>> {
        // Dates and languages alone are ranges of the sort indexes, which
        // SQLite picks by itself.
        let ranges_only = filter
            .conditions
            .iter()
            .all(|c| matches!(c, Condition::Dates(_) | Condition::Languages(_)));
        let plan = if ranges_only {
            Plan::Sqlite
        } else if let Some((words, others)) = words_and_others(&filter.conditions) {
            self.search_plan(words, &others)?
        } else if let Some(plan) = Plan::one_place_of_articles(&filter.conditions) {
            plan
        } else {
            self.article_plan(&filter.conditions)?
        };
        self.article_page(filter, page, plan)
    }

    /// How to read a page of articles matching search `words` and passing
    /// `others`: along the words' matches in the search index (which holds
    /// them in page order), each tested, unless `others` pass few articles
    /// and the words match many more. Then those few are read, each looked
    /// up in the search index, which costs about `LOOKUP_COST` steps of the
    /// walk along the matches.
    fn search_plan(&self, words: &str, others: &[Condition]) -> Result<Plan> {
        if others.is_empty() {
            return Ok(Plan::BySearch);
        }
        let few = match Plan::one_place_of_articles(others) {
            // A place's rows are counted along its own index.
            Some(place) => Some((place, self.count_along(others, place, MANY)?)),
            // Places, parties or people alone are first counted in their
            // own index; other filters are counted once, as their rows.
            None => match Ties::alone(others, Rows::Articles) {
                Some(ties) if self.plan_by_ties(&ties)? == Plan::PageOrder => None,
                _ => Some((
                    Plan::FilterRows,
                    self.count_along(others, Plan::FilterRows, MANY)?,
                )),
            },
        };
        let Some((plan, passing)) = few.filter(|(_, passing)| *passing < MANY) else {
            return Ok(Plan::BySearch);
        };
        let bar = LOOKUP_COST * passing.max(1);
        Ok(if self.search_matches(words, others, bar)? < bar {
            Plan::BySearch
        } else {
            plan
        })
    }

    /// [`Store::plan`] for articles under `conditions`.
    fn article_plan(&self, conditions: &[Condition]) -> Result<Plan> {
        // Places (a division's districts), parties or people alone are
        // counted in their own index: counting through the articles would
        // gather them all first.
        if let Some(ties) = Ties::alone(conditions, Rows::Articles) {
            return self.plan_by_ties(&ties);
        }
        let walk = article_walk(conditions, Plan::FilterRows);
        self.plan(&walk.from, &walk.conditions, walk.args)
    }

    /// How many articles search `words` match in the dates `conditions` ask
    /// for (a single span each), counted in the search index up to `many`.
    fn search_matches(&self, words: &str, conditions: &[Condition], many: u64) -> Result<u64> {
        let mut sql = String::from(
            "SELECT count(*) FROM (SELECT 1 FROM articles_fts WHERE articles_fts MATCH ?",
        );
        let mut args = vec![words.to_string().into()];
        filter::search_dates(&mut sql, &mut args, conditions, "rowid");
        sql.push_str(&format!(" LIMIT {many})"));
        self.count(&sql, args)
    }

    /// How many articles pass `conditions`, read along `plan` and counted
    /// up to `many`.
    fn count_along(&self, conditions: &[Condition], plan: Plan, many: u64) -> Result<u64> {
        let walk = article_walk(conditions, plan);
        self.count_up_to(&walk.from, &walk.conditions, walk.args, many)
    }

    fn article_page(
        &self,
        filter: &ArticleFilter,
        page: &Page,
        plan: Plan,
    ) -> Result<Vec<ArticleSummary>> {
        let ArticleWalk {
            from,
            conditions,
            mut args,
            after,
            order,
        } = article_walk(&filter.conditions, plan);
        // What the list shows is read from a covering index, never from
        // the article rows, which hold whole articles: a page of them is
        // as many scattered reads of the store.
        let listing = match plan {
            // Walks by id: a filter's few rows, and a search's matches,
            // whose keys hold a clamped time.
            Plan::FilterRows | Plan::BySearch => {
                "articles l INDEXED BY articles_listing ON l.id = a.id"
            }
            // Walks in page order read the copy in page order (migration
            // 0020): the first pages of every filter then read the same few
            // pages, those of the store's newest articles.
            _ => {
                "articles l INDEXED BY articles_newest ON l.sort_time = a.sort_time AND l.id = a.id"
            }
        };
        let mut sql = format!(
            "SELECT l.id, l.published_at, o.name, l.title, l.language, l.url, l.sort_time
             FROM {from} CROSS JOIN {listing}
                 LEFT JOIN outlets o ON o.id = l.outlet_id
             WHERE 1{conditions}"
        );
        if let Some((after_time, after_id)) = page.after {
            sql.push_str(&format!(" AND {after}"));
            args.push(after_time.into());
            args.push(after_id.into());
        }
        sql.push_str(&format!(" ORDER BY {order} LIMIT ?"));
        args.push((page.limit as i64).into());
        self.summaries(&sql, args)
    }

    /// The articles `ids` as a list shows them, in that order; ids no
    /// longer stored are left out.
    pub fn article_summaries(&self, ids: &[i64]) -> Result<Vec<ArticleSummary>> {
        let mut out = self.summaries(
            &format!(
                "SELECT l.id, l.published_at, o.name, l.title, l.language, l.url, l.sort_time
                 FROM articles l INDEXED BY articles_listing
                     LEFT JOIN outlets o ON o.id = l.outlet_id
                 WHERE l.id IN ({})",
                id_list(ids)
            ),
            Vec::new(),
        )?;
        let order: HashMap<i64, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        out.sort_by_key(|a| order.get(&a.id).copied());
        Ok(out)
    }

    /// The summaries that `sql` selects (id, published_at, outlet, title,
    /// language, url, sort_time), each with its districts, tags and note.
    fn summaries(
        &self,
        sql: &str,
        args: Vec<rusqlite::types::Value>,
    ) -> Result<Vec<ArticleSummary>> {
        let mut stmt = self.conn.prepare(sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args), |r| {
            Ok(ArticleSummary {
                id: r.get(0)?,
                published_at: r.get(1)?,
                outlet: r.get(2)?,
                title: r.get(3)?,
                language: parse_language(r.get::<_, String>(4)?),
                url: r.get(5)?,
                sort_time: r.get(6)?,
                districts: Vec::new(),
                tags: Vec::new(),
                note: None,
            })
        })?;
        let mut out = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        let ids: Vec<i64> = out.iter().map(|a| a.id).collect();
        let mut districts = self.article_districts(&ids)?;
        let (mut tags, mut notes) = self.annotations(&ids, false)?;
        for a in &mut out {
            a.districts = districts.remove(&a.id).unwrap_or_default();
            a.tags = tags.remove(&a.id).unwrap_or_default();
            a.note = notes.remove(&a.id).and_then(|n| n.into_iter().next());
        }
        Ok(out)
    }

    /// The districts each article is tied to: its dateline's and those it
    /// names, by name, for a page of articles in one query.
    fn article_districts(&self, ids: &[i64]) -> Result<HashMap<i64, Vec<String>>> {
        self.grouped(
            // From the page's articles to their places: SQLite otherwise
            // starts from the districts and looks each up for every article.
            "SELECT ap.article_id, p.name_en FROM article_places ap INDEXED BY article_places_article
             CROSS JOIN places p ON p.id = ap.place_id AND p.kind = 'district'
             WHERE ap.article_id IN ({ids})
             ORDER BY ap.article_id, p.name_en",
            ids,
        )
    }

    /// Runs `sql` with `{ids}` standing for `ids` and groups the second
    /// column of its rows by the first, in row order.
    fn grouped(&self, sql: &str, ids: &[i64]) -> Result<HashMap<i64, Vec<String>>> {
        let mut out: HashMap<i64, Vec<String>> = HashMap::new();
        if ids.is_empty() {
            return Ok(out);
        }
        let mut stmt = self.conn.prepare(&sql.replace("{ids}", &id_list(ids)))?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
        for row in rows {
            let (id, value) = row?;
            out.entry(id).or_default().push(value);
        }
        Ok(out)
    }

    /// The article imported with this record id, or at this URL.
    pub fn find_article(&self, external_id: &str, url: Option<&str>) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM articles WHERE external_id = ?1 OR (?2 IS NOT NULL AND url = ?2)
                 ORDER BY external_id = ?1 DESC LIMIT 1",
                params![external_id, url],
                |r| r.get(0),
            )
            .optional()?)
    }

    pub fn article(&self, id: i64) -> Result<Option<Article>> {
        let article = self
            .conn
            .query_row(
                "SELECT a.id, a.external_id, a.url, o.name, a.title, a.standfirst, a.author,
                        a.editor, a.dateline, p.name_en, a.published_at, a.updated_at,
                        a.language, a.body, a.source_file, a.imported_at, a.sample
                 FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id
                 LEFT JOIN places p ON p.id = a.dateline_place_id
                 WHERE a.id = ?1",
                [id],
                |r| {
                    Ok(Article {
                        id: r.get(0)?,
                        external_id: r.get(1)?,
                        url: r.get(2)?,
                        outlet: r.get(3)?,
                        title: r.get(4)?,
                        standfirst: r.get(5)?,
                        author: r.get(6)?,
                        editor: r.get(7)?,
                        dateline: r.get(8)?,
                        dateline_place: r.get(9)?,
                        published_at: r.get(10)?,
                        updated_at: r.get(11)?,
                        language: parse_language(r.get::<_, String>(12)?),
                        body: r.get(13)?,
                        source_file: r.get(14)?,
                        imported_at: r.get(15)?,
                        sample: r.get(16)?,
                        districts: Vec::new(),
                        tags: Vec::new(),
                        note: None,
                    })
                },
            )
            .optional()?;
        match article {
            Some(mut a) => {
                a.districts = self
                    .article_districts(&[a.id])?
                    .remove(&a.id)
                    .unwrap_or_default();
                a.tags = self.tags(Item::Article(a.id))?;
                a.note = self.note(Item::Article(a.id))?.map(|n| n.text);
                Ok(Some(a))
            }
            None => Ok(None),
        }
    }

    /// The place tree: India's states, and under Uttar Pradesh its regions
    /// and divisions with their districts, each with the number of articles
    /// datelined in or naming it (or a district inside it) and of events
    /// taking place there.
    pub fn place_tree(&self) -> Result<Vec<PlaceNode>> {
        let mut roots = self.place_outline()?;
        let counts = self.place_tree_counts()?;
        for root in &mut roots {
            root.fill_counts(&counts);
        }
        Ok(roots)
    }

    /// The place tree's shape and names, with every count zero: quick to
    /// read whatever the store holds.
    pub fn place_outline(&self) -> Result<Vec<PlaceNode>> {
        let rows = self.tree_places()?;
        let node = |id: i64| -> PlaceNode {
            rows.iter()
                .find(|(n, _)| n.id == id)
                .map(|(n, _)| n.clone())
                .expect("listed place")
        };
        let mut states = Vec::new();
        for (state, _) in rows.iter().filter(|(n, _)| n.kind == PlaceKind::State) {
            let mut s = node(state.id);
            for (group, _) in rows.iter().filter(|(n, parent)| {
                *parent == Some(state.id)
                    && matches!(n.kind, PlaceKind::Region | PlaceKind::Division)
            }) {
                let mut g = node(group.id);
                for district in self.districts_within(group.id)? {
                    g.children.push(node(district));
                }
                g.children.sort_by(|a, b| a.name_en.cmp(&b.name_en));
                s.children.push(g);
            }
            // Regions first (the gazetteer's, then the user's), then
            // divisions, each alphabetical.
            s.children
                .sort_by(|a, b| (a.kind, a.user, &a.name_en).cmp(&(b.kind, b.user, &b.name_en)));
            states.push(s);
        }
        // Uttar Pradesh first, then the other states by name.
        states.sort_by_key(|s| (s.code.as_deref() != Some(HOME_STATE), s.name_en.clone()));
        Ok(states)
    }

    /// Articles and events for every place in the tree, by place id: what
    /// is tied to the place or to a district inside it. Rejected events are
    /// left out. The counts are kept in the store (migration 0015) and
    /// counted again only after articles, events or places have changed.
    pub fn place_tree_counts(&self) -> Result<HashMap<i64, (u64, u64)>> {
        let (changes, counted): (i64, Option<i64>) =
            self.conn
                .query_row("SELECT changes, counted FROM tally_state", [], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?;
        if counted == Some(changes) {
            let mut stmt = self
                .conn
                .prepare("SELECT place_id, articles, events FROM place_tallies")?;
            let rows = stmt.query_map([], |r| {
                Ok((
                    r.get(0)?,
                    (r.get::<_, i64>(1)? as u64, r.get::<_, i64>(2)? as u64),
                ))
            })?;
            return Ok(rows.collect::<rusqlite::Result<_>>()?);
        }
        let counts = self.count_place_tree()?;
        self.keep_place_tallies(changes, &counts)?;
        Ok(counts)
    }

    /// Stores `counts`, made when the store had seen `changes`, unless it
    /// has changed since. A store that another program is writing to is
    /// left as it is (the counts are made again next time) rather than
    /// waited for.
    fn keep_place_tallies(&self, changes: i64, counts: &HashMap<i64, (u64, u64)>) -> Result<()> {
        self.conn.busy_timeout(std::time::Duration::ZERO)?;
        let kept = (|| -> rusqlite::Result<()> {
            let tx = self.conn.unchecked_transaction()?;
            tx.execute_batch("DELETE FROM place_tallies")?;
            {
                let mut insert = tx.prepare(
                    "INSERT INTO place_tallies (place_id, articles, events) VALUES (?1, ?2, ?3)",
                )?;
                for (place, (articles, events)) in counts {
                    insert.execute(params![place, *articles as i64, *events as i64])?;
                }
            }
            if tx.execute(
                "UPDATE tally_state SET counted = changes WHERE changes = ?1",
                [changes],
            )? == 1
            {
                tx.commit()?;
            }
            Ok(())
        })();
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        match kept {
            Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy) => Ok(()),
            other => Ok(other?),
        }
    }

    fn count_place_tree(&self) -> Result<HashMap<i64, (u64, u64)>> {
        // Two grouped queries instead of one count per node.
        let mut members: Vec<(i64, i64)> = Vec::new();
        for (n, _) in self.tree_places()? {
            members.extend(
                self.place_filter(n.id)?
                    .place_ids
                    .into_iter()
                    .map(|p| (n.id, p)),
            );
        }
        self.place_counts(&members)
    }

    /// The places the tree shows, each with its parent, uncounted.
    fn tree_places(&self) -> Result<Vec<(PlaceNode, Option<i64>)>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, kind, name_en, name_hi, code, parent_id,
                    id IN (SELECT place_id FROM user_regions)
             FROM places
             WHERE kind IN ('state', 'region', 'division', 'district')
             ORDER BY name_en",
        )?;
        let rows = stmt.query_map([], |r| {
            let kind: String = r.get(1)?;
            Ok((
                PlaceNode {
                    id: r.get(0)?,
                    kind: kind.parse().unwrap_or(PlaceKind::Town),
                    name_en: r.get(2)?,
                    name_hi: r.get(3)?,
                    code: r.get(4)?,
                    user: r.get(6)?,
                    articles: 0,
                    events: 0,
                    children: Vec::new(),
                },
                r.get(5)?,
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The filter for a place and every district inside it.
    pub fn place_filter(&self, place_id: i64) -> Result<PlaceFilter> {
        let mut place_ids = self.districts_within(place_id)?;
        place_ids.push(place_id);
        Ok(PlaceFilter { place_ids })
    }

    /// One page of events in date order, after `page.after`. Rejected
    /// events are left out.
    pub fn events(&self, filter: &EventFilter, page: &EventPage) -> Result<Vec<EventSummary>> {
        // The search words whose matches the walk tests in memory, if any.
        let mut held = None;
        let plan = if let Some(words) = search_words(&filter.conditions) {
            // A rare word's events are best gathered from its articles'
            // sources (about 1.7 µs an article at a million). A commoner
            // word's are best found by walking the timeline and testing
            // each event against its articles held in memory (about 2 µs
            // an event, and 0.2 µs an article to hold them), as a page
            // of a word in n of N articles walks about 100 N / n events:
            // the two cost the same at n = sqrt(130 N), some 11,000
            // articles at a million. The commonest words (a fifth of the
            // store and more) pass so often that testing the page's few
            // events in the search index costs less than holding them all.
            let articles = self.article_id_bound()?;
            let rare = ((130 * articles) as f64).sqrt() as u64;
            let common = (articles / 5).max(rare);
            let matches = self.search_matches(words, &[], common.max(1))?;
            if matches < rare {
                Plan::BySearch
            } else {
                if matches < common {
                    held = Some(words);
                }
                Plan::one_place(&filter.conditions).unwrap_or(Plan::PageOrder)
            }
        } else if let Some(plan) = Plan::one_place(&filter.conditions) {
            plan
        } else if filter.article_id.is_none() && Plan::merged_places(&filter.conditions).is_some() {
            Plan::ByPlaces
        } else {
            let ties = Ties::alone(&filter.conditions, Rows::Events);
            let counted = match ties.filter(|_| filter.article_id.is_none()) {
                // Places (a division's districts) or people alone in their
                // own index.
                Some(ties) => self.plan_by_ties(&ties)?,
                None => {
                    let mut conditions = String::new();
                    let mut args = Vec::new();
                    filter::push_event_filter(&mut conditions, &mut args, filter, Probe::Set);
                    self.plan("campaign_events e", &conditions, args)?
                }
            };
            match counted {
                Plan::PageOrder => Plan::PageOrder,
                _ => Plan::Sqlite,
            }
        };
        let Some(words) = held else {
            return self.event_page(filter, page, plan, Words::Indexed);
        };
        // The matches held and the walk read one snapshot of the store:
        // another process's import between them could otherwise leave a
        // new match out of every page.
        self.conn.execute_batch("SAVEPOINT held_page")?;
        let rows = self
            .hold_matches(words)
            .and_then(|()| self.event_page(filter, page, plan, Words::Held));
        let released = self.conn.execute_batch("RELEASE held_page");
        let rows = rows?;
        released?;
        Ok(rows)
    }

    /// Holds the articles `words` match in memory for `chunav_held`,
    /// unless they are held already and the store has not changed since.
    fn hold_matches(&self, words: &str) -> Result<()> {
        let version = (
            self.conn
                .pragma_query_value(None, "data_version", |r| r.get(0))?,
            self.conn.total_changes(),
        );
        let mut held = self.held.lock().unwrap_or_else(|p| p.into_inner());
        if held.words == words && held.version == version {
            return Ok(());
        }
        held.words.clear();
        held.ids.clear();
        let mut stmt = self.conn.prepare_cached(&search::matching_articles())?;
        for id in stmt.query_map([words], |r| r.get::<_, i64>(0))? {
            held.ids.insert(id?);
        }
        held.words = words.to_string();
        held.version = version;
        Ok(())
    }

    /// One page of events along `plan`, its search words (if any) put as
    /// `words` asks.
    fn event_page(
        &self,
        filter: &EventFilter,
        page: &EventPage,
        plan: Plan,
        words: Words,
    ) -> Result<Vec<EventSummary>> {
        // Search words alone: the page is among the first sources of the
        // matching articles, a few of which may report one event twice or
        // a rejected one. Sorting only a page's worth and some (SQLite keeps
        // that many while it sorts) spares sorting every match; a page that
        // comes up short is gathered again from all of them.
        let alone = filter.article_id.is_none()
            && matches!(filter.conditions.as_slice(), [Condition::Search(_)]);
        let first = match words {
            Words::Indexed if plan == Plan::BySearch && alone => {
                Words::FirstSources(2 * page.limit + 16)
            }
            _ => words,
        };
        let mut events = self.event_rows(filter, page, plan, first)?;
        if matches!(first, Words::FirstSources(_)) && events.len() < page.limit {
            events = self.event_rows(filter, page, plan, Words::Indexed)?;
        }
        let ids: Vec<i64> = events.iter().map(|e| e.id).collect();
        let (mut tags, mut notes) = self.annotations(&ids, true)?;
        for e in &mut events {
            e.tags = tags.remove(&e.id).unwrap_or_default();
            e.note = notes.remove(&e.id).and_then(|n| n.into_iter().next());
        }
        Ok(events)
    }

    /// One page of events along `plan`, without their tags and notes.
    fn event_rows(
        &self,
        filter: &EventFilter,
        page: &EventPage,
        plan: Plan,
        words: Words,
    ) -> Result<Vec<EventSummary>> {
        let columns = |l: &str| {
            format!(
                "{l}.id, {l}.kind, p.code, {l}.date_start, {l}.date_end, {l}.date_precision,
                 {l}.date_text, {l}.status, {l}.confidence, {l}.review_state, {l}.places,
                 {l}.people, {l}.sources, {l}.evidence"
            )
        };
        let (sql, args) = match Plan::merged_places(&filter.conditions) {
            Some(places) if plan == Plan::ByPlaces => {
                // Each place's first page, then the first page of them all,
                // each event once. An event among the first of them all is
                // among the first of each of its places.
                let rest = EventFilter {
                    conditions: filter
                        .conditions
                        .iter()
                        .filter(|c| !matches!(c, Condition::Places(ids) if ids == places))
                        .cloned()
                        .collect(),
                    ..filter.clone()
                };
                let mut args = Vec::new();
                let mut arms = Vec::new();
                for place in places {
                    let (arm, arm_args) =
                        self.event_walk(&rest, page, Plan::ByPlace(*place), words, |_| {
                            "ep.date_start AS date, ep.event_id AS id FROM {from}".into()
                        });
                    arms.push(format!("SELECT * FROM ({arm})"));
                    args.extend(arm_args);
                }
                args.push((page.limit as i64).into());
                (
                    format!(
                        "SELECT {} FROM ({} ORDER BY 1, 2 LIMIT ?) g
                         CROSS JOIN event_listing e
                             ON e.sort_date = coalesce(g.date, '') AND e.id = g.id
                         LEFT JOIN parties p ON p.id = e.party_id
                         ORDER BY g.date, g.id",
                        columns("e"),
                        arms.join(" UNION "),
                    ),
                    args,
                )
            }
            _ => self.event_walk(filter, page, plan, words, |l| {
                format!(
                    "{} FROM {{from}} LEFT JOIN parties p ON p.id = {l}.party_id",
                    columns(l)
                )
            }),
        };
        let mut stmt = self.conn.prepare(&sql)?;
        let names = |r: &rusqlite::Row, i: usize| -> rusqlite::Result<Vec<String>> {
            let joined: String = r.get(i)?;
            let mut names: Vec<String> = joined
                .split('\u{1f}')
                .filter(|n| !n.is_empty())
                .map(str::to_string)
                .collect();
            names.sort();
            Ok(names)
        };
        let rows = stmt.query_map(rusqlite::params_from_iter(args), |r| {
            let text = |i: usize| -> rusqlite::Result<String> { r.get(i) };
            Ok(EventSummary {
                id: r.get(0)?,
                kind: text(1)?.parse().unwrap_or(EventKind::Statement),
                party: r.get(2)?,
                date_start: r.get(3)?,
                date_end: r.get(4)?,
                date_precision: text(5)?.parse().unwrap_or(DatePrecision::Reported),
                date_text: r.get(6)?,
                status: text(7)?.parse().unwrap_or(EventStatus::Happened),
                confidence: r.get(8)?,
                review_state: r.get(9)?,
                places: names(r, 10)?,
                people: names(r, 11)?,
                sources: r.get::<_, i64>(12)? as u64,
                evidence: r.get(13)?,
                tags: Vec::new(),
                note: None,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The query of one page of events along `plan`: what `select` makes
    /// of the listing's alias (the columns, then `{from}` where the rows
    /// walked go), then the conditions, the page's start, its order and
    /// its size. Its arguments follow. Search words are put as `words` asks.
    fn event_walk(
        &self,
        filter: &EventFilter,
        page: &EventPage,
        plan: Plan,
        test: Words,
        select: impl Fn(&str) -> String,
    ) -> (String, Vec<rusqlite::types::Value>) {
        let mut conditions = String::new();
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        let words = search_words(&filter.conditions);
        // The rows walked, the listing's alias among them, the sort key (as
        // the rows are read in its order) and how the rows are tested (see
        // `article_walk`). Every plan reads the page's columns from
        // `event_listing` (migration 0023), found by date and id.
        let (from, listed, date, id, probe) = match (plan, words) {
            // The events of the matching articles, with their dates from
            // the sources' index (migration 0022), sorted before any
            // event row is read: then only a page of rows is.
            (Plan::BySearch, Some(words)) => {
                args.push(words.to_string().into());
                let sources = format!(
                    "FROM event_sources s INDEXED BY event_sources_article
                     WHERE s.article_id IN ({})",
                    search::matching_articles()
                );
                let gathered = match test {
                    Words::FirstSources(n) => {
                        let start = after(&page.after, "s.date_start", "s.event_id", &mut args);
                        format!(
                            "SELECT DISTINCT * FROM (SELECT s.date_start, s.event_id {sources}{start}
                                                     ORDER BY 1, 2 LIMIT {n})"
                        )
                    }
                    Words::Indexed | Words::Held => {
                        format!("SELECT DISTINCT s.date_start, s.event_id {sources}")
                    }
                };
                (
                    format!(
                        "({gathered} ORDER BY 1, 2 LIMIT -1) g
                         CROSS JOIN event_listing e
                             ON e.sort_date = coalesce(g.date_start, '') AND e.id = g.event_id"
                    ),
                    "e",
                    "g.date_start",
                    "g.event_id",
                    Probe::LISTED_EVENT,
                )
            }
            // Events are not in the search index: they walk their own order.
            (Plan::PageOrder | Plan::BySearch, _) => (
                "event_listing e".into(),
                "e",
                LISTING_DATE,
                "e.id",
                Probe::LISTED_EVENT,
            ),
            (Plan::Sqlite | Plan::FilterRows, _) => (
                "campaign_events e CROSS JOIN event_listing l
                     ON l.sort_date = coalesce(e.date_start, '') AND l.id = e.id"
                    .into(),
                "l",
                "e.date_start",
                "e.id",
                Probe::Set,
            ),
            // An event's place index keeps its party (migration 0018).
            (Plan::ByPlaceName { .. }, _) => unreachable!("a plan for articles only"),
            (Plan::ByPlaces, _) => unreachable!("merged from one walk for each place"),
            (Plan::ByPlace(place), _) => (
                format!(
                    "event_places ep INDEXED BY event_places_dated
                     CROSS JOIN event_listing e ON e.sort_date = coalesce(ep.date_start, '')
                         AND e.id = ep.event_id AND ep.place_id = {place}"
                ),
                "e",
                "ep.date_start",
                "ep.event_id",
                Probe::Row {
                    id: "ep.event_id",
                    time: "ep.date_start",
                },
            ),
        };
        // The search words, when the walk puts them itself.
        let gathered = |c: &Condition| {
            (plan == Plan::BySearch || test == Words::Held)
                && matches!(c, Condition::Search(w) if Some(w.as_str()) == words)
        };
        let tested = EventFilter {
            conditions: filter
                .conditions
                .iter()
                .filter(|c| !plan.walks(c) && !gathered(c))
                .cloned()
                .collect(),
            ..filter.clone()
        };
        filter::push_event_filter(&mut conditions, &mut args, &tested, probe);
        if test == Words::Held && plan != Plan::BySearch && words.is_some() {
            conditions.push_str(&format!(
                " AND coalesce((SELECT 1 FROM event_sources s
                                WHERE s.event_id = {id} AND chunav_held(s.article_id) LIMIT 1), 0)"
            ));
        }
        if let Plan::ByPlace(_) = plan {
            filter::place_dates(
                &mut conditions,
                &mut args,
                &filter.conditions,
                Rows::Events,
                date,
            );
            filter::place_parties(&mut conditions, &filter.conditions, "ep.party_id");
        }
        let mut sql = format!(
            "SELECT {} WHERE 1{conditions}",
            select(listed).replace("{from}", &from)
        );
        sql.push_str(&after(&page.after, date, id, &mut args));
        sql.push_str(&format!(" ORDER BY {date}, {id} LIMIT ?"));
        args.push((page.limit as i64).into());
        (sql, args)
    }

    /// The ids of the articles reporting an event, in order, at most
    /// `limit` of them.
    pub fn event_article_ids(&self, event_id: i64, limit: usize) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT article_id FROM event_sources WHERE event_id = ?1
             ORDER BY article_id LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![event_id, limit as i64], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every article reporting an event, once each, by article id, with the
    /// first evidence sentence it gives.
    pub fn event_sources(&self, event_id: i64) -> Result<Vec<EventSource>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.article_id, a.title, a.url, o.name, a.published_at, s.evidence, a.sample
             FROM event_sources s JOIN articles a ON a.id = s.article_id
             LEFT JOIN outlets o ON o.id = a.outlet_id
             WHERE s.event_id = ?1 ORDER BY s.article_id, s.evidence_start",
        )?;
        let rows = stmt.query_map([event_id], |r| {
            Ok(EventSource {
                article_id: r.get(0)?,
                title: r.get(1)?,
                url: r.get(2)?,
                outlet: r.get(3)?,
                published_at: r.get(4)?,
                evidence: r.get(5)?,
                sample: r.get(6)?,
            })
        })?;
        let mut sources = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        sources.dedup_by_key(|s| s.article_id);
        Ok(sources)
    }

    /// The places of an event and everything above them: the district of a
    /// constituency, a district's division, regions and state.
    pub fn event_places(&self, event_id: i64) -> Result<EventPlaces> {
        let mut stmt = self.conn.prepare_cached(
            "WITH RECURSIVE up(id) AS (
                 SELECT place_id FROM event_places WHERE event_id = ?1
                 UNION SELECT p.parent_id FROM places p JOIN up ON p.id = up.id
                 WHERE p.parent_id IS NOT NULL)
             SELECT kind, name_en, latitude, longitude FROM places
             WHERE id IN (SELECT id FROM up)
                OR id IN (SELECT region_id FROM region_members
                          WHERE district_id IN (SELECT id FROM up))
             ORDER BY name_en, id",
        )?;
        let rows = stmt.query_map([event_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<f64>>(2)?,
                r.get::<_, Option<f64>>(3)?,
            ))
        })?;
        let mut out = EventPlaces::default();
        let mut state_coords = None;
        for row in rows {
            let (kind, name, lat, lon) = row?;
            let list = match kind.parse::<PlaceKind>().map_err(Error::Invalid)? {
                PlaceKind::State => {
                    state_coords = state_coords.or(lat.zip(lon));
                    &mut out.states
                }
                PlaceKind::Region => &mut out.regions,
                PlaceKind::Division => &mut out.divisions,
                PlaceKind::District => {
                    if out.latitude.is_none() {
                        (out.latitude, out.longitude) = (lat, lon);
                    }
                    &mut out.districts
                }
                PlaceKind::AssemblyConstituency => &mut out.constituencies,
                PlaceKind::Country | PlaceKind::Town => continue,
            };
            list.push(name);
        }
        if out.latitude.is_none()
            && let Some((lat, lon)) = state_coords
        {
            (out.latitude, out.longitude) = (Some(lat), Some(lon));
        }
        Ok(out)
    }

    /// The person with this name (English, Hindi or a known variant), by id.
    pub fn find_person(&self, name: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row(
                "SELECT person_id FROM person_aliases WHERE folded = ?1 ORDER BY person_id LIMIT 1",
                [fold(name.trim())],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Every name of every person, with their English name.
    pub fn person_names(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare(
            "SELECT a.alias, p.name_en FROM person_aliases a JOIN people p ON p.id = a.person_id",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>().map_err(Error::from)
    }

    /// Records a user's review of an event. A reviewed event is kept as the
    /// user left it through every later `reextract`.
    pub fn review_event(&mut self, event_id: i64, review: &EventReview) -> Result<()> {
        let changed = match review {
            EventReview::Confirm => self.conn.execute(
                "UPDATE campaign_events SET review_state = 'confirmed' WHERE id = ?1",
                [event_id],
            )?,
            EventReview::Reject => self.conn.execute(
                "UPDATE campaign_events SET review_state = 'rejected' WHERE id = ?1",
                [event_id],
            )?,
            EventReview::Edit {
                kind,
                start,
                end,
                precision,
            } => self.conn.execute(
                "UPDATE campaign_events SET review_state = 'edited', kind = ?2, date_start = ?3,
                     date_end = ?4, date_precision = ?5 WHERE id = ?1",
                params![
                    event_id,
                    kind.as_str(),
                    start.to_string(),
                    end.to_string(),
                    precision.as_str()
                ],
            )?,
        };
        if changed == 0 {
            return Err(Error::Invalid(format!("no event with id {event_id}")));
        }
        Ok(())
    }

    pub fn count_articles(&self, filter: &ArticleFilter) -> Result<u64> {
        // Places, parties or people alone are counted in their own index,
        // without reading an article row (each holds a whole article).
        if let Some(ties) = Ties::alone(&filter.conditions, Rows::Articles) {
            return self.count(&ties.counted(), Vec::new());
        }
        // With one place among other conditions, the place's own rows are
        // tested: a district's few thousand, where SQLite would gather all
        // of a party's articles first.
        if search_words(&filter.conditions).is_none()
            && let Some(place) = Plan::one_place_of_articles(&filter.conditions)
        {
            return self.count_along(&filter.conditions, place, i64::MAX as u64);
        }
        // Words alone are counted in the search index, which holds one row
        // per article, without gathering the matches first.
        if let [Condition::Search(words)] = filter.conditions.as_slice() {
            return self.count(
                "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?",
                vec![words.clone().into()],
            );
        }
        let mut sql = String::from("SELECT count(*) FROM articles a WHERE 1");
        let mut args = Vec::new();
        filter::push_article_filter(&mut sql, &mut args, &filter.conditions, Probe::Set);
        self.count(&sql, args)
    }

    /// How to read a page of `table` under `conditions`: in page order
    /// along the sort index when at least `MANY` rows pass, which then
    /// fills a page soon; else from the filter's own rows, sorted. SQLite
    /// cannot tell the two apart, so the rows are counted, up to `MANY`.
    fn plan(
        &self,
        table: &str,
        conditions: &str,
        args: Vec<rusqlite::types::Value>,
    ) -> Result<Plan> {
        self.plan_counting(table, conditions, args, MANY)
    }

    /// [`Store::plan`] counting the ties (mentions, places) of the rows
    /// rather than the rows: one row may have several, so twice as many
    /// are asked for.
    fn plan_by_ties(&self, ties: &Ties) -> Result<Plan> {
        let test = format!(" AND {}", ties.test);
        self.plan_counting(ties.table, &test, Vec::new(), 2 * MANY)
    }

    fn plan_counting(
        &self,
        table: &str,
        conditions: &str,
        args: Vec<rusqlite::types::Value>,
        many: u64,
    ) -> Result<Plan> {
        Ok(
            if self.count_up_to(table, conditions, args, many)? >= many {
                Plan::PageOrder
            } else {
                Plan::FilterRows
            },
        )
    }

    /// How many rows of `table` pass `conditions`, counted up to `many`.
    fn count_up_to(
        &self,
        table: &str,
        conditions: &str,
        args: Vec<rusqlite::types::Value>,
        many: u64,
    ) -> Result<u64> {
        self.count(
            &format!(
                "SELECT count(*) FROM (SELECT 1 FROM {table} WHERE 1{conditions} LIMIT {many})"
            ),
            args,
        )
    }

    /// The single number a count query answers.
    fn count(&self, sql: &str, args: Vec<rusqlite::types::Value>) -> Result<u64> {
        let n: i64 = self
            .conn
            .query_row(sql, rusqlite::params_from_iter(args), |r| r.get(0))?;
        Ok(n as u64)
    }

    pub fn stats(&self) -> Result<Stats> {
        let count = |sql: &str| -> Result<u64> {
            Ok(self.conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64)
        };
        let (earliest, latest) = self.conn.query_row(
            "SELECT min(published_at), max(published_at) FROM articles",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let page_count = count("PRAGMA page_count")?;
        let page_size = count("PRAGMA page_size")?;
        Ok(Stats {
            articles: count("SELECT count(*) FROM articles")?,
            articles_hindi: count("SELECT count(*) FROM articles WHERE language = 'hi'")?,
            articles_english: count("SELECT count(*) FROM articles WHERE language = 'en'")?,
            sample_articles: count("SELECT count(*) FROM articles WHERE sample = 1")?,
            outlets: count("SELECT count(*) FROM outlets")?,
            places: count("SELECT count(*) FROM places")?,
            districts: count("SELECT count(*) FROM places WHERE kind = 'district'")?,
            parties: count("SELECT count(*) FROM parties")?,
            people: count("SELECT count(*) FROM people")?,
            earliest,
            latest,
            store_bytes: page_count * page_size,
        })
    }
}

/// What a user decided about an extracted event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventReview {
    Confirm,
    Reject,
    /// Correct the kind and date.
    Edit {
        kind: EventKind,
        start: chrono::NaiveDate,
        end: chrono::NaiveDate,
        precision: DatePrecision,
    },
}

/// The search words among `conditions`, when the articles must match words.
fn search_words(conditions: &[Condition]) -> Option<&str> {
    conditions.iter().find_map(|c| match c {
        Condition::Search(words) => Some(words.as_str()),
        _ => None,
    })
}

/// [`search_words`], and the other conditions.
fn words_and_others(conditions: &[Condition]) -> Option<(&str, Vec<Condition>)> {
    let words = search_words(conditions)?;
    let others = conditions
        .iter()
        .filter(|c| !matches!(c, Condition::Search(_)))
        .cloned()
        .collect();
    Some((words, others))
}

/// How a page of articles is read under a [`Plan`]: the rows walked, in
/// page order, and the conditions on them (SQL with its arguments in
/// order); then the keyset bound (two `?`: time and id) and the order.
struct ArticleWalk {
    from: String,
    conditions: String,
    args: Vec<rusqlite::types::Value>,
    after: String,
    order: String,
}

fn article_walk(conditions: &[Condition], plan: Plan) -> ArticleWalk {
    let mut sql = String::new();
    let mut args: Vec<rusqlite::types::Value> = Vec::new();
    // The rows are read in page order along `from`, from its
    // `(time, id)` down; with lookups for each row (`Probe::Row`) when
    // the walk stops after a page.
    let walk = |from: &str, time: &'static str, id: &'static str, probe: bool| {
        (
            from.to_string(),
            format!("({time}, {id}) < (?, ?)"),
            format!("{time} DESC, {id} DESC"),
            if probe {
                Probe::Row { id, time }
            } else {
                Probe::Set
            },
        )
    };
    let searched = search::article_of_search_key(SEARCH_KEY);
    let (from, after, order, probe) = match plan {
        Plan::Sqlite => walk("articles a", "a.sort_time", "a.id", false),
        Plan::PageOrder => walk(
            "articles a INDEXED BY articles_newest",
            "a.sort_time",
            "a.id",
            true,
        ),
        Plan::FilterRows => walk(
            "articles a INDEXED BY articles_listing",
            "a.sort_time",
            "a.id",
            false,
        ),
        Plan::ByPlace(place) => {
            filter::place_dates(
                &mut sql,
                &mut args,
                conditions,
                Rows::Articles,
                "ap.sort_time",
            );
            walk(
                &format!(
                    "article_places ap INDEXED BY article_places_newest
                     CROSS JOIN articles a INDEXED BY articles_newest
                         ON a.sort_time = ap.sort_time AND a.id = ap.article_id
                             AND ap.place_id = {place}"
                ),
                "ap.sort_time",
                "ap.article_id",
                true,
            )
        }
        Plan::ByPlaceName {
            place,
            name: (kind, name),
        } => {
            filter::place_dates(
                &mut sql,
                &mut args,
                conditions,
                Rows::Articles,
                "apn.sort_time",
            );
            walk(
                &format!(
                    "article_place_names apn CROSS JOIN articles a INDEXED BY articles_newest
                         ON a.sort_time = apn.sort_time AND a.id = apn.article_id
                             AND apn.place_id = {place}
                             AND apn.entity_kind = '{kind}' AND apn.entity_id = {name}"
                ),
                "apn.sort_time",
                "apn.article_id",
                true,
            )
        }
        Plan::BySearch => {
            filter::search_dates(&mut sql, &mut args, conditions, SEARCH_KEY);
            // Keys ascend in page order.
            (
                format!(
                    "articles_fts CROSS JOIN articles a INDEXED BY articles_listing
                         ON a.id = {searched}"
                ),
                format!("{SEARCH_KEY} > {}", search::search_key("?", "?")),
                SEARCH_KEY.to_string(),
                Probe::Row {
                    id: &searched,
                    time: "a.sort_time",
                },
            )
        }
        Plan::ByPlaces => unreachable!("a plan for events only"),
    };
    for condition in conditions {
        let probe = match condition {
            // The words the walk reads.
            Condition::Search(words) if plan == Plan::BySearch => {
                sql.push_str(" AND articles_fts MATCH ?");
                args.push(words.clone().into());
                continue;
            }
            // Words the walk does not read are looked up for each row,
            // never gathered: a common word's matches take a second to
            // gather at a million articles.
            Condition::Search(_) if probe == Probe::Set => Probe::LISTED_ARTICLE,
            _ if plan.walks(condition) => continue,
            _ => probe,
        };
        filter::push_article_filter(&mut sql, &mut args, std::slice::from_ref(condition), probe);
    }
    ArticleWalk {
        from,
        conditions: sql,
        args,
        after,
        order,
    }
}

/// What looking an article up in the search index costs, in steps of a
/// walk along a word's matches testing each (measured at a million
/// articles: 50-300 µs against 2-3 µs; more for names searched in all
/// their spellings).
const LOOKUP_COST: u64 = 40;

/// The condition (` AND ...`) that an event comes after `after` in the
/// timeline's order, over the SQL of its `date` and `id`, or nothing for a
/// first page. Undated events come first: SQLite sorts NULL first, and the
/// listing's sort date is '' for them. The plain (date, id) order lets an
/// index stop after one page.
fn after(
    after: &Option<(String, i64)>,
    date: &str,
    id: &str,
    args: &mut Vec<rusqlite::types::Value>,
) -> String {
    match after {
        Some((after_date, after_id)) if after_date.is_empty() && date != LISTING_DATE => {
            args.push((*after_id).into());
            format!(" AND ({date} IS NOT NULL OR {id} > ?)")
        }
        Some((after_date, after_id)) => {
            args.push(after_date.clone().into());
            args.push((*after_id).into());
            format!(" AND ({date}, {id}) > (?, ?)")
        }
        None => String::new(),
    }
}

/// The key of the search index as a page of articles walks it.
const SEARCH_KEY: &str = "articles_fts.rowid";

/// Rows passing a filter from which a page is best read along the sort
/// index, testing each row (see [`Store::plan`]).
const MANY: u64 = 1_000;

/// The listing's sort date, '' for an undated event where the events'
/// own date columns hold NULL (migration 0023).
const LISTING_DATE: &str = "e.sort_date";

/// The most places whose timelines are merged (see [`Plan::merged_places`]):
/// a division's districts, or a small region of the user's.
const MERGED_PLACES: usize = 16;

/// How a page of a filtered list is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Plan {
    /// As SQLite chooses: the filter is ranges of the sort index.
    Sqlite,
    /// Along the sort index in page order, each row tested.
    PageOrder,
    /// Along one place's rows in page order (migration 0014), each tested.
    ByPlace(i64),
    /// Along the rows of one place and one party or person in page order
    /// (migration 0019), each tested. Articles only: an event's place
    /// index keeps its party (migration 0018).
    ByPlaceName {
        place: i64,
        name: (&'static str, i64),
    },
    /// Along the matches of the search words in page order (migration
    /// 0016), each tested. Events are not in the index: theirs are the
    /// events of the matching articles, gathered with their dates
    /// (migration 0022) and sorted, each then tested.
    BySearch,
    /// The rows the filter names, then sorted.
    FilterRows,
    /// Events only: along the rows of each of a few places (a division's
    /// districts) in page order, merged (see [`Plan::merged_places`]).
    ByPlaces,
}

impl Plan {
    /// Along one place's rows, when the filter asks for one place (a
    /// district, say) among its conditions. It needs no count first: the
    /// place's own index holds just its rows, in page order.
    fn one_place(conditions: &[Condition]) -> Option<Plan> {
        conditions.iter().find_map(|c| match c {
            Condition::Places(ids) if ids.len() == 1 => Some(Plan::ByPlace(ids[0])),
            _ => None,
        })
    }

    /// The places whose timelines [`Plan::ByPlaces`] merges: those of a
    /// filter on a few places. Each place's walk reads up to a page; the
    /// walk in date order would read the events of every place, testing
    /// each against all the places, until a page of them passed. A whole
    /// state's districts are most of the events, found soonest that way.
    fn merged_places(conditions: &[Condition]) -> Option<&[i64]> {
        conditions.iter().find_map(|c| match c {
            Condition::Places(ids) if (2..=MERGED_PLACES).contains(&ids.len()) => {
                Some(ids.as_slice())
            }
            _ => None,
        })
    }

    /// [`Plan::one_place`] for articles, along the rows of the place and
    /// one party or person when the filter asks for one of those too: a
    /// party is named in a few percent of a district's articles, each of
    /// which the place's walk would test.
    fn one_place_of_articles(conditions: &[Condition]) -> Option<Plan> {
        let Some(Plan::ByPlace(place)) = Plan::one_place(conditions) else {
            return None;
        };
        let name = conditions.iter().find_map(|c| match c {
            Condition::Parties(ids) if ids.len() == 1 => Some(("party", ids[0])),
            Condition::People(ids) if ids.len() == 1 => Some(("person", ids[0])),
            _ => None,
        });
        Some(match name {
            Some(name) => Plan::ByPlaceName { place, name },
            None => Plan::ByPlace(place),
        })
    }

    /// The walk reads only rows passing `condition`, which need no test.
    fn walks(self, condition: &Condition) -> bool {
        match (self, condition) {
            (Plan::ByPlace(place), Condition::Places(ids))
            | (Plan::ByPlaceName { place, .. }, Condition::Places(ids)) => ids[..] == [place],
            (Plan::ByPlaceName { name, .. }, Condition::Parties(ids)) => {
                name.0 == "party" && ids[..] == [name.1]
            }
            (Plan::ByPlaceName { name, .. }, Condition::People(ids)) => {
                name.0 == "person" && ids[..] == [name.1]
            }
            _ => false,
        }
    }
}

/// How the articles of one [`ImportBatch`] are kept apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Isolation {
    /// Each article in its own savepoint: one that fails is undone alone
    /// and the others still land.
    PerArticle,
    /// No savepoints, which is faster: each savepoint makes the full-text
    /// index write out its pending terms. A failed article spoils the whole
    /// batch, which the caller then rolls back (drops) and writes again
    /// [`Isolation::PerArticle`].
    Whole,
}

/// One transaction of an import: a batch of articles that lands together
/// on [`ImportBatch::commit`], or not at all.
pub struct ImportBatch<'a> {
    /// Open until `commit`; a batch dropped without it is rolled back.
    tx: Option<Transaction<'a>>,
    isolation: Isolation,
    now: String,
    sample: bool,
    /// The store's file, for errors such as a full disk.
    path: PathBuf,
    /// Articles written in this batch, which enter the full-text index
    /// together on commit.
    unindexed: Vec<SearchEntry>,
    ids: EntityIds,
}

impl ImportBatch<'_> {
    /// Stores one article and, when it is new or newer, what `extract`
    /// finds in it, together: no article is left without its extraction.
    pub fn add(
        &mut self,
        article: &KeyedArticle,
        provenance: &Provenance,
        extract: &dyn Fn(&NewArticle) -> Extraction,
    ) -> Result<StoreOutcome> {
        let (sample, now, ids) = (self.sample, &self.now, &mut self.ids);
        let mut write = |conn: &Connection| -> Result<StoreOutcome> {
            let outcome = store_article(conn, article, provenance, sample, now, None)?;
            if let StoreOutcome::Imported(id) | StoreOutcome::Updated(id) = outcome {
                save_extraction(conn, ids, id, &extract(&article.article))?;
            }
            Ok(outcome)
        };
        let written = match self.isolation {
            Isolation::Whole => write(self.tx.as_ref().expect(OPEN_BATCH)),
            Isolation::PerArticle => self
                .tx
                .as_mut()
                .expect(OPEN_BATCH)
                .savepoint()
                .map_err(Error::from)
                .and_then(|sp| {
                    let outcome = write(&sp)?;
                    sp.commit()?;
                    Ok(outcome)
                }),
        };
        let outcome = written.map_err(|e| e.about_store(&self.path))?;
        match outcome {
            StoreOutcome::Imported(id) => self.unindexed.push(SearchEntry::of(id, article)),
            StoreOutcome::Updated(id) => self.reindex(id, article),
            StoreOutcome::Duplicate(_) => {}
        }
        Ok(outcome)
    }

    /// Enters the stored article `id`, just rewritten, into the full-text
    /// index again when the batch commits. Rewriting it took it out (the
    /// trigger `articles_fts_unindex`), under the key of its old time.
    fn reindex(&mut self, id: i64, article: &KeyedArticle) {
        let entry = SearchEntry::of(id, article);
        match self.unindexed.iter_mut().find(|e| e.id == id) {
            Some(written) => *written = entry,
            None => self.unindexed.push(entry),
        }
    }

    /// Writes `article` over the stored article `id`, whatever their
    /// times, with a new extraction.
    pub fn replace(
        &mut self,
        id: i64,
        article: &NewArticle,
        provenance: &Provenance,
        extract: &dyn Fn(&NewArticle) -> Extraction,
    ) -> Result<()> {
        let sp = self.tx.as_mut().expect(OPEN_BATCH).savepoint()?;
        let keyed = KeyedArticle::new(article.clone());
        store_article(&sp, &keyed, provenance, self.sample, &self.now, Some(id))?;
        save_extraction(&sp, &mut self.ids, id, &extract(article))?;
        sp.commit()?;
        self.reindex(id, &keyed);
        Ok(())
    }

    pub fn commit(mut self) -> Result<()> {
        let tx = self.tx.take().expect(OPEN_BATCH);
        let index_and_commit = || -> Result<()> {
            index_search_entries(&tx, &self.unindexed)?;
            if !self.unindexed.is_empty() {
                // The one change to the place tree the batch counts
                // (migration 0024).
                cached(&tx, "UPDATE tally_state SET changes = changes + 1", [])?;
            }
            defer_upkeep(&tx, false)?;
            check_constraints(&tx, true)?;
            Ok(tx.commit()?)
        };
        index_and_commit().map_err(|e| e.about_store(&self.path))
    }
}

/// An article's folded text, waiting in a batch to enter the full-text
/// index.
struct SearchEntry {
    id: i64,
    title: String,
    body: String,
}

impl SearchEntry {
    fn of(id: i64, article: &KeyedArticle) -> SearchEntry {
        SearchEntry {
            id,
            title: article.search_title.clone(),
            body: article.search_body.clone(),
        }
    }
}

/// Enters `entries` into the full-text index, each under its article's
/// search key.
fn index_search_entries(conn: &Connection, entries: &[SearchEntry]) -> Result<()> {
    let mut keyed = Vec::with_capacity(entries.len());
    let mut key = conn.prepare_cached(&format!(
        "SELECT {} FROM articles WHERE id = ?1",
        search::search_key("sort_time", "id")
    ))?;
    for e in entries {
        keyed.push((key.query_row([e.id], |r| r.get::<_, i64>(0))?, e));
    }
    // In the order of their keys: the index keeps new entries in memory
    // only while each key is above the last, and writes them out as soon as
    // one is not, which in the order articles come was about every other.
    keyed.sort_unstable_by_key(|(key, _)| *key);
    let mut index =
        conn.prepare_cached("INSERT INTO articles_fts (rowid, title, body) VALUES (?1, ?2, ?3)")?;
    for (key, e) in keyed {
        index.execute(params![key, e.title, e.body])?;
    }
    Ok(())
}

const OPEN_BATCH: &str = "a batch's transaction is open until it commits";

impl Drop for ImportBatch<'_> {
    fn drop(&mut self) {
        // Rolled back: later writes are checked again.
        if let Some(tx) = &self.tx {
            let _ = check_constraints(tx, true);
        }
    }
}

/// Has the triggers that follow a new event and its places and people wait
/// (migration 0024), with the place tree's change count, or run again.
fn defer_upkeep(conn: &Connection, deferred: bool) -> rusqlite::Result<()> {
    conn.prepare_cached("UPDATE batch_upkeep SET deferred = ?1")?
        .execute([deferred])
        .map(|_| ())
}

/// Turns the schema's CHECK constraints on or off for `conn`'s writes
/// (see [`Store::begin_import`]).
fn check_constraints(conn: &Connection, on: bool) -> rusqlite::Result<()> {
    conn.pragma_update(None, "ignore_check_constraints", !on)
}

/// Replaces what is stored as found in one article. Events a user has
/// reviewed are kept as they are; this article's other events are replaced.
fn save_extraction(
    conn: &Connection,
    ids: &mut EntityIds,
    article_id: i64,
    extraction: &Extraction,
) -> Result<()> {
    cached(
        conn,
        "DELETE FROM mentions WHERE article_id = ?1",
        [article_id],
    )?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO mentions (article_id, entity_kind, entity_id, field, start, end, matched, rule)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let mut places = Vec::new();
    let mut names = Vec::new();
    for m in &extraction.mentions {
        let Some((kind, id)) = ids.of(conn, &m.entity)? else {
            continue;
        };
        if kind == "place" {
            if !places.contains(&id) {
                places.push(id);
            }
        } else if !names.contains(&(kind, id)) {
            names.push((kind, id));
        }
        insert.execute(params![
            article_id,
            kind,
            id,
            m.field.as_str(),
            m.span.start as i64,
            m.span.end as i64,
            m.matched,
            m.rule.as_str()
        ])?;
    }
    // The unary + keeps SQLite from starting at the review-state index,
    // which would read every event in the store for each article imported.
    let previous: Vec<i64> = conn
        .prepare_cached(
            "SELECT s.event_id FROM event_sources s JOIN campaign_events e ON e.id = s.event_id
             WHERE s.article_id = ?1 AND +e.review_state = 'unreviewed'",
        )?
        .query_map([article_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    // An event the user has tagged or noted that no other article reports
    // stays until the new extraction is in: it then hands its marks to the
    // events now found in its sentences, or, when none is, stays as it is.
    let mut marked = Vec::new();
    for event_id in previous {
        let alone: bool = conn
            .prepare_cached(
                "SELECT NOT EXISTS (SELECT 1 FROM event_sources WHERE event_id = ?1 AND article_id != ?2)",
            )?
            .query_row([event_id, article_id], |r| r.get(0))?;
        if alone && let Some(marks) = annotations::EventMarks::of(conn, event_id)? {
            let starts: Vec<i64> = conn
                .prepare_cached(
                    "SELECT evidence_start FROM event_sources WHERE event_id = ?1 AND article_id = ?2",
                )?
                .query_map([event_id, article_id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            marked.push((event_id, starts, marks));
            continue;
        }
        cached(
            conn,
            "DELETE FROM event_sources WHERE event_id = ?1 AND article_id = ?2",
            [event_id, article_id],
        )?;
        cached(
            conn,
            "DELETE FROM campaign_events WHERE id = ?1
             AND NOT EXISTS (SELECT 1 FROM event_sources WHERE event_id = ?1)",
            [event_id],
        )?;
    }
    // Both go before either is written again, so that the triggers
    // pairing them (migration 0019) pair only the new ones.
    cached(
        conn,
        "DELETE FROM article_places WHERE article_id = ?1",
        [article_id],
    )?;
    cached(
        conn,
        "DELETE FROM article_names WHERE article_id = ?1",
        [article_id],
    )?;
    cached(
        conn,
        "INSERT OR IGNORE INTO article_places (article_id, place_id, sort_time)
         SELECT id, dateline_place_id, sort_time FROM articles
         WHERE id = ?1 AND dateline_place_id IS NOT NULL",
        [article_id],
    )?;
    for place in places {
        cached(
            conn,
            "INSERT OR IGNORE INTO article_places (article_id, place_id, sort_time)
             VALUES (?1, ?2, (SELECT sort_time FROM articles WHERE id = ?1))",
            [article_id, place],
        )?;
    }
    for (kind, id) in names {
        cached(
            conn,
            "INSERT INTO article_names (article_id, entity_kind, entity_id) VALUES (?1, ?2, ?3)",
            params![article_id, kind, id],
        )?;
    }
    for event in &extraction.events {
        save_event(conn, ids, article_id, event)?;
    }
    for (old, starts, marks) in marked {
        let successors: Vec<i64> = conn
            .prepare(&format!(
                "SELECT DISTINCT event_id FROM event_sources
                 WHERE article_id = ?1 AND event_id != ?2 AND evidence_start IN ({})",
                id_list(&starts)
            ))?
            .query_map([article_id, old], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if successors.is_empty() {
            continue;
        }
        for successor in successors {
            marks.copy_to(conn, successor)?;
        }
        cached(conn, "DELETE FROM campaign_events WHERE id = ?1", [old])?;
    }
    Ok(())
}

/// Stores one extracted event, as a further source of an event already
/// stored when it is the same happening: same kind and party, overlapping
/// dates, and a place in common (or no place on either side).
fn save_event(
    conn: &Connection,
    ids: &mut EntityIds,
    article_id: i64,
    event: &ExtractedEvent,
) -> Result<()> {
    let party_id = match &event.party {
        Some(code) => ids.id(conn, "party", code)?,
        None => None,
    };
    let places = ids.named(conn, "place", &event.places)?;
    let place_ids: Vec<i64> = places.iter().map(|(id, _)| *id).collect();
    // The user has already decided about this sentence's event.
    let reviewed: bool = conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM event_sources s JOIN campaign_events e ON e.id = s.event_id
             WHERE s.article_id = ?1 AND s.evidence_start = ?2 AND e.review_state != 'unreviewed'
               AND (e.kind = ?3 OR e.review_state = 'edited'))",
        )?
        .query_row(
            params![article_id, event.evidence_span.start as i64, event.kind.as_str()],
            |r| r.get(0),
        )?;
    if reviewed {
        return Ok(());
    }
    let start = event.date.start.map(|d| d.to_string());
    let end = event.date.end.map(|d| d.to_string());
    let existing: Option<i64> = match (&start, &end) {
        (Some(first), Some(last)) => {
            let sql: &str = if event.date.precision == DatePrecision::Reported {
                &MERGING_REPORTED
            } else {
                &MERGING_DATED
            };
            // The places go in as one JSON list, so the statement stays the
            // same (and cached) whatever the places; SQLite tests each
            // candidate itself instead of handing every one back to be
            // tested here.
            let places = format!("[{}]", id_list(&place_ids));
            let args = params![event.kind.as_str(), party_id, first, last, places];
            // The oldest stored event wins.
            conn.prepare_cached(sql)?.query_row(args, |r| r.get(0))?
        }
        _ => None,
    };
    let event_id = match existing {
        Some(id) => id,
        None => {
            cached(
                conn,
                "INSERT INTO campaign_events (kind, party_id, date_start, date_end,
                     date_precision, date_text, status, confidence, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    event.kind.as_str(),
                    party_id,
                    start,
                    end,
                    event.date.precision.as_str(),
                    event.date.text,
                    event.status.as_str(),
                    event.confidence,
                    Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                ],
            )?;
            let id = conn.last_insert_rowid();
            for place in &place_ids {
                cached(
                    conn,
                    "INSERT INTO event_places (event_id, place_id, date_start, party_id)
                     VALUES (?1, ?2, ?3, ?4)",
                    params![id, *place, start, party_id],
                )?;
            }
            let people = ids.named(conn, "person", &event.people)?;
            for (person, _) in &people {
                cached(
                    conn,
                    "INSERT INTO event_people (event_id, person_id) VALUES (?1, ?2)",
                    [id, *person],
                )?;
            }
            save_source(conn, id, article_id, event)?;
            // The event's timeline row, whole (migration 0024); when the
            // triggers did not wait, it replaces the same row they wrote.
            let names = |named: &[StoredEntity]| {
                named
                    .iter()
                    .map(|(_, name)| name.as_str())
                    .collect::<Vec<_>>()
                    .join("\u{1f}")
            };
            cached(
                conn,
                "INSERT OR REPLACE INTO event_listing
                 SELECT coalesce(date_start, ''), id, kind, party_id, date_start, date_end,
                        date_precision, date_text, status, confidence, review_state,
                        ?2, ?3, 1, ?4
                 FROM campaign_events WHERE id = ?1",
                params![id, names(&places), names(&people), event.evidence],
            )?;
            return Ok(());
        }
    };
    save_source(conn, event_id, article_id, event)
}

/// Dates overlap when each starts before the other ends, so a stored event
/// that overlaps one starts no earlier than the longest stored event of its
/// precision lasts before it: one short range of the merge index for each
/// precision (migration 0025). A reported date only meets another reported
/// date.
static MERGING_DATED: LazyLock<String> = LazyLock::new(|| {
    merging_sql(&[
        DatePrecision::Day,
        DatePrecision::Week,
        DatePrecision::Month,
        DatePrecision::Quarter,
        DatePrecision::Year,
    ])
});
static MERGING_REPORTED: LazyLock<String> =
    LazyLock::new(|| merging_sql(&[DatePrecision::Reported]));

/// The statement that finds the oldest stored event an extracted one is
/// the same happening as: same kind (?1) and party (?2), dates overlapping
/// (?3 to ?4) and a place in common (?5, a JSON list), or no place on
/// either side. One range of the merge index for each of `precisions`, in
/// one statement.
fn merging_sql(precisions: &[DatePrecision]) -> String {
    let ranges: Vec<String> = precisions
        .iter()
        .map(|&precision| {
            format!(
                "SELECT e.id FROM campaign_events e
                 WHERE e.kind = ?1 AND e.party_id IS ?2 AND e.date_precision = '{}'
                   AND e.date_start BETWEEN date(?3, '-' || {} || ' days') AND ?4
                   AND e.date_end >= ?3
                   AND CASE WHEN ?5 = '[]'
                       THEN NOT EXISTS (SELECT 1 FROM event_places ep WHERE ep.event_id = e.id)
                       ELSE EXISTS (SELECT 1 FROM event_places ep WHERE ep.event_id = e.id
                                    AND ep.place_id IN (SELECT value FROM json_each(?5)))
                   END",
                precision.as_str(),
                longest_span_sql(precision)
            )
        })
        .collect();
    format!("SELECT min(id) FROM ({})", ranges.join(" UNION ALL "))
}

/// The most days a stored event of `precision` lasts (0 when there is
/// none), read in one step from the index `campaign_events_span`.
pub(crate) fn longest_span_sql(precision: DatePrecision) -> String {
    format!(
        "coalesce((SELECT max(julianday(date_end) - julianday(date_start)) FROM campaign_events
                   WHERE date_precision = '{}'), 0)",
        precision.as_str()
    )
}

/// Records that the article `article_id` reports the event `event_id` in
/// `event`'s sentence.
fn save_source(
    conn: &Connection,
    event_id: i64,
    article_id: i64,
    event: &ExtractedEvent,
) -> Result<()> {
    cached(
        conn,
        "INSERT OR IGNORE INTO event_sources
             (event_id, article_id, evidence, evidence_start, evidence_end, date_start)
         VALUES (?1, ?2, ?3, ?4, ?5, (SELECT date_start FROM campaign_events WHERE id = ?1))",
        params![
            event_id,
            article_id,
            event.evidence,
            event.evidence_span.start as i64,
            event.evidence_span.end as i64
        ],
    )?;
    Ok(())
}

/// Store ids of gazetteer entities by key, each looked up once: an
/// article names some thirty, and a batch of articles mostly the same few.
/// Each comes with the name the timeline lists it by (a party's code).
#[derive(Default)]
struct EntityIds(HashMap<&'static str, HashMap<String, Option<StoredEntity>>>);

/// A gazetteer entity's id in the store and the name the timeline lists.
type StoredEntity = (i64, String);

impl EntityIds {
    /// The store's id for `entity`, with the mention kind it goes under.
    fn of(&mut self, conn: &Connection, entity: &Entity) -> Result<Option<(&'static str, i64)>> {
        let (kind, key) = match entity {
            Entity::Place { key, .. } => ("place", key),
            Entity::Party { code } => ("party", code),
            Entity::Person { key } => ("person", key),
        };
        Ok(self.id(conn, kind, key)?.map(|id| (kind, id)))
    }

    fn id(&mut self, conn: &Connection, kind: &'static str, key: &str) -> Result<Option<i64>> {
        Ok(self.entry(conn, kind, key)?.map(|(id, _)| *id))
    }

    /// The stored ones among `keys`, each once, by id: the order in which
    /// the timeline's triggers join their names.
    fn named(
        &mut self,
        conn: &Connection,
        kind: &'static str,
        keys: &[String],
    ) -> Result<Vec<StoredEntity>> {
        let mut named = Vec::with_capacity(keys.len());
        for key in keys {
            if let Some(entry) = self.entry(conn, kind, key)? {
                named.push(entry.clone());
            }
        }
        named.sort_unstable_by_key(|(id, _)| *id);
        named.dedup_by_key(|(id, _)| *id);
        Ok(named)
    }

    fn entry(
        &mut self,
        conn: &Connection,
        kind: &'static str,
        key: &str,
    ) -> Result<Option<&StoredEntity>> {
        let known = self.0.entry(kind).or_default();
        if !known.contains_key(key) {
            let sql = match kind {
                "place" => "SELECT id, name_en FROM places WHERE key = ?1",
                "party" => "SELECT id, code FROM parties WHERE code = ?1",
                _ => "SELECT id, name_en FROM people WHERE key = ?1",
            };
            let found = conn
                .prepare_cached(sql)?
                .query_row([key], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            known.insert(key.to_string(), found);
        }
        Ok(known[key].as_ref())
    }
}

/// Runs a statement from the connection's cache: the import runs the same
/// few statements for every article and event, and parsing each again
/// would cost as much as running it.
fn cached(conn: &Connection, sql: &str, params: impl rusqlite::Params) -> Result<usize> {
    Ok(conn.prepare_cached(sql)?.execute(params)?)
}

/// The text of a stored article that extraction reads.
struct StoredText {
    title: String,
    standfirst: Option<String>,
    dateline: Option<String>,
    body: String,
    published: Option<String>,
}

impl StoredText {
    fn as_text(&self) -> ArticleText<'_> {
        ArticleText {
            title: &self.title,
            standfirst: self.standfirst.as_deref(),
            dateline: self.dateline.as_deref(),
            body: &self.body,
            published: self
                .published
                .as_deref()
                .and_then(parse_rfc3339)
                .map(|p| p.with_timezone(&crate::query::ist()).date_naive()),
        }
    }
}

/// Per-connection settings (not in migrations: they do not persist).
fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // In-memory stores cannot use WAL; SQLite answers "memory" and that is fine.
    conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    // Reads go through the memory map (below), so a small page cache
    // serves browsing; an import asks for a bigger one (`begin_import`).
    conn.pragma_update(None, "cache_size", -READING_CACHE_KB)?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    // Reads go through a memory map, without a system call and a copy for
    // each page: a list on a big store touches thousands of pages.
    conn.pragma_update(None, "mmap_size", 4i64 << 30)?;
    // The same plan whatever values are bound. Without this SQLite marks a
    // statement whose plan looked at a bound value (`kind = ?` on a column
    // outside the index) for re-preparing on every new binding, and cached
    // statements were parsed and planned again for every article imported.
    // The store chooses its plans itself (see `articles`), so it loses nothing.
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    // Room for every statement an import repeats for each article (some
    // thirty): with rusqlite's 16 they pushed each other out, and a third
    // of them were parsed and planned again for every article.
    conn.set_prepared_statement_cache_capacity(64);
    // Copy the log into the store every 64 MB instead of every 4 MB: an
    // import rewrites the same index pages batch after batch, and each page
    // is then copied once for many batches.
    conn.pragma_update(None, "wal_autocheckpoint", 16_384)?;
    for (name, key) in [
        ("chunav_fold", fold as fn(&str) -> String),
        ("chunav_search_text", search_text),
    ] {
        conn.create_scalar_function(
            name,
            1,
            FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
            move |ctx| {
                let text: Option<String> = ctx.get(0)?;
                Ok(text.map(|t| key(&t)))
            },
        )?;
    }
    Ok(())
}

/// Refuses, before SQLite touches it, a store file that cannot be one: not
/// an SQLite file, shorter than its header says (truncated), or not
/// writable. A missing file is fine: it will be created.
fn check_file(path: &Path) -> Result<()> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io(e)),
    };
    let len = file.metadata().map_err(io)?.len();
    if len == 0 {
        return Ok(()); // an empty file is an empty database to SQLite
    }
    let mut header = [0u8; 100];
    if len < 100 || std::io::Read::read_exact(&mut file, &mut header).is_err() {
        return Err(Error::NotAStore {
            path: path.to_path_buf(),
        });
    }
    if &header[..16] != b"SQLite format 3\0" {
        return Err(Error::NotAStore {
            path: path.to_path_buf(),
        });
    }
    let word = |at: usize| u32::from_be_bytes(header[at..at + 4].try_into().expect("4 bytes"));
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536,
        n => u64::from(n),
    };
    // The page count in the header is valid when its change counter
    // matches. With a write-ahead log beside the file, another process may
    // be checkpointing, which writes page 1 before it extends the file.
    let pages = u64::from(word(28));
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    if word(24) == word(92) && pages * page_size > len && !Path::new(&wal).exists() {
        return Err(Error::Damaged {
            path: path.to_path_buf(),
            detail: format!(
                "the file has {len} bytes where its header says {}: it was cut short",
                pages * page_size
            ),
        });
    }
    match std::fs::OpenOptions::new().write(true).open(path) {
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => Err(Error::ReadOnly {
            path: path.to_path_buf(),
        }),
        _ => Ok(()),
    }
}

fn not_a_store(e: rusqlite::Error, path: &Path) -> Error {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => Error::NotAStore {
            path: path.to_path_buf(),
        },
        _ => Error::Sqlite(e),
    }
}

/// Applies the migrations not yet applied, all in one exclusive transaction.
fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    // An up-to-date store needs no write lock: a reader opening it while
    // another process imports does not wait.
    let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if found == SCHEMA_VERSION {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
    // Read again under the lock: another process may have migrated meanwhile.
    let current: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if current > SCHEMA_VERSION {
        return Err(Error::NewerStore {
            path: path.to_path_buf(),
            found: current,
            supported: SCHEMA_VERSION,
        });
    }
    for (name, sql) in &MIGRATIONS[current as usize..] {
        tx.execute_batch(sql)
            .map_err(|source| Error::Migration { name, source })?;
    }
    if current < SCHEMA_VERSION {
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    }
    tx.commit()?;
    Ok(())
}

fn write_reference_data(tx: &Transaction, g: &Gazetteer) -> Result<()> {
    let mut place = tx.prepare(
        "INSERT INTO places (key, kind, name_en, name_hi, parent_id, code, latitude, longitude, note, ambiguity)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT(key) DO UPDATE SET kind = excluded.kind, name_en = excluded.name_en,
             name_hi = excluded.name_hi, parent_id = excluded.parent_id, code = excluded.code,
             latitude = excluded.latitude, longitude = excluded.longitude, note = excluded.note,
             ambiguity = excluded.ambiguity
         RETURNING id",
    )?;
    let mut alias = tx.prepare(
        "INSERT OR IGNORE INTO place_aliases (place_id, alias, folded) VALUES (?1, ?2, ?3)",
    )?;
    let mut add_place = |key: String,
                         kind: PlaceKind,
                         names: (&str, Option<&str>),
                         parent: Option<i64>,
                         code: Option<&str>,
                         coords: (Option<f64>, Option<f64>),
                         note: Option<&str>,
                         ambiguity: Option<String>,
                         aliases: &[String]|
     -> Result<i64> {
        let id: i64 = place.query_row(
            params![
                key,
                kind.as_str(),
                names.0,
                names.1,
                parent,
                code,
                coords.0,
                coords.1,
                note,
                ambiguity
            ],
            |r| r.get(0),
        )?;
        tx.execute("DELETE FROM place_aliases WHERE place_id = ?1", [id])?;
        let all = std::iter::once(names.0)
            .chain(names.1)
            .chain(aliases.iter().map(String::as_str));
        for name in all {
            alias.execute(params![id, nfc(name), fold(name)])?;
        }
        Ok(id)
    };

    let india = add_place(
        "country:in".into(),
        PlaceKind::Country,
        ("India", Some("भारत")),
        None,
        Some("IN"),
        (None, None),
        None,
        None,
        &["Hindustan".into(), "हिंदुस्तान".into()],
    )?;
    let mut home = None;
    for s in &g.states {
        let id = add_place(
            format!("state:{}", s.code.to_lowercase()),
            PlaceKind::State,
            (&s.name_en, Some(&s.name_hi)),
            Some(india),
            Some(&s.code),
            (s.lat, s.lon),
            None,
            None,
            &s.aliases,
        )?;
        if s.code == HOME_STATE {
            home = Some(id);
        }
    }
    let home = home.expect("gazetteer check guarantees the home state");
    let mut division_ids = std::collections::HashMap::new();
    for v in &g.divisions {
        let id = add_place(
            place_key("division", &v.name_en),
            PlaceKind::Division,
            (&v.name_en, Some(&v.name_hi)),
            Some(home),
            None,
            (None, None),
            None,
            None,
            &v.names_as_division(),
        )?;
        division_ids.insert(v.name_en.as_str(), id);
    }
    let mut district_ids = std::collections::HashMap::new();
    for d in &g.districts {
        let ambiguity = (!d.ambiguity.is_empty()).then(|| d.ambiguity.join("|"));
        let id = add_place(
            place_key("district", &d.name_en),
            PlaceKind::District,
            (&d.name_en, Some(&d.name_hi)),
            Some(division_ids[d.division.as_str()]),
            Some(&d.lgd_code),
            (Some(d.lat), Some(d.lon)),
            Some(&d.hq_town),
            ambiguity,
            &d.aliases,
        )?;
        district_ids.insert(d.name_en.as_str(), id);
    }
    for r in &g.regions {
        let id = add_place(
            place_key("region", &r.name_en),
            PlaceKind::Region,
            (&r.name_en, Some(&r.name_hi)),
            Some(home),
            None,
            (None, None),
            Some(&r.definition),
            None,
            &r.aliases,
        )?;
        tx.execute("DELETE FROM region_members WHERE region_id = ?1", [id])?;
        for d in &r.districts {
            tx.execute(
                "INSERT INTO region_members (region_id, district_id) VALUES (?1, ?2)",
                params![id, district_ids[d.as_str()]],
            )?;
        }
    }
    for c in &g.constituencies {
        add_place(
            format!("ac:{}", c.number),
            PlaceKind::AssemblyConstituency,
            (&c.name_en, c.name_hi.as_deref()),
            Some(district_ids[c.district.as_str()]),
            Some(&c.number.to_string()),
            (None, None),
            Some(&c.reservation),
            None,
            &[],
        )?;
    }

    let mut party = tx.prepare(
        "INSERT INTO parties (code, name_en, name_hi, colour) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(code) DO UPDATE SET name_en = excluded.name_en,
             name_hi = excluded.name_hi, colour = excluded.colour
         RETURNING id",
    )?;
    let mut party_ids = std::collections::HashMap::new();
    for p in &g.parties {
        let id: i64 = party.query_row(params![p.code, p.name_en, p.name_hi, p.colour], |r| {
            r.get(0)
        })?;
        tx.execute("DELETE FROM party_aliases WHERE party_id = ?1", [id])?;
        let plain = [&p.code, &p.name_en, &p.name_hi]
            .into_iter()
            .chain(&p.aliases);
        let names = plain
            .map(|a| (a, false))
            .chain(p.context_aliases.iter().map(|a| (a, true)));
        for (name, context_only) in names {
            tx.execute(
                "INSERT OR IGNORE INTO party_aliases (party_id, alias, folded, context_only)
                 VALUES (?1, ?2, ?3, ?4)",
                params![id, nfc(name), fold(name), context_only],
            )?;
        }
        party_ids.insert(p.code.as_str(), id);
    }
    for p in &g.people {
        let id: i64 = tx.query_row(
            "INSERT INTO people (key, name_en, name_hi, party_id, role) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(key) DO UPDATE SET name_en = excluded.name_en, name_hi = excluded.name_hi,
                 party_id = excluded.party_id, role = excluded.role
             RETURNING id",
            params![
                p.key(),
                p.name_en,
                p.name_hi,
                p.party.as_deref().map(|c| party_ids[c]),
                p.role
            ],
            |r| r.get(0),
        )?;
        tx.execute("DELETE FROM person_aliases WHERE person_id = ?1", [id])?;
        for name in [&p.name_en, &p.name_hi].into_iter().chain(&p.aliases) {
            tx.execute(
                "INSERT OR IGNORE INTO person_aliases (person_id, alias, folded) VALUES (?1, ?2, ?3)",
                params![id, nfc(name), fold(name)],
            )?;
        }
    }
    Ok(())
}

fn parse_language(code: String) -> Language {
    code.parse().unwrap_or(Language::Other)
}

/// Fingerprint for de-duplication: the folded title and body, with all
/// runs of white space made one, so re-copied text with other spacing or
/// spelling of the same letters is still recognised.
fn content_hash(folded_title: &str, folded_body: &str) -> String {
    let mut h = Sha256::new();
    for part in [folded_title, folded_body] {
        for word in part.split_whitespace() {
            h.update(word.as_bytes());
            h.update(b" ");
        }
        h.update([0]);
    }
    crate::gazetteer::hex(&h.finalize())
}

fn store_article(
    tx: &Connection,
    keyed: &KeyedArticle,
    provenance: &Provenance,
    sample: bool,
    now: &str,
    replace: Option<i64>,
) -> Result<StoreOutcome> {
    let a = &keyed.article;
    let (hash, title_key) = (&keyed.content_hash, &keyed.title_key);
    let published = a.published.map(rfc3339);
    let existing = match replace {
        Some(id) => Some((id, None)),
        None => stored_copy(tx, keyed)?,
    };
    let outlet_id = match &a.outlet {
        Some(name) => Some(outlet(tx, name, a.url.as_deref())?),
        None => None,
    };
    let dateline_place = match &a.dateline {
        Some(d) => dateline_place(tx, d)?,
        None => None,
    };
    let language = a
        .language
        .unwrap_or_else(|| crate::text::detect_language(&format!("{}\n{}", a.title, a.body)));
    let sort_time = a
        .published
        .map(|p| p.timestamp())
        .unwrap_or_else(|| Utc::now().timestamp());
    let values = params![
        a.external_id,
        a.url,
        outlet_id,
        a.title,
        a.standfirst,
        a.author,
        a.editor,
        a.dateline,
        dateline_place,
        published,
        a.updated.map(rfc3339),
        sort_time,
        language.code(),
        a.body,
        hash,
        title_key,
        provenance.file,
        provenance.line.map(|l| l as i64),
        now,
        sample,
    ];
    match existing {
        Some((id, stored_updated)) => {
            let newer = replace.is_some() || is_newer(a, stored_updated.as_deref());
            if !newer {
                return Ok(StoreOutcome::Duplicate(id));
            }
            cached(
                tx,
                "UPDATE articles SET external_id = ?1, url = coalesce(?2, url),
                     outlet_id = coalesce(?3, outlet_id), title = ?4, standfirst = ?5,
                     author = ?6, editor = ?7, dateline = ?8, dateline_place_id = ?9,
                     published_at = coalesce(?10, published_at), updated_at = ?11,
                     sort_time = ?12, language = ?13, body = ?14, content_hash = ?15,
                     title_key = ?16, source_file = ?17, source_line = ?18,
                     imported_at = ?19, sample = ?20
                 WHERE id = ?21",
                rusqlite::params_from_iter(
                    values.iter().copied().chain([&id as &dyn rusqlite::ToSql]),
                ),
            )?;
            Ok(StoreOutcome::Updated(id))
        }
        None => {
            cached(
                tx,
                "INSERT INTO articles (external_id, url, outlet_id, title, standfirst, author,
                     editor, dateline, dateline_place_id, published_at, updated_at, sort_time,
                     language, body, content_hash, title_key, source_file, source_line,
                     imported_at, sample)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,
                         ?16, ?17, ?18, ?19, ?20)",
                values,
            )?;
            Ok(StoreOutcome::Imported(tx.last_insert_rowid()))
        }
    }
}

/// The stored article `a` is a copy of, with its `updated_at`. The same
/// article is the same URL, or the same content, or the same title
/// published at the same moment (a later edit of the body).
fn stored_copy(conn: &Connection, keyed: &KeyedArticle) -> Result<Option<(i64, Option<String>)>> {
    let a = &keyed.article;
    Ok(conn
        .prepare_cached(
            "SELECT id, updated_at FROM articles
             WHERE (?1 IS NOT NULL AND url = ?1) OR content_hash = ?2
                OR (?4 IS NOT NULL AND title_key = ?3 AND published_at = ?4)
             ORDER BY (url IS ?1) DESC LIMIT 1",
        )?
        .query_row(
            params![
                a.url,
                keyed.content_hash,
                keyed.title_key,
                a.published.map(rfc3339)
            ],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// Whether `a` is a later version than a stored copy updated at `stored`.
fn is_newer(a: &NewArticle, stored: Option<&str>) -> bool {
    match (&a.updated, stored.map(parse_rfc3339)) {
        (Some(new), Some(Some(old))) => *new > old,
        (Some(_), _) => true,
        (None, _) => false,
    }
}

fn outlet(tx: &Connection, name: &str, url: Option<&str>) -> Result<i64> {
    let host = url.and_then(url_host);
    // Nearly every article comes from an outlet stored already, with its
    // host: found, it is not written again.
    let stored = tx
        .prepare_cached(
            "SELECT id FROM outlets WHERE name = ?1 AND (host IS NOT NULL OR ?2 IS NULL)",
        )?
        .query_row(params![name, host], |r| r.get(0))
        .optional()?;
    if let Some(id) = stored {
        return Ok(id);
    }
    Ok(tx
        .prepare_cached(
            "INSERT INTO outlets (name, host) VALUES (?1, ?2)
             ON CONFLICT(name) DO UPDATE SET host = coalesce(outlets.host, excluded.host)
             RETURNING id",
        )?
        .query_row(params![name, host], |r| r.get(0))?)
}

fn url_host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty()).then(|| host.to_lowercase())
}

/// The place a dateline names: its first part ("गोरखपुर, जेएनएन" -> Gorakhpur),
/// preferring a district over a state of the same name.
fn dateline_place(tx: &Connection, dateline: &str) -> Result<Option<i64>> {
    let name = dateline
        .split([',', '।', ':', '('])
        .next()
        .unwrap_or("")
        .trim();
    if name.is_empty() {
        return Ok(None);
    }
    Ok(tx
        .prepare_cached(
            "SELECT p.id FROM place_aliases a JOIN places p ON p.id = a.place_id
             WHERE a.folded = ?1
             ORDER BY CASE p.kind WHEN 'district' THEN 0 WHEN 'state' THEN 1 ELSE 2 END
             LIMIT 1",
        )?
        .query_row([fold(name)], |r| r.get(0))
        .optional()?)
}

fn rfc3339(t: DateTime<FixedOffset>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

fn parse_rfc3339(s: &str) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(s).ok()
}

/// Ids as an SQL list, `3,17,42`. They are the store's own integers, so
/// they go into the text as literals.
fn id_list(ids: &[i64]) -> String {
    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every plan a page can take lists the same rows in the same order,
    /// page after page: the plan is chosen for speed alone.
    #[test]
    fn every_plan_pages_through_the_same_rows() {
        let mut jsonl = Vec::new();
        crate::synth::write_jsonl(150, 11, &mut jsonl).unwrap();
        // And an event in two districts of one division, which a merge of
        // the division's districts must list once.
        let two_districts = r#"{"id": "two", "title": "दो जिलों में रैली",
            "published": "2021-03-01T10:00:00+05:30",
            "body": "सपा ने 5 मार्च को गोरखपुर और देवरिया में रैली की।"}"#
            .replace('\n', " ");
        jsonl.extend_from_slice(two_districts.as_bytes());
        jsonl.push(b'\n');
        let mut store = Store::open_in_memory().unwrap();
        crate::ingest::import_reader(
            &mut store,
            "synthetic.jsonl",
            jsonl.as_slice(),
            crate::ingest::Format::JsonLines,
            &Default::default(),
            &mut Default::default(),
        )
        .unwrap();
        let district = |name| store.find_place(name, &[PlaceKind::District]).unwrap();
        let (lucknow, _) = district("Lucknow").unwrap();
        // The district most written about, so that its pages are several.
        let counts = store.place_tree_counts().unwrap();
        let busiest = store
            .districts_within(
                store
                    .find_place("Uttar Pradesh", &[PlaceKind::State])
                    .unwrap()
                    .unwrap()
                    .0,
            )
            .unwrap()
            .into_iter()
            .max_by_key(|d| counts.get(d).map_or(0, |c| c.0))
            .unwrap();
        let (gorakhpur, _) = district("Gorakhpur").unwrap();
        let division = store
            .place_filter(
                store
                    .find_place("Gorakhpur", &[PlaceKind::Division])
                    .unwrap()
                    .unwrap()
                    .0,
            )
            .unwrap();
        let bjp = store.find_party("bjp").unwrap().unwrap();
        let sp = store.find_party("sp").unwrap().unwrap();
        let yogi = store.find_person("Yogi Adityanath").unwrap().unwrap();
        let named_there: i64 = store
            .conn
            .query_row(
                "SELECT n.entity_id FROM article_names n
                 JOIN article_places ap ON ap.article_id = n.article_id AND ap.place_id = ?1
                 WHERE n.entity_kind = 'person'
                 GROUP BY 1 ORDER BY count(*) DESC LIMIT 1",
                [busiest],
                |r| r.get(0),
            )
            .unwrap();
        let year = Condition::Dates(vec![crate::query::DaySpan {
            from: chrono::NaiveDate::from_ymd_opt(2021, 1, 1),
            to: chrono::NaiveDate::from_ymd_opt(2022, 7, 1),
        }]);
        let words = Condition::Search(crate::query::search_query("अभियान").unwrap());
        let filters = [
            vec![words.clone()],
            vec![words.clone(), year.clone()],
            vec![words.clone(), Condition::Places(vec![busiest])],
            vec![
                words.clone(),
                Condition::Places(vec![busiest]),
                Condition::Parties(vec![bjp, sp]),
                year.clone(),
            ],
            vec![
                words.clone(),
                Condition::Not(Box::new(Condition::Places(vec![lucknow]))),
            ],
            vec![Condition::Places(vec![lucknow])],
            vec![
                Condition::Places(vec![busiest]),
                Condition::Languages(vec![Language::English]),
            ],
            vec![Condition::Places(vec![busiest])],
            vec![Condition::Places(vec![busiest]), year.clone()],
            vec![
                Condition::Places(vec![busiest]),
                Condition::Parties(vec![bjp, sp]),
            ],
            vec![
                Condition::Places(vec![busiest]),
                Condition::Parties(vec![bjp]),
            ],
            vec![
                Condition::Places(vec![busiest]),
                Condition::People(vec![named_there]),
            ],
            vec![
                words,
                Condition::Places(vec![busiest]),
                Condition::Parties(vec![bjp]),
            ],
            vec![Condition::Places(division.place_ids.clone())],
            vec![Condition::Places(division.place_ids.clone()), year.clone()],
            vec![
                Condition::Places(division.place_ids.clone()),
                Condition::Parties(vec![bjp, sp]),
            ],
            vec![Condition::Parties(vec![bjp, sp])],
            vec![Condition::People(vec![yogi])],
            vec![Condition::Not(Box::new(Condition::Places(vec![gorakhpur])))],
            vec![
                Condition::Not(Box::new(Condition::Places(vec![lucknow]))),
                Condition::Parties(vec![bjp, sp]),
                year,
            ],
        ];
        let mut merged = 0;
        for conditions in filters {
            let articles = ArticleFilter {
                conditions: conditions.clone(),
            };
            let walk = |plan| {
                let (mut ids, mut after) = (Vec::new(), None);
                loop {
                    let page = store
                        .article_page(&articles, &Page { after, limit: 7 }, plan)
                        .unwrap();
                    let Some(last) = page.last() else { break ids };
                    after = Some((last.sort_time, last.id));
                    ids.extend(page.iter().map(|a| a.id));
                }
            };
            let listed = walk(Plan::FilterRows);
            assert!(!listed.is_empty(), "{conditions:?}");
            assert_eq!(
                store.count_articles(&articles).unwrap(),
                listed.len() as u64,
                "{conditions:?}"
            );
            assert_eq!(walk(Plan::PageOrder), listed, "{conditions:?}");
            let by_place = Plan::one_place(&conditions).unwrap_or(Plan::PageOrder);
            assert_eq!(walk(by_place), listed, "{conditions:?}");
            if let Some(plan) = Plan::one_place_of_articles(&conditions) {
                assert_eq!(walk(plan), listed, "{conditions:?}");
            }
            if conditions.iter().any(|c| matches!(c, Condition::Search(_))) {
                assert_eq!(walk(Plan::BySearch), listed, "{conditions:?}");
            }

            let events = EventFilter {
                conditions,
                ..EventFilter::default()
            };
            let walk_with = |plan, words| -> Vec<i64> {
                event_pages(&store, &events, 7, plan, words)
                    .into_iter()
                    .flatten()
                    .map(|e| e.id)
                    .collect()
            };
            let walk = |plan| walk_with(plan, Words::Indexed);
            let listed = walk(Plan::Sqlite);
            assert_eq!(
                store.count_events(&events).unwrap(),
                listed.len() as u64,
                "{:?}",
                events.conditions
            );
            assert_eq!(walk(Plan::PageOrder), listed, "{:?}", events.conditions);
            assert_eq!(walk(by_place), listed, "{:?}", events.conditions);
            if Plan::merged_places(&events.conditions).is_some() {
                assert_eq!(walk(Plan::ByPlaces), listed, "{:?}", events.conditions);
                merged += 1;
            }
            if events
                .conditions
                .iter()
                .any(|c| matches!(c, Condition::Search(_)))
            {
                assert!(!listed.is_empty(), "{:?}", events.conditions);
                assert_eq!(walk(Plan::BySearch), listed, "{:?}", events.conditions);
                let words = search_words(&events.conditions).unwrap();
                store.hold_matches(words).unwrap();
                for plan in [Plan::PageOrder, by_place] {
                    assert_eq!(
                        walk_with(plan, Words::Held),
                        listed,
                        "{:?}",
                        events.conditions
                    );
                }
            }
        }

        assert_eq!(merged, 3);
        let both = store
            .event_page(
                &EventFilter {
                    conditions: vec![Condition::Places(division.place_ids.clone())],
                    ..EventFilter::default()
                },
                &EventPage {
                    after: None,
                    limit: 10_000,
                },
                Plan::ByPlaces,
                Words::Indexed,
            )
            .unwrap()
            .into_iter()
            .filter(|e| e.places == ["Deoria", "Gorakhpur"])
            .count();
        assert_eq!(both, 1);

        // An event whose date a user corrects moves in its places' order too.
        let in_busiest = EventFilter {
            conditions: vec![Condition::Places(vec![busiest])],
            ..EventFilter::default()
        };
        let first_page = |store: &Store| {
            store
                .event_page(
                    &in_busiest,
                    &EventPage::default(),
                    Plan::ByPlace(busiest),
                    Words::Indexed,
                )
                .unwrap()
        };
        let last = first_page(&store).last().unwrap().id;
        let early = chrono::NaiveDate::from_ymd_opt(2001, 1, 1).unwrap();
        store
            .review_event(
                last,
                &EventReview::Edit {
                    kind: EventKind::Rally,
                    start: early,
                    end: early,
                    precision: DatePrecision::Day,
                },
            )
            .unwrap();
        let page = first_page(&store);
        assert_eq!(page.first().map(|e| e.id), Some(last));
        assert_eq!(
            page,
            store
                .event_page(
                    &in_busiest,
                    &EventPage::default(),
                    Plan::Sqlite,
                    Words::Indexed,
                )
                .unwrap()
        );
        // And in its sources' dates (migration 0022).
        let stale: i64 = store
            .conn
            .query_row(
                "SELECT count(*) FROM event_sources s JOIN campaign_events e ON e.id = s.event_id
                 WHERE s.date_start IS NOT e.date_start",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(stale, 0);
    }

    #[test]
    fn checks_an_import_skips_apply_again_after_its_batch() {
        let mut store = Store::open_in_memory().unwrap();
        let unchecked = |store: &Store| {
            store.conn.execute(
                "INSERT INTO campaign_events (kind, date_precision, status, created_at)
                 VALUES ('rally', 'day', 'rumoured', '2021-01-01')",
                [],
            )
        };
        let refused = |store: &Store| {
            let e = unchecked(store).unwrap_err();
            assert_eq!(
                e.sqlite_error_code(),
                Some(rusqlite::ErrorCode::ConstraintViolation),
                "{e}"
            );
        };
        refused(&store);
        store
            .begin_import(false, Isolation::Whole)
            .unwrap()
            .commit()
            .unwrap();
        refused(&store);
        drop(store.begin_import(false, Isolation::Whole).unwrap());
        refused(&store);
    }

    #[test]
    fn triggers_an_import_defers_run_again_after_its_batch() {
        let mut store = Store::open_in_memory().unwrap();
        let listed = |store: &Store| -> bool {
            store
                .conn
                .execute(
                    "INSERT INTO campaign_events (kind, date_precision, status, created_at)
                     VALUES ('rally', 'day', 'planned', '2021-01-01')",
                    [],
                )
                .unwrap();
            let id = store.conn.last_insert_rowid();
            store
                .conn
                .query_row(
                    "SELECT EXISTS (SELECT 1 FROM event_listing WHERE id = ?1)",
                    [id],
                    |r| r.get(0),
                )
                .unwrap()
        };
        assert!(listed(&store));
        store
            .begin_import(false, Isolation::Whole)
            .unwrap()
            .commit()
            .unwrap();
        assert!(listed(&store));
        drop(store.begin_import(false, Isolation::Whole).unwrap());
        assert!(listed(&store));
    }

    /// Each article reports one event, `(kind, party, place, first day,
    /// last day, precision)`; the events stored, as (sources, first day),
    /// in id order.
    fn merged(
        reports: &[(EventKind, &str, &str, &str, &str, DatePrecision)],
    ) -> Vec<(i64, String)> {
        let store = reported(reports);
        let mut stmt = store
            .conn
            .prepare("SELECT sources, date_start FROM event_listing ORDER BY id")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    /// A store of one article for each report (kind, party, place, first
    /// and last day, precision), each mentioning a rally.
    fn reported(reports: &[Report]) -> Store {
        let mut store = Store::open_in_memory().unwrap();
        for (n, &one) in reports.iter().enumerate() {
            report(&mut store, n, one);
        }
        store
    }

    /// A report: an event's kind, party, place, first and last day and
    /// date precision.
    type Report<'a> = (EventKind, &'a str, &'a str, &'a str, &'a str, DatePrecision);

    /// Stores article `n` (a rally's news, unlike any other `n`'s), which
    /// reports `report`, in a batch of its own as an import of many files
    /// would.
    fn report(store: &mut Store, n: usize, report: Report) {
        use crate::extract::{EventDate, ExtractedEvent, Field};
        let day = |d: &str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
        let provenance = Provenance {
            file: "merge".into(),
            line: None,
        };
        let (kind, party, place, first, last, precision) = report;
        {
            let mut batch = store.begin_import(false, Isolation::Whole).unwrap();
            let article = NewArticle {
                external_id: Some(format!("merge-{n}")),
                title: format!("खबर {n}"),
                body: format!("रैली की खबर संख्या {n}।"),
                ..NewArticle::default()
            };
            let event = ExtractedEvent {
                kind,
                party: Some(party.to_string()),
                people: Vec::new(),
                places: vec![place.to_string()],
                date: EventDate {
                    start: Some(day(first)),
                    end: Some(day(last)),
                    precision,
                    text: None,
                    relation: None,
                },
                status: EventStatus::Happened,
                field: Field::Body,
                evidence_span: 0..10,
                evidence: format!("वाक्य {n}"),
                confidence: 0.8,
                trigger: "रैली".into(),
            };
            let extraction = Extraction {
                mentions: Vec::new(),
                events: vec![event],
            };
            batch
                .add(&KeyedArticle::new(article), &provenance, &|_| {
                    extraction.clone()
                })
                .unwrap();
            batch.commit().unwrap();
        }
    }

    #[test]
    fn held_matches_follow_every_change_to_the_store() {
        use DatePrecision::Day;
        let rally = |day| (EventKind::Rally, "SP", "district:gorakhpur", day, day, Day);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("held.db");
        let mut reader = Store::open(&path).unwrap();
        let mut writer = Store::open(&path).unwrap();
        report(&mut writer, 0, rally("2021-01-12"));
        let words = crate::query::search_query("रैली").unwrap();
        let events = EventFilter {
            conditions: vec![Condition::Search(words.clone())],
            ..EventFilter::default()
        };
        let days = |store: &Store| -> Vec<String> {
            store.hold_matches(&words).unwrap();
            event_pages(store, &events, 10, Plan::PageOrder, Words::Held)
                .concat()
                .into_iter()
                .filter_map(|e| e.date_start)
                .collect()
        };
        assert_eq!(days(&reader), ["2021-01-12"]);
        // Another connection's import, then this connection's own.
        report(&mut writer, 1, rally("2021-01-13"));
        assert_eq!(days(&reader), ["2021-01-12", "2021-01-13"]);
        report(&mut reader, 2, rally("2021-01-14"));
        assert_eq!(days(&reader), ["2021-01-12", "2021-01-13", "2021-01-14"]);
    }

    /// Every page of `events` along `plan`, `limit` events a page, search
    /// words put as `words` asks.
    fn event_pages(
        store: &Store,
        events: &EventFilter,
        limit: usize,
        plan: Plan,
        words: Words,
    ) -> Vec<Vec<EventSummary>> {
        let (mut pages, mut after) = (Vec::new(), None);
        loop {
            let page = store
                .event_page(events, &EventPage { after, limit }, plan, words)
                .unwrap();
            let Some(last) = page.last() else {
                break pages;
            };
            after = Some((last.date_start.clone().unwrap_or_default(), last.id));
            pages.push(page);
        }
    }

    #[test]
    fn a_searchs_timeline_pages_past_an_event_many_matches_report() {
        use DatePrecision::Day;
        use EventKind::{Rally, Tour};
        let gkp = "district:gorakhpur";
        // Forty reports of one rally come first in date order: more than
        // a short page's first sources (2 × 2 + 16), all one event.
        let mut reports = vec![(Rally, "SP", gkp, "2021-01-12", "2021-01-12", Day); 40];
        for day in ["2021-02-01", "2021-02-02", "2021-02-03"] {
            reports.push((Tour, "SP", gkp, day, day, Day));
        }
        let store = reported(&reports);
        let events = EventFilter {
            conditions: vec![Condition::Search(
                crate::query::search_query("रैली").unwrap(),
            )],
            ..EventFilter::default()
        };
        let walk = |plan| -> Vec<Vec<String>> {
            event_pages(&store, &events, 2, plan, Words::Indexed)
                .into_iter()
                .map(|page| page.into_iter().filter_map(|e| e.date_start).collect())
                .collect()
        };
        let pages = walk(Plan::BySearch);
        assert_eq!(
            pages,
            [["2021-01-12", "2021-02-01"], ["2021-02-02", "2021-02-03"]]
        );
        assert_eq!(walk(Plan::Sqlite), pages);
    }

    #[test]
    fn an_event_reported_again_is_stored_once() {
        use DatePrecision::{Day, Reported};
        use EventKind::{Rally, Tour};
        let (gkp, deoria) = ("district:gorakhpur", "district:deoria");
        // The same rally on the same day, then on a day within a stored
        // range, and a range over a stored day: one event each time.
        let once = [(1, "2021-01-12".to_string())];
        let same_day = [
            (Rally, "SP", gkp, "2021-01-12", "2021-01-12", Day),
            (Rally, "SP", gkp, "2021-01-12", "2021-01-12", Day),
        ];
        assert_eq!(merged(&same_day), [(2, "2021-01-12".to_string())]);
        let within_range = [
            (Rally, "SP", gkp, "2021-01-10", "2021-01-14", Day),
            (Rally, "SP", gkp, "2021-01-13", "2021-01-13", Day),
        ];
        assert_eq!(merged(&within_range), [(2, "2021-01-10".to_string())]);
        let over_a_day = [
            (Rally, "SP", gkp, "2021-01-12", "2021-01-12", Day),
            (Rally, "SP", gkp, "2021-01-11", "2021-01-13", Day),
        ];
        assert_eq!(merged(&over_a_day), [(2, "2021-01-12".to_string())]);
        // Another kind, party, place, day or precision is another event.
        for other in [
            (Tour, "SP", gkp, "2021-01-12", "2021-01-12", Day),
            (Rally, "BJP", gkp, "2021-01-12", "2021-01-12", Day),
            (Rally, "SP", deoria, "2021-01-12", "2021-01-12", Day),
            (Rally, "SP", gkp, "2021-01-13", "2021-01-13", Day),
            (Rally, "SP", gkp, "2021-01-12", "2021-01-12", Reported),
        ] {
            let events = merged(&[(Rally, "SP", gkp, "2021-01-12", "2021-01-12", Day), other]);
            assert_eq!(events.len(), 2, "{other:?}");
            assert_eq!(events[0], once[0]);
        }
    }

    #[test]
    fn host_of_url() {
        assert_eq!(
            url_host("https://Example.org/a/b?c"),
            Some("example.org".into())
        );
        assert_eq!(url_host("not a url"), None);
    }

    #[test]
    fn content_hash_ignores_spacing_and_nukta() {
        let hash = |title: &str, body: &str| content_hash(&fold(title), &fold(body));
        assert_eq!(hash("फ़रवरी  में", "एक\nदो"), hash("फरवरी में", "एक दो"));
        assert_ne!(hash("a", "b"), hash("a b", ""));
    }
}
