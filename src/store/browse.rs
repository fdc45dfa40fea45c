//! Read queries for browsing: event counts per week and per district, the
//! names a picker offers, party colours. Every query takes the same
//! `EventFilter` as the event listing, through `push_event_filter`.

use std::collections::HashMap;

use super::filter::{Probe, push_event_filter};
use super::search::matching_articles;
use super::{Store, id_list};
use crate::Result;
use crate::model::PlaceKind;
use crate::query::{Condition, EventFilter};

/// A place a user can pick, with every name it is written by.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceChoice {
    pub id: i64,
    pub kind: PlaceKind,
    pub name_en: String,
    pub name_hi: Option<String>,
    /// Every alias, as written (variants and former names).
    pub aliases: Vec<String>,
}

/// A party as the interface shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct PartyInfo {
    pub id: i64,
    pub code: String,
    pub name_en: String,
    pub name_hi: Option<String>,
    /// `#RRGGBB`, when the gazetteer gives one.
    pub colour: Option<String>,
    pub aliases: Vec<String>,
}

/// A district's headquarters and its number of events under a filter.
#[derive(Debug, Clone, PartialEq)]
pub struct DistrictPoint {
    pub id: i64,
    pub name_en: String,
    pub name_hi: Option<String>,
    pub latitude: f64,
    pub longitude: f64,
    pub events: u64,
}

/// Events in one week (dated by its Monday) for one party (or none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeekCount {
    pub week: String,
    pub party: Option<String>,
    pub events: u64,
}

impl Store {
    /// How many events pass `filter`.
    pub fn count_events(&self, filter: &EventFilter) -> Result<u64> {
        // A place or search words alone are counted from the events' ties
        // to places or to the matching articles, reading no event row (a
        // common word's events are a million at a million articles).
        let ties = match (filter.conditions.as_slice(), filter.article_id) {
            ([Condition::Places(ids)], None) => Some((
                format!("event_places WHERE place_id IN ({})", id_list(ids)),
                Vec::new(),
            )),
            ([Condition::Search(words)], None) => Some((
                format!(
                    "event_sources INDEXED BY event_sources_article WHERE article_id IN ({})",
                    matching_articles()
                ),
                vec![words.clone().into()],
            )),
            _ => None,
        };
        if let Some((ties, args)) = ties {
            let sql = format!(
                "SELECT count(DISTINCT event_id) FROM {ties}
                   AND event_id NOT IN (SELECT id FROM campaign_events WHERE review_state = 'rejected')"
            );
            return self.count(&sql, args);
        }
        let mut sql = String::from("SELECT count(*) FROM campaign_events e WHERE 1");
        let mut args = Vec::new();
        push_event_filter(&mut sql, &mut args, filter, Probe::Set);
        self.count(&sql, args)
    }

