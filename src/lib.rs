//! chunav: track election coverage in Hindi and English news.
//!
//! The library holds everything; the `chunav` binary only parses arguments
//! and hands off to [`cli::run`]. Modules by concern:
//! - [`text`]: normalisation, the Hindi search key, control-sequence removal;
//! - [`model`]: domain types;
//! - [`gazetteer`]: the embedded reference data (places, parties, people);
//! - [`store`]: the SQLite store, its migrations and queries;
//! - [`ingest`]: parsing articles from text pages, saved HTML pages, RSS/Atom
//!   feeds, JSON Lines and CSV;
//! - [`fetch`]: fetching subscribed feeds (and their pages) over HTTP;
//! - [`extract`]: places, parties, people and dated campaign events in text;
//! - [`eval`]: scoring extraction against labelled articles;
//! - [`export`]: timelines as CSV, JSON, Markdown, iCalendar, TimelineJS and HTML;
//! - [`query`]: the query language, and user-given names and dates as store filters;
//! - [`synth`]: synthetic articles for benchmarks;
//! - [`tui`]: the terminal interface;
//! - [`cli`]: the command line.

pub mod cli;
pub mod eval;
pub mod export;
pub mod extract;
pub mod fetch;
pub mod gazetteer;
pub mod ingest;
pub mod model;
pub mod query;
pub mod regions;
pub mod store;
pub mod synth;
pub mod text;
pub mod tui;

use std::path::PathBuf;

/// Everything that can go wrong in the library, each with enough context to
/// be shown to a user as one clear line.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("store error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{}: this store was written by a newer chunav (schema version {found}; this build knows up to {supported}). It was left untouched; upgrade chunav to open it.",
        path.display()
    )]
    NewerStore {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("{}: not a chunav store (not an SQLite database, or damaged). It was left untouched; restore it from a backup (`chunav backup`) or choose another file with --db.", path.display())]
    NotAStore { path: PathBuf },
    #[error("{}: the disk is full (or the file reached its size limit). The batch being written was rolled back; what was stored before it is kept. Free some space and run the command again.", path.display())]
    DiskFull { path: PathBuf },
    #[error("{}: the store is read-only (no permission to write the file or its folder). It was left untouched; fix the permissions, or copy it somewhere writable and use --db.", path.display())]
    ReadOnly { path: PathBuf },
    #[error("{}: the store is damaged ({detail}). It was left untouched; restore it from a backup (`chunav backup`).", path.display())]
    Damaged { path: PathBuf, detail: String },
    #[error("{}: the store stayed busy for 10 seconds (another program is writing to it, or holds a transaction open). What was being written was not stored; try again.", path.display())]
    Busy { path: PathBuf },
    #[error("{}: reading or writing the store failed ({detail}). The batch being written was rolled back; what was stored before it is kept.", path.display())]
    StoreIo { path: PathBuf, detail: String },
    /// Stopped on request (Ctrl-C) between two articles.
    #[error("interrupted")]
    Interrupted,
    #[error("migration {name} failed: {source}")]
    Migration {
        name: &'static str,
        source: rusqlite::Error,
    },
    #[error("gazetteer: {0}")]
    Gazetteer(String),
    #[error("{file}{}: {reason}", line.map(|l| format!(" line {l}")).unwrap_or_default())]
    Input {
        file: String,
        line: Option<u64>,
        reason: String,
    },
    #[error("no {kind} called {name:?}{}", suggestion.as_ref().map(|s| format!("; did you mean {s}?")).unwrap_or_default())]
    UnknownName {
        kind: &'static str,
        name: String,
        suggestion: Option<String>,
    },
    #[error("{0}")]
    Query(#[from] query::QueryError),
    #[error("{0}")]
    Invalid(String),
}

impl Error {
    /// Names the store's file in an SQLite error whose cause a user can
    /// act on: a full disk, a read-only or damaged file, a store kept busy.
    pub fn about_store(self, path: &std::path::Path) -> Error {
        use rusqlite::ErrorCode;
        let Error::Sqlite(e) = &self else {
            return self;
        };
        let path = path.to_path_buf();
        match e.sqlite_error_code() {
            Some(ErrorCode::DiskFull) => Error::DiskFull { path },
            Some(ErrorCode::ReadOnly) => Error::ReadOnly { path },
            Some(ErrorCode::NotADatabase) => Error::NotAStore { path },
            Some(ErrorCode::DatabaseCorrupt) => Error::Damaged {
                path,
                detail: e.to_string(),
            },
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Error::Busy { path },
            Some(ErrorCode::SystemIoFailure) => Error::StoreIo {
                path,
                detail: e.to_string(),
            },
            _ => self,
        }
    }
}

impl Error {
    /// An error of the store itself rather than of one input: nothing more
    /// can be imported after it.
    pub fn is_store_failure(&self) -> bool {
        matches!(
            self,
            Error::DiskFull { .. }
                | Error::ReadOnly { .. }
                | Error::Damaged { .. }
                | Error::Busy { .. }
                | Error::StoreIo { .. }
        )
    }
}

/// A write that broke one of the store's constraints: the failure of the
/// record being written, not of the store.
pub fn broke_a_constraint(e: &rusqlite::Error) -> bool {
    e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation)
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
