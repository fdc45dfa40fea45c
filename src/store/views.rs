//! Saved views: a name for a query, kept in the store.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::Store;
use crate::{Error, Result};

/// A saved query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct View {
    pub name: String,
    pub query: String,
    /// RFC 3339, UTC.
    pub created: String,
}

impl Store {
    /// Saves `query` under `name`. The caller checks the query first; a
    /// name already taken is an error (remove the view to replace it).
    pub fn add_view(&mut self, name: &str, query: &str) -> Result<()> {
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::Invalid("a view needs a name".into()));
        }
        let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let added = self.conn.execute(
            "INSERT INTO views (name, query, created) VALUES (?1, ?2, ?3)
             ON CONFLICT(name) DO NOTHING",
            params![name, query.trim(), now],
        )?;
        if added == 0 {
            return Err(Error::Invalid(format!(
                "a view called {name:?} exists already; remove it first to replace it"
            )));
        }
        Ok(())
    }

    pub fn view(&self, name: &str) -> Result<Option<View>> {
        Ok(self
            .conn
            .query_row(
                "SELECT name, query, created FROM views WHERE name = ?1",
                [name.trim()],
                view_row,
            )
            .optional()?)
    }

    /// Every view, by name.
    pub fn views(&self) -> Result<Vec<View>> {
        let mut stmt = self
            .conn
            .prepare("SELECT name, query, created FROM views ORDER BY name")?;
        let rows = stmt.query_map([], view_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Removes a view; false when there was none of that name.
    pub fn remove_view(&mut self, name: &str) -> Result<bool> {
        Ok(self
            .conn
            .execute("DELETE FROM views WHERE name = ?1", [name.trim()])?
            > 0)
    }
}

fn view_row(r: &rusqlite::Row) -> rusqlite::Result<View> {
    Ok(View {
        name: r.get(0)?,
        query: r.get(1)?,
        created: r.get(2)?,
    })
}
