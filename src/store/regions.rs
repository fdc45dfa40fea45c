//! Regions a user defines: a name in English and Hindi and a list of
//! districts, kept as places of kind 'region' beside the gazetteer's, so the
//! place tree, queries and filters treat them like any region.

use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};
use serde::Serialize;

use super::Store;
use crate::gazetteer::{HOME_STATE, place_key};
use crate::text::{fold, nfc};
use crate::{Error, Result};

/// The source of a region added with `chunav regions add`; a region read
/// from the regions file has the file's path as its source.
pub const REGIONS_FROM_COMMAND: &str = "command";

/// A region as stored: the gazetteer's or a user's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegionInfo {
    pub id: i64,
    pub name_en: String,
    pub name_hi: Option<String>,
    /// The districts' English names, alphabetical.
    pub districts: Vec<String>,
    /// For a user's region, [`REGIONS_FROM_COMMAND`] or the path of the
    /// regions file; `None` for the gazetteer's.
    pub source: Option<String>,
}

/// A region to save: names and district ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRegion {
    pub name_en: String,
    pub name_hi: Option<String>,
    pub districts: Vec<i64>,
}

impl Store {
    /// Every region, the gazetteer's and the user's, by English name.
    pub fn regions(&self) -> Result<Vec<RegionInfo>> {
        let mut stmt = self.conn.prepare(
            "SELECT p.id, p.name_en, p.name_hi, u.source,
                    (SELECT group_concat(name_en, char(31)) FROM
                        (SELECT d.name_en FROM region_members m JOIN places d ON d.id = m.district_id
                         WHERE m.region_id = p.id ORDER BY d.name_en))
             FROM places p LEFT JOIN user_regions u ON u.place_id = p.id
             WHERE p.kind = 'region'
             ORDER BY p.name_en",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(RegionInfo {
                id: r.get(0)?,
                name_en: r.get(1)?,
                name_hi: r.get(2)?,
                source: r.get(3)?,
                districts: r
                    .get::<_, Option<String>>(4)?
                    .map(|s| s.split('\u{1f}').map(String::from).collect())
                    .unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The user region going by `name` (English or Hindi, any case).
    pub fn user_region(&self, name: &str) -> Result<Option<RegionInfo>> {
        let Some(id) = user_region_id(&self.conn, name)? else {
            return Ok(None);
        };
        Ok(self.regions()?.into_iter().find(|r| r.id == id))
    }

    /// Adds a region, or changes the user region of the same name; true
    /// when one was changed. A name any other place goes by is refused, so
    /// a user region never hides a gazetteer one, and so is changing a
    /// region that the regions file defines.
    pub fn save_user_region(&mut self, region: &NewRegion, source: &str) -> Result<bool> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let existing = user_region_id(&tx, &region.name_en)?;
        if let Some(id) = existing {
            let defined_in: String = tx.query_row(
                "SELECT source FROM user_regions WHERE place_id = ?1",
                [id],
                |r| r.get(0),
            )?;
            if defined_in != source {
                return Err(Error::Invalid(format!(
                    "the region {:?} is defined in {defined_in}; change it there",
                    region.name_en
                )));
            }
        }
        insert_region(&tx, region, source, existing)?;
        tx.commit()?;
        Ok(existing.is_some())
    }

    /// Removes a user region; false when there is none of that name. A
    /// region the regions file defines is removed from the file, not here.
    pub fn remove_user_region(&mut self, name: &str) -> Result<bool> {
        let Some(region) = self.user_region(name)? else {
            return Ok(false);
        };
        if let Some(file) = region.source.filter(|s| s != REGIONS_FROM_COMMAND) {
            return Err(Error::Invalid(format!(
                "the region {:?} is defined in {file}; remove it there",
                region.name_en
            )));
        }
        self.conn
            .execute("DELETE FROM places WHERE id = ?1", [region.id])?;
        Ok(true)
    }

    /// Makes the regions from the regions file (`fingerprint` identifies
    /// its path and text) the store's: those read from an earlier file go,
    /// and one of the same name added by command is replaced, since the
    /// file wins. Nothing is written when the file has not changed.
    pub fn sync_file_regions(
        &mut self,
        source: &str,
        fingerprint: &str,
        regions: &[NewRegion],
    ) -> Result<()> {
        if self.regions_file_fingerprint()?.as_deref() == Some(fingerprint) {
            return Ok(());
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "DELETE FROM places WHERE id IN
                 (SELECT place_id FROM user_regions WHERE source != ?1)",
            [REGIONS_FROM_COMMAND],
        )?;
        for region in regions {
            let existing = user_region_id(&tx, &region.name_en)?;
            insert_region(&tx, region, source, existing)?;
        }
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('regions_file', ?1)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [fingerprint],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The gazetteer's place a region called `name` would be confused
    /// with, as "the region Awadh".
    pub fn gazetteer_place_named(&self, name: &str) -> Result<Option<String>> {
        place_named(&self.conn, name, None, false)
    }

    /// The fingerprint of the regions file last applied; `None` when no
    /// file has been (the same as a file that is absent).
    pub fn regions_file_fingerprint(&self) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'regions_file'",
                [],
                |r| r.get(0),
            )
            .optional()?)
    }
}

