//! What full-text search needs from the store: the other names of a
//! searched name, outlets by name, and search keys kept in step with
//! `text::fold`.

use rusqlite::{OptionalExtension, TransactionBehavior};

use super::{Store, content_hash, index_articles};
use crate::Result;
use crate::text::{FOLD_VERSION, fold};

impl Store {
    /// Every name of the places, parties and people that `word` names
    /// (`owaisi` gives ओवैसी, Asaduddin Owaisi, ...), or none. Colloquial
    /// party names that mean the party only in context are left out.
    pub fn names_of(&self, word: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT alias FROM place_aliases WHERE place_id IN
                 (SELECT place_id FROM place_aliases WHERE folded = ?1)
             UNION SELECT alias FROM party_aliases WHERE context_only = 0 AND party_id IN
                 (SELECT party_id FROM party_aliases WHERE folded = ?1 AND context_only = 0)
             UNION SELECT alias FROM person_aliases WHERE person_id IN
                 (SELECT person_id FROM person_aliases WHERE folded = ?1)
             ORDER BY 1",
        )?;
        let rows = stmt.query_map([fold(word.trim())], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The outlet with this name (any case or spelling the fold forgives)
    /// or web host (`example.com`, with or without `www.`).
    pub fn find_outlet(&self, name: &str) -> Result<Option<i64>> {
        let wanted = fold(name.trim());
        let host = name.trim().to_lowercase();
        Ok(self
            .outlets()?
            .into_iter()
            .find(|(_, n, h)| {
                fold(n) == wanted
                    || h.as_deref()
                        .is_some_and(|h| h == host || h.strip_prefix("www.") == Some(&host))
            })
            .map(|(id, _, _)| id))
    }

    /// Every outlet's name, twice (as name and canonical name), for suggestions.
    pub fn outlet_names(&self) -> Result<Vec<(String, String)>> {
        Ok(self
            .outlets()?
            .into_iter()
            .map(|(_, n, _)| (n.clone(), n))
            .collect())
    }

    fn outlets(&self) -> Result<Vec<(i64, String, Option<String>)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, name, host FROM outlets ORDER BY id")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Makes every stored search key again when the store's were made by
    /// another version of `text::fold` (or by one from before versions were
    /// recorded): the full-text index, the keys that recognise duplicates
    /// and the folded names of the gazetteer. Otherwise a query, folded
    /// the new way, would miss text indexed the old way.
    pub(super) fn refresh_search_keys(&mut self) -> Result<()> {
        let stored: Option<String> = self
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'fold'", [], |r| {
                r.get(0)
            })
            .optional()?;
        if stored == Some(FOLD_VERSION.to_string()) {
            return Ok(());
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO articles_fts (articles_fts) VALUES ('delete-all')",
            [],
        )?;
        tx.execute(&index_articles("1"), [])?;
        tx.execute_batch(
            "UPDATE articles SET title_key = chunav_fold(title);
             UPDATE place_aliases SET folded = chunav_fold(alias);
             UPDATE party_aliases SET folded = chunav_fold(alias);
             UPDATE person_aliases SET folded = chunav_fold(alias);
             UPDATE OR IGNORE article_tags SET folded = chunav_fold(tag);
             DELETE FROM article_tags WHERE folded != chunav_fold(tag);
             UPDATE OR IGNORE event_tags SET folded = chunav_fold(tag);
             DELETE FROM event_tags WHERE folded != chunav_fold(tag);",
        )?;
        let hashes: Vec<(i64, String)> = tx
            .prepare("SELECT id, title, body FROM articles")?
            .query_map([], |r| {
                let (title, body): (String, String) = (r.get(1)?, r.get(2)?);
                Ok((r.get(0)?, content_hash(&fold(&title), &fold(&body))))
            })?
            .collect::<rusqlite::Result<_>>()?;
        {
            let mut update = tx.prepare("UPDATE articles SET content_hash = ?2 WHERE id = ?1")?;
            for (id, hash) in hashes {
                update.execute(rusqlite::params![id, hash])?;
            }
        }
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('fold', ?1)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [FOLD_VERSION.to_string()],
        )?;
        tx.commit()?;
        Ok(())
    }
}

/// The key of an article in the full-text index (migration 0016), as SQL
/// over the SQL of its time and id: keys ascend in page order (newest
/// first, then the higher id), so that a search reads its matches in the
/// order it lists them. The time (Unix seconds) is clamped to the years
/// 1834 to 2106; ids stay below 2^30.
pub(super) fn search_key(time: &str, id: &str) -> String {
    format!(
        "(((4294967295 - min(max({time}, -4294967296), 4294967295)) << 30) + (1073741823 - {id}))"
    )
}

/// The id of the article under the search key `key` (SQL).
pub(super) fn article_of_search_key(key: &str) -> String {
    format!("(1073741823 - ({key} & 1073741823))")
}

/// The ids of the articles that search words (one `?`) match, as SQL.
pub(super) fn matching_articles() -> String {
    format!(
        "SELECT {} FROM articles_fts WHERE articles_fts MATCH ?",
        article_of_search_key("rowid")
    )
}
