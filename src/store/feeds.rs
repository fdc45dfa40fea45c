//! Feed subscriptions and the state of their last fetch.

use chrono::Utc;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::Store;
use crate::{Error, Result};

/// A subscribed feed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Feed {
    pub id: i64,
    pub name: String,
    pub url: String,
    pub added_at: String,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub fetched_at: Option<String>,
    /// `ok`, `not-modified` or `failed`, after the first fetch.
    pub last_status: Option<String>,
    pub last_error: Option<String>,
    /// Articles the last fetch added.
    pub new_articles: u64,
}

/// What one fetch of a feed came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchState {
    Fetched {
        etag: Option<String>,
        last_modified: Option<String>,
        new_articles: u64,
    },
    NotModified,
    Failed(String),
}

const COLUMNS: &str = "id, name, url, added_at, etag, last_modified, fetched_at, last_status,
                       last_error, new_articles";

fn feed_row(r: &rusqlite::Row) -> rusqlite::Result<Feed> {
    Ok(Feed {
        id: r.get(0)?,
        name: r.get(1)?,
        url: r.get(2)?,
        added_at: r.get(3)?,
        etag: r.get(4)?,
        last_modified: r.get(5)?,
        fetched_at: r.get(6)?,
        last_status: r.get(7)?,
        last_error: r.get(8)?,
        new_articles: r.get::<_, i64>(9)? as u64,
    })
}

fn now() -> String {
    Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

impl Store {
    /// Subscribes to a feed. A name or address already subscribed is an
    /// error that says which feed has it.
    pub fn add_feed(&mut self, url: &str, name: &str) -> Result<Feed> {
        if let Some(other) = self.find_feed(url)?.or(self.find_feed(name)?) {
            return Err(Error::Invalid(format!(
                "already subscribed: {} ({})",
                other.name, other.url
            )));
        }
        let id: i64 = self.conn.query_row(
            "INSERT INTO feeds (name, url, added_at) VALUES (?1, ?2, ?3) RETURNING id",
            params![name, url, now()],
            |r| r.get(0),
        )?;
        Ok(self.feed(id)?.expect("the feed just added"))
    }

    /// Every subscribed feed, by name.
    pub fn feeds(&self) -> Result<Vec<Feed>> {
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT {COLUMNS} FROM feeds ORDER BY name"))?;
        let rows = stmt.query_map([], feed_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn feed(&self, id: i64) -> Result<Option<Feed>> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM feeds WHERE id = ?1"),
                [id],
                feed_row,
            )
            .optional()?)
    }

    /// The feed with this name or address.
    pub fn find_feed(&self, name_or_url: &str) -> Result<Option<Feed>> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM feeds WHERE name = ?1 OR url = ?1"),
                [name_or_url],
                feed_row,
            )
            .optional()?)
    }

    /// Unsubscribes; the articles already imported stay.
    pub fn remove_feed(&mut self, name_or_url: &str) -> Result<Option<Feed>> {
        let Some(feed) = self.find_feed(name_or_url)? else {
            return Ok(None);
        };
        self.conn
            .execute("DELETE FROM feeds WHERE id = ?1", [feed.id])?;
        Ok(Some(feed))
    }

    /// Keeps what a fetch learnt. A feed that was not modified or that
    /// failed keeps its validators for the next conditional request.
    pub fn record_fetch(&mut self, id: i64, state: &FetchState) -> Result<()> {
        match state {
            FetchState::Fetched {
                etag,
                last_modified,
                new_articles,
            } => self.conn.execute(
                "UPDATE feeds SET etag = ?2, last_modified = ?3, fetched_at = ?4,
                     last_status = 'ok', last_error = NULL, new_articles = ?5
                 WHERE id = ?1",
                params![id, etag, last_modified, now(), *new_articles as i64],
            )?,
            FetchState::NotModified => self.conn.execute(
                "UPDATE feeds SET fetched_at = ?2, last_status = 'not-modified',
                     last_error = NULL, new_articles = 0
                 WHERE id = ?1",
                params![id, now()],
            )?,
            FetchState::Failed(reason) => self.conn.execute(
                "UPDATE feeds SET fetched_at = ?2, last_status = 'failed', last_error = ?3,
                     new_articles = 0
                 WHERE id = ?1",
                params![id, now(), reason],
            )?,
        };
        Ok(())
    }
}