/// The place of a level a region could be confused with that goes by
/// `name`, other than `except`, as "the region Awadh"; user regions only
/// when `user_regions`.
fn place_named(
    conn: &rusqlite::Connection,
    name: &str,
    except: Option<i64>,
    user_regions: bool,
) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT p.kind || ' ' || p.name_en FROM place_aliases a JOIN places p ON p.id = a.place_id
             WHERE a.folded = ?1 AND p.id IS NOT ?2
               AND p.kind IN ('country', 'state', 'region', 'division', 'district')
               AND (?3 OR p.id NOT IN (SELECT place_id FROM user_regions))
             ORDER BY p.id LIMIT 1",
            params![fold(name.trim()), except, user_regions],
            |r| r.get(0),
        )
        .optional()?)
}

/// The error for a region name another place has.
pub fn name_taken(name: &str, other: &str) -> Error {
    Error::Invalid(format!(
        "\"{}\" already names the {other}; give your region a name of its own",
        name.trim()
    ))
}

/// The user region with this name, by place id.
fn user_region_id(conn: &rusqlite::Connection, name: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT a.place_id FROM place_aliases a JOIN user_regions u ON u.place_id = a.place_id
             WHERE a.folded = ?1 LIMIT 1",
            [fold(name.trim())],
            |r| r.get(0),
        )
        .optional()?)
}

/// Writes a region's place, names and members, in place of `existing`.
fn insert_region(
    tx: &Transaction,
    region: &NewRegion,
    source: &str,
    existing: Option<i64>,
) -> Result<()> {
    let names: Vec<&str> = std::iter::once(region.name_en.as_str())
        .chain(region.name_hi.as_deref())
        .collect();
    for name in &names {
        if let Some(other) = place_named(tx, name, existing, true)? {
            return Err(name_taken(name, &other));
        }
    }
    if region.districts.is_empty() {
        return Err(Error::Invalid(format!(
            "the region {:?} needs at least one district",
            region.name_en
        )));
    }
    let home: i64 = tx.query_row(
        "SELECT id FROM places WHERE kind = 'state' AND code = ?1",
        [HOME_STATE],
        |r| r.get(0),
    )?;
    if let Some(id) = existing {
        tx.execute("DELETE FROM places WHERE id = ?1", [id])?;
    }
    let key = place_key("user-region", &region.name_en);
    let clash: Option<String> = tx
        .query_row("SELECT name_en FROM places WHERE key = ?1", [&key], |r| {
            r.get(0)
        })
        .optional()?;
    if let Some(other) = clash {
        return Err(Error::Invalid(format!(
            "{:?} is too like your region {other:?}; give it a name of its own",
            region.name_en
        )));
    }
    let id: i64 = tx.query_row(
        "INSERT INTO places (key, kind, name_en, name_hi, parent_id, note)
         VALUES (?1, 'region', ?2, ?3, ?4, 'defined by the user') RETURNING id",
        params![
            key,
            nfc(&region.name_en),
            region.name_hi.as_deref().map(nfc),
            home
        ],
        |r| r.get(0),
    )?;
    for name in names {
        tx.execute(
            "INSERT OR IGNORE INTO place_aliases (place_id, alias, folded) VALUES (?1, ?2, ?3)",
            params![id, nfc(name), fold(name)],
        )?;
    }
    for district in &region.districts {
        tx.execute(
            "INSERT OR IGNORE INTO region_members (region_id, district_id) VALUES (?1, ?2)",
            params![id, district],
        )?;
    }
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    tx.execute(
        "INSERT INTO user_regions (place_id, source, created) VALUES (?1, ?2, ?3)",
        params![id, source, now],
    )?;
    Ok(())
}