    /// Events per week and party, oldest week first. Undated events are
    /// left out; an event counts in the week its date starts.
    pub fn events_per_week(&self, filter: &EventFilter) -> Result<Vec<WeekCount>> {
        // SQLite's weekday 0 is Sunday: step back to the Monday. The same
        // expression is indexed (migration 0004), grouped by party id so the
        // index order serves the grouping.
        let mut inner = String::from(
            "SELECT date(e.date_start, '-' || ((strftime('%w', e.date_start) + 6) % 7) || ' days') AS week,
                    e.party_id AS party, count(*) AS n
             FROM campaign_events e
             WHERE e.date_start IS NOT NULL",
        );
        let mut args = Vec::new();
        push_event_filter(&mut inner, &mut args, filter, Probe::Set);
        inner.push_str(" GROUP BY week, e.party_id");
        let sql = format!(
            "SELECT c.week, p.code, c.n FROM ({inner}) c LEFT JOIN parties p ON p.id = c.party
             ORDER BY c.week, p.code"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args), |r| {
            Ok(WeekCount {
                week: r.get(0)?,
                party: r.get(1)?,
                events: r.get::<_, i64>(2)? as u64,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every district with coordinates and its number of events under
    /// `filter` (zero included), by English name.
    pub fn district_points(&self, filter: &EventFilter) -> Result<Vec<DistrictPoint>> {
        let mut inner = String::from(
            "SELECT ep.place_id, count(DISTINCT e.id) AS n FROM campaign_events e
             JOIN event_places ep ON ep.event_id = e.id WHERE 1",
        );
        let mut args = Vec::new();
        push_event_filter(&mut inner, &mut args, filter, Probe::Set);
        inner.push_str(" GROUP BY ep.place_id");
        let sql = format!(
            "SELECT p.id, p.name_en, p.name_hi, p.latitude, p.longitude, coalesce(c.n, 0)
             FROM places p LEFT JOIN ({inner}) c ON c.place_id = p.id
             WHERE p.kind = 'district' AND p.latitude IS NOT NULL AND p.longitude IS NOT NULL
             ORDER BY p.name_en"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args), |r| {
            Ok(DistrictPoint {
                id: r.get(0)?,
                name_en: r.get(1)?,
                name_hi: r.get(2)?,
                latitude: r.get(3)?,
                longitude: r.get(4)?,
                events: r.get::<_, i64>(5)? as u64,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Articles and events per node, for (node, place) membership pairs:
    /// an article or event tied to any of a node's places counts once.
    pub(super) fn place_counts(&self, members: &[(i64, i64)]) -> Result<HashMap<i64, (u64, u64)>> {
        let mut nodes_of: HashMap<i64, Vec<i64>> = HashMap::new();
        for (node, place) in members {
            nodes_of.entry(*place).or_default().push(*node);
        }
        let mut counts: HashMap<i64, (u64, u64)> = HashMap::new();
        // One pass over the ties in article (then event) order, each
        // article counted once in every node any of its places is in:
        // counting each node's distinct articles apart read every tie
        // three or four times over (its district, division, region and
        // state), through a sort for each node.
        let ties = [
            (
                "SELECT article_id, place_id FROM article_places INDEXED BY article_places_article
                 ORDER BY article_id",
                false,
            ),
            (
                "SELECT event_id, place_id FROM event_places
                 WHERE event_id NOT IN (SELECT id FROM campaign_events WHERE review_state = 'rejected')
                 ORDER BY event_id",
                true,
            ),
        ];
        for (sql, events) in ties {
            let mut count = |nodes: &mut Vec<i64>| {
                nodes.sort_unstable();
                nodes.dedup();
                for node in nodes.drain(..) {
                    let entry = counts.entry(node).or_default();
                    if events {
                        entry.1 += 1;
                    } else {
                        entry.0 += 1;
                    }
                }
            };
            let mut stmt = self.conn.prepare(sql)?;
            let mut rows = stmt.query([])?;
            let (mut current, mut nodes) = (None, Vec::new());
            while let Some(row) = rows.next()? {
                let (item, place): (i64, i64) = (row.get(0)?, row.get(1)?);
                if current != Some(item) {
                    count(&mut nodes);
                    current = Some(item);
                }
                if let Some(of) = nodes_of.get(&place) {
                    nodes.extend(of);
                }
            }
            count(&mut nodes);
        }
        Ok(counts)
    }

    /// The places of `kinds` with all their names, for a picker.
    pub fn place_choices(&self, kinds: &[PlaceKind]) -> Result<Vec<PlaceChoice>> {
        let mut stmt = self.conn.prepare(
            "SELECT p.id, p.kind, p.name_en, p.name_hi, group_concat(a.alias, char(31))
             FROM places p LEFT JOIN place_aliases a ON a.place_id = p.id
             GROUP BY p.id ORDER BY p.name_en",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, kind, name_en, name_hi, aliases) = row?;
            let Ok(kind) = kind.parse::<PlaceKind>() else {
                continue;
            };
            if kinds.contains(&kind) {
                out.push(PlaceChoice {
                    id,
                    kind,
                    name_en,
                    name_hi,
                    aliases: split_list(aliases),
                });
            }
        }
        Ok(out)
    }

    /// Every party with its colour and names, by code.
    pub fn parties(&self) -> Result<Vec<PartyInfo>> {
        let mut stmt = self.conn.prepare(
            "SELECT p.id, p.code, p.name_en, p.name_hi, p.colour, group_concat(a.alias, char(31))
             FROM parties p LEFT JOIN party_aliases a ON a.party_id = p.id
             GROUP BY p.id ORDER BY p.code",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(PartyInfo {
                id: r.get(0)?,
                code: r.get(1)?,
                name_en: r.get(2)?,
                name_hi: r.get(3)?,
                colour: r.get(4)?,
                aliases: split_list(r.get(5)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

fn split_list(joined: Option<String>) -> Vec<String> {
    joined
        .map(|s| s.split('\u{1f}').map(str::to_string).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest;
    use crate::query::FilterArgs;

    fn demo() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        ingest::load_demo(&mut store).unwrap();
        store
    }

    #[test]
    fn counts_agree_with_the_listing() {
        let store = demo();
        let filter = FilterArgs {
            district: Some("Azamgarh".into()),
            ..FilterArgs::default()
        }
        .resolve_events(&store)
        .unwrap();
        let listed = store
            .events(
                &filter,
                &crate::query::EventPage {
                    after: None,
                    limit: 10_000,
                },
            )
            .unwrap()
            .len() as u64;
        assert!(listed > 0);
        assert_eq!(store.count_events(&filter).unwrap(), listed);
        let weeks = store.events_per_week(&filter).unwrap();
        let dated = store
            .events(
                &filter,
                &crate::query::EventPage {
                    after: None,
                    limit: 10_000,
                },
            )
            .unwrap()
            .iter()
            .filter(|e| e.date_start.is_some())
            .count() as u64;
        assert_eq!(weeks.iter().map(|w| w.events).sum::<u64>(), dated);
        for w in &weeks {
            let monday = chrono::NaiveDate::parse_from_str(&w.week, "%Y-%m-%d").unwrap();
            assert_eq!(chrono::Datelike::weekday(&monday), chrono::Weekday::Mon);
        }
        // Counting a place alone takes a shortcut; it must agree with the listing.
        let articles = crate::query::ArticleFilter {
            conditions: filter.conditions.clone(),
        };
        let listed_articles = store
            .articles(
                &articles,
                &crate::query::Page {
                    after: None,
                    limit: 10_000,
                },
            )
            .unwrap()
            .len() as u64;
        assert!(listed_articles > 0);
        assert_eq!(store.count_articles(&articles).unwrap(), listed_articles);
        let points = store.district_points(&filter).unwrap();
        assert_eq!(points.len(), 75);
        let azamgarh = points.iter().find(|p| p.name_en == "Azamgarh").unwrap();
        assert_eq!(azamgarh.events, listed);
    }

    #[test]
    fn tree_counts_match_the_filters() {
        let store = demo();
        let tree = store.place_tree().unwrap();
        let up = tree
            .iter()
            .find(|s| s.code.as_deref() == Some("UP"))
            .unwrap();
        let purvanchal = up
            .children
            .iter()
            .find(|c| c.name_en == "Purvanchal")
            .unwrap();
        let gorakhpur = purvanchal
            .children
            .iter()
            .find(|c| c.name_en == "Gorakhpur")
            .unwrap();
        for node in [up, purvanchal, gorakhpur] {
            let place = vec![Condition::Places(
                store.place_filter(node.id).unwrap().place_ids,
            )];
            let articles = store
                .count_articles(&crate::query::ArticleFilter {
                    conditions: place.clone(),
                })
                .unwrap();
            let events = store
                .count_events(&EventFilter {
                    conditions: place,
                    ..Default::default()
                })
                .unwrap();
            assert_eq!(
                (node.articles, node.events),
                (articles, events),
                "{}",
                node.name_en
            );
            assert!(node.articles > 0 && node.events > 0, "{}", node.name_en);
        }
    }

    #[test]
    fn article_places_and_names_follow_mentions_and_datelines() {
        let mut store = demo();
        let rows = |store: &Store, sql: &str| -> Vec<(i64, String, i64)> {
            let mut stmt = store.conn.prepare(sql).unwrap();
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap()
        };
        let kept = "SELECT article_id, 'place', place_id FROM article_places
                    UNION ALL SELECT article_id, entity_kind, entity_id FROM article_names
                    ORDER BY 1, 2, 3";
        let derived =
            "SELECT id, 'place', dateline_place_id FROM articles WHERE dateline_place_id IS NOT NULL
             UNION SELECT article_id, entity_kind, entity_id FROM mentions
             ORDER BY 1, 2, 3";
        let kinds = |rows: Vec<(i64, String, i64)>| -> Vec<String> {
            let mut kinds: Vec<String> = rows.into_iter().map(|r| r.1).collect();
            kinds.sort();
            kinds.dedup();
            kinds
        };
        // Each place of an article paired with each of its names, at the
        // article's time (migration 0019).
        let pairs = |store: &Store| {
            let pairs = |sql: &str| -> Vec<(i64, String, i64, i64, i64)> {
                let mut stmt = store.conn.prepare(sql).unwrap();
                stmt.query_map([], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                })
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap()
            };
            let kept = pairs(
                "SELECT place_id, entity_kind, entity_id, sort_time, article_id
                 FROM article_place_names ORDER BY 1, 2, 3, 4, 5",
            );
            let derived = pairs(
                "SELECT ap.place_id, n.entity_kind, n.entity_id, a.sort_time, a.id
                 FROM articles a JOIN article_places ap ON ap.article_id = a.id
                     JOIN article_names n ON n.article_id = a.id
                 ORDER BY 1, 2, 3, 4, 5",
            );
            assert_eq!(kept, derived);
            kept.len()
        };
        assert_eq!(kinds(rows(&store, kept)), ["party", "person", "place"]);
        assert_eq!(rows(&store, kept), rows(&store, derived));
        assert!(pairs(&store) > 0);
        let extractor = crate::extract::Extractor::embedded();
        store
            .reextract(&|a| extractor.extract(a), &mut |_| {})
            .unwrap();
        assert_eq!(rows(&store, kept), rows(&store, derived));
        pairs(&store);
        store
            .conn
            .execute(
                "UPDATE articles SET sort_time = sort_time - 86400 WHERE id % 3 = 0",
                [],
            )
            .unwrap();
        pairs(&store);
        store.remove_sample_articles().unwrap();
        assert!(rows(&store, kept).is_empty());
        assert_eq!(pairs(&store), 0);
    }

    #[test]
    fn the_event_listing_follows_events_places_people_and_sources() {
        use crate::model::{DatePrecision, EventKind};
        use crate::store::EventReview;
        let mut store = demo();
        // Each row as text, made from the listing (migration 0023) and
        // from the tables it copies.
        let rows = |store: &Store, from: &str| -> Vec<String> {
            let mut stmt = store
                .conn
                .prepare(&format!(
                    "SELECT concat_ws('|', sort_date, id, kind, party_id, date_start, date_end,
                         date_precision, date_text, status, confidence, review_state, places,
                         people, sources, evidence)
                     FROM ({from}) ORDER BY id"
                ))
                .unwrap();
            stmt.query_map([], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap()
        };
        let names = |table: &str, column: &str, kind: &str| {
            format!(
                "coalesce((SELECT group_concat(n.name_en, char(31))
                           FROM {table} t JOIN {kind} n ON n.id = t.{column}
                           WHERE t.event_id = e.id), '')"
            )
        };
        let derived = format!(
            "SELECT coalesce(e.date_start, '') AS sort_date, e.id, e.kind, e.party_id,
                    e.date_start, e.date_end, e.date_precision, e.date_text, e.status,
                    e.confidence, e.review_state, {} AS places, {} AS people,
                    (SELECT count(DISTINCT article_id) FROM event_sources
                     WHERE event_id = e.id) AS sources,
                    coalesce((SELECT evidence FROM event_sources WHERE event_id = e.id
                              ORDER BY article_id, evidence_start LIMIT 1), '') AS evidence
             FROM campaign_events e",
            names("event_places", "place_id", "places"),
            names("event_people", "person_id", "people"),
        );
        let same = |store: &Store| {
            let kept = rows(store, "SELECT * FROM event_listing");
            assert_eq!(kept, rows(store, &derived));
            kept.len()
        };
        assert!(same(&store) > 0);
        let reported: i64 = store
            .conn
            .query_row("SELECT max(sources) FROM event_listing", [], |r| r.get(0))
            .unwrap();
        assert!(reported > 1, "an event some articles share");

        let ids: Vec<i64> = {
            let mut stmt = store
                .conn
                .prepare("SELECT id FROM campaign_events ORDER BY id LIMIT 3")
                .unwrap();
            stmt.query_map([], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap()
        };
        let day = |d: &str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
        store.review_event(ids[0], &EventReview::Reject).unwrap();
        store.review_event(ids[1], &EventReview::Confirm).unwrap();
        let moved = EventReview::Edit {
            kind: EventKind::Rally,
            start: day("2019-03-04"),
            end: day("2019-03-10"),
            precision: DatePrecision::Week,
        };
        store.review_event(ids[2], &moved).unwrap();
        same(&store);
        let extractor = crate::extract::Extractor::embedded();
        store
            .reextract(&|a| extractor.extract(a), &mut |_| {})
            .unwrap();
        same(&store);
        // The first source of the most reported event goes: the next one's
        // sentence is listed, and one article fewer counted.
        store
            .conn
            .execute(
                "DELETE FROM articles WHERE id = (
                     SELECT min(article_id) FROM event_sources WHERE event_id = (
                         SELECT id FROM event_listing ORDER BY sources DESC LIMIT 1))",
                [],
            )
            .unwrap();
        same(&store);
        store.remove_sample_articles().unwrap();
        assert_eq!(same(&store), 0);
    }

    #[test]
    fn choices_carry_every_name() {
        let store = demo();
        let districts = store.place_choices(&[PlaceKind::District]).unwrap();
        assert_eq!(districts.len(), 75);
        let prayagraj = districts.iter().find(|d| d.name_en == "Prayagraj").unwrap();
        assert!(
            prayagraj.aliases.iter().any(|a| a == "Allahabad"),
            "{:?}",
            prayagraj.aliases
        );
        let parties = store.parties().unwrap();
        let aimim = parties.iter().find(|p| p.code == "AIMIM").unwrap();
        assert!(aimim.colour.as_deref().is_some_and(|c| c.starts_with('#')));
        assert!(aimim.aliases.iter().any(|a| a == "मजलिस"));
    }
}
