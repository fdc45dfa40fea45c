//! A user's own marks: free tags and a note on any article or event. Tags
//! match by their folded form (`text::fold`) and show as first written.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::{Store, cached};
use crate::model::{Item, check_tag};
use crate::text::{fold, nfc};
use crate::{Error, Result};

/// Values grouped by the id of the article or event they belong to.
type ByItem = HashMap<i64, Vec<String>>;

/// A note and when it was last changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    pub text: String,
    /// RFC 3339, UTC.
    pub updated: String,
}

/// A tag with how many articles and events carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TagCount {
    pub tag: String,
    pub articles: u64,
    pub events: u64,
}

/// The tables of an item's tags and note, and the column naming the item.
fn tables(item: Item) -> (&'static str, &'static str, &'static str) {
    match item {
        Item::Article(_) => ("article_tags", "article_notes", "article_id"),
        Item::Event(_) => ("event_tags", "event_notes", "event_id"),
    }
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

impl Store {
    /// Adds `tags` to `item`; a tag it has already (in any case) stays as
    /// first written. Returns the item's tags.
    pub fn add_tags(&mut self, item: Item, tags: &[String]) -> Result<Vec<String>> {
        let checked = tags
            .iter()
            .map(|t| check_tag(t).map_err(Error::Invalid))
            .collect::<Result<Vec<_>>>()?;
        self.require(item)?;
        let (table, _, column) = tables(item);
        let tx = self.conn.transaction()?;
        let added = now();
        for tag in &checked {
            cached(
                &tx,
                &format!(
                    "INSERT OR IGNORE INTO {table} ({column}, folded, tag, added) VALUES (?1, ?2, ?3, ?4)"
                ),
                params![item.id(), fold(tag), tag, added],
            )?;
        }
        tx.commit()?;
        self.tags(item)
    }

    /// Removes `tags` (in any case) from `item`. Returns the item's tags.
    pub fn remove_tags(&mut self, item: Item, tags: &[String]) -> Result<Vec<String>> {
        self.require(item)?;
        let (table, _, column) = tables(item);
        for tag in tags {
            cached(
                &self.conn,
                &format!("DELETE FROM {table} WHERE {column} = ?1 AND folded = ?2"),
                params![item.id(), fold(&nfc(tag.trim()))],
            )?;
        }
        self.tags(item)
    }

    /// The item's tags, alphabetical by their folded form.
    pub fn tags(&self, item: Item) -> Result<Vec<String>> {
        let (table, _, column) = tables(item);
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT tag FROM {table} WHERE {column} = ?1 ORDER BY folded"
        ))?;
        let rows = stmt.query_map([item.id()], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Sets the item's note; empty text (or `None`) removes it.
    pub fn set_note(&mut self, item: Item, text: Option<&str>) -> Result<()> {
        self.require(item)?;
        let (_, table, column) = tables(item);
        match text.map(str::trim).filter(|t| !t.is_empty()) {
            Some(text) => cached(
                &self.conn,
                &format!(
                    "INSERT INTO {table} ({column}, text, updated) VALUES (?1, ?2, ?3)
                     ON CONFLICT({column}) DO UPDATE SET text = excluded.text, updated = excluded.updated"
                ),
                params![item.id(), nfc(text), now()],
            )?,
            None => cached(
                &self.conn,
                &format!("DELETE FROM {table} WHERE {column} = ?1"),
                [item.id()],
            )?,
        };
        Ok(())
    }

    /// The item's note; an item not stored is an error.
    pub fn note(&self, item: Item) -> Result<Option<Note>> {
        self.require(item)?;
        let (_, table, column) = tables(item);
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT text, updated FROM {table} WHERE {column} = ?1"
            ))?
            .query_row([item.id()], |r| {
                Ok(Note {
                    text: r.get(0)?,
                    updated: r.get(1)?,
                })
            })
            .optional()?)
    }

    /// Every tag in use, alphabetical, with how many articles and events
    /// carry it (rejected events left out).
    pub fn tag_counts(&self) -> Result<Vec<TagCount>> {
        let mut stmt = self.conn.prepare(
            "SELECT min(tag), sum(kind = 'a'), sum(kind = 'e') FROM (
                 SELECT folded, tag, 'a' AS kind FROM article_tags
                 UNION ALL
                 SELECT t.folded, t.tag, 'e' FROM event_tags t
                 JOIN campaign_events e ON e.id = t.event_id WHERE e.review_state != 'rejected')
             GROUP BY folded ORDER BY folded",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(TagCount {
                tag: r.get(0)?,
                articles: r.get::<_, i64>(1)? as u64,
                events: r.get::<_, i64>(2)? as u64,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// An error naming the item unless it is stored.
    fn require(&self, item: Item) -> Result<()> {
        let table = match item {
            Item::Article(_) => "articles",
            Item::Event(_) => "campaign_events",
        };
        let found: bool = self.conn.query_row(
            &format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)"),
            [item.id()],
            |r| r.get(0),
        )?;
        if found {
            Ok(())
        } else {
            Err(Error::Invalid(format!("no {item}")))
        }
    }

    /// Tags and notes of a page of articles or events, by id, for listings.
    pub(super) fn annotations(&self, ids: &[i64], events: bool) -> Result<(ByItem, ByItem)> {
        let (tags, notes, column) = tables(if events {
            Item::Event(0)
        } else {
            Item::Article(0)
        });
        Ok((
            self.grouped(
                &format!(
                    "SELECT {column}, tag FROM {tags} WHERE {column} IN ({{ids}}) ORDER BY {column}, folded"
                ),
                ids,
            )?,
            self.grouped(
                &format!("SELECT {column}, text FROM {notes} WHERE {column} IN ({{ids}})"),
                ids,
            )?,
        ))
    }
}

/// An event's tags and note, held while reextract replaces the event.
pub(super) struct EventMarks {
    tags: Vec<(String, String, String)>,
    note: Option<(String, String)>,
}

impl EventMarks {
    /// The event's tags and note; `None` when it has neither.
    pub(super) fn of(conn: &Connection, event_id: i64) -> Result<Option<EventMarks>> {
        let tags = conn
            .prepare_cached("SELECT folded, tag, added FROM event_tags WHERE event_id = ?1")?
            .query_map([event_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let note = conn
            .prepare_cached("SELECT text, updated FROM event_notes WHERE event_id = ?1")?
            .query_row([event_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        Ok((!tags.is_empty() || note.is_some()).then_some(EventMarks { tags, note }))
    }

    /// Puts these tags and note on `event_id` as well. A note there
    /// already keeps its text and gets this one after it.
    pub(super) fn copy_to(&self, conn: &Connection, event_id: i64) -> Result<()> {
        for (folded, tag, added) in &self.tags {
            cached(
                conn,
                "INSERT OR IGNORE INTO event_tags (event_id, folded, tag, added) VALUES (?1, ?2, ?3, ?4)",
                params![event_id, folded, tag, added],
            )?;
        }
        if let Some((text, updated)) = &self.note {
            cached(
                conn,
                "INSERT INTO event_notes (event_id, text, updated) VALUES (?1, ?2, ?3)
                 ON CONFLICT(event_id) DO UPDATE SET text = text || char(10) || excluded.text
                 WHERE text != excluded.text",
                params![event_id, text, updated],
            )?;
        }
        Ok(())
    }
}
