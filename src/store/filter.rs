//! Filters as SQL: each query condition becomes one boolean expression over
//! the articles `a` or the events `e` being listed. Conditions on ids and
//! dates read the indexes (place, party, person and date indexes); only a
//! negated condition tests each row.

use rusqlite::types::Value;

use super::search::{matching_articles, search_key};
use super::{id_list, longest_span_sql};
use crate::model::{DatePrecision, ReviewState};
use crate::query::{Condition, DaySpan, EventFilter, day_start};

/// What the SQL lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Rows {
    Articles,
    Events,
}

/// How a condition on the rows tied to an article or event (its places,
/// parties, people, tags) is put.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Probe<'a> {
    /// As the set of all such rows, read once: right when the query starts
    /// from that set.
    Set,
    /// As a lookup for each article or event: right when the query walks
    /// an index in page order and stops after a page, where reading the
    /// whole set (all of a division's events, all of a party's articles)
    /// would cost more than the page. The lookups take the row's `id` (and,
    /// for an article, its sort `time`) from the index walked, so that a
    /// row failing them is never read.
    Row { id: &'a str, time: &'a str },
}

impl Probe<'_> {
    /// Lookups by the listed row's own columns.
    pub(super) const LISTED_ARTICLE: Probe<'static> = Probe::Row {
        id: "a.id",
        time: "a.sort_time",
    };
    pub(super) const LISTED_EVENT: Probe<'static> = Probe::Row {
        id: "e.id",
        time: "e.date_start",
    };
}

/// Appends `conditions` (a [`crate::query::ArticleFilter`]'s) on `articles a` to `sql`.
pub(super) fn push_article_filter(
    sql: &mut String,
    args: &mut Vec<Value>,
    conditions: &[Condition],
    probe: Probe,
) {
    for condition in conditions {
        sql.push_str(" AND ");
        sql.push_str(&expression(condition, Rows::Articles, probe, args));
    }
}

/// Appends the conditions of `filter` on `campaign_events e` to `sql`.
/// Rejected events are left out unless a condition asks for them.
pub(super) fn push_event_filter(
    sql: &mut String,
    args: &mut Vec<Value>,
    filter: &EventFilter,
    probe: Probe,
) {
    if !asks_for_rejected(&filter.conditions) {
        sql.push_str(" AND e.review_state != 'rejected'");
    }
    for condition in &filter.conditions {
        sql.push_str(" AND ");
        sql.push_str(&expression(condition, Rows::Events, probe, args));
    }
    if let Some(article) = filter.article_id {
        sql.push_str(" AND e.id IN (SELECT event_id FROM event_sources WHERE article_id = ?)");
        args.push(article.into());
    }
}

/// The date conditions of `conditions` once more, on `start`: the copy of
/// the article's time or the event's first day kept with each of its places,
/// so that a place's index is read for the dates asked for only.
pub(super) fn place_dates(
    sql: &mut String,
    args: &mut Vec<Value>,
    conditions: &[Condition],
    rows: Rows,
    start: &str,
) {
    for condition in conditions {
        if let Condition::Dates(spans) = condition {
            sql.push_str(" AND ");
            sql.push_str(&dates(spans, rows, start, args));
        }
    }
}

/// The party conditions of `conditions` once more, on `party`: the copy of
/// an event's party kept with each of its places (migration 0018), so that
/// a place's timeline reads only the events of the parties asked for.
pub(super) fn place_parties(sql: &mut String, conditions: &[Condition], party: &str) {
    for condition in conditions {
        if let Condition::Parties(ids) = condition {
            sql.push_str(&format!(" AND {party} IN ({})", id_list(ids)));
        }
    }
}

/// The date conditions of `conditions` once more, as a range of `key`, the
/// full-text index's key (see [`search_key`]), so that a search reads the
/// index for the dates asked for only. A condition of several spans is
/// left to the test of each row.
pub(super) fn search_dates(
    sql: &mut String,
    args: &mut Vec<Value>,
    conditions: &[Condition],
    key: &str,
) {
    for condition in conditions {
        let Condition::Dates(spans) = condition else {
            continue;
        };
        let [span] = spans.as_slice() else {
            continue;
        };
        // Id 0, below every article's, keys the last instant of a second:
        // published at `from` or later is keyed at most that, and before
        // `to` is keyed above it.
        if let Some(from) = span.from {
            sql.push_str(&format!(" AND {key} <= {}", search_key("?", "0")));
            args.push(day_start(from).into());
        }
        if let Some(to) = span.to {
            sql.push_str(&format!(" AND {key} > {}", search_key("?", "0")));
            args.push(day_start(to).into());
        }
    }
}

/// The rows of `table` that tie an article or event (its id in `key`) to
/// what a condition names: those passing `test`.
pub(super) struct Ties {
    pub(super) table: &'static str,
    key: &'static str,
    pub(super) test: String,
}

impl Ties {
    /// The ties a condition on places, parties or people reads; `None` for
    /// other conditions (an event's party is a column of its own).
    fn of(condition: &Condition, rows: Rows) -> Option<Ties> {
        use Condition::*;
        let ties = |table, key, test| Some(Ties { table, key, test });
        match (condition, rows) {
            (Places(ids), Rows::Articles) => ties(
                "article_places",
                "article_id",
                format!("place_id IN ({})", id_list(ids)),
            ),
            (Places(ids), Rows::Events) => ties(
                "event_places",
                "event_id",
                format!("place_id IN ({})", id_list(ids)),
            ),
            (Parties(ids), Rows::Articles) => ties(
                "article_names",
                "article_id",
                format!("entity_kind = 'party' AND entity_id IN ({})", id_list(ids)),
            ),
            (People(ids), Rows::Articles) => ties(
                "article_names",
                "article_id",
                format!("entity_kind = 'person' AND entity_id IN ({})", id_list(ids)),
            ),
            (People(ids), Rows::Events) => ties(
                "event_people",
                "event_id",
                format!("person_id IN ({})", id_list(ids)),
            ),
            _ => None,
        }
    }

    /// The ties of a filter that is one condition on places, parties or
    /// people: counted in their own index, they tell how many rows pass
    /// without reading the rows.
    pub(super) fn alone(conditions: &[Condition], rows: Rows) -> Option<Ties> {
        match conditions {
            [condition] => Ties::of(condition, rows),
            _ => None,
        }
    }

    /// How many articles or events have such a tie, as SQL.
    pub(super) fn counted(&self) -> String {
        let Ties { table, key, test } = self;
        format!("SELECT count(DISTINCT {key}) FROM {table} WHERE {test}")
    }

    /// The listed row has such a tie.
    fn tested(&self, probe: Probe, rows: Rows) -> String {
        let Ties { table, key, test } = self;
        match probe {
            Probe::Set => {
                let id = match rows {
                    Rows::Articles => "a.id",
                    Rows::Events => "e.id",
                };
                format!("{id} IN (SELECT {key} FROM {table} WHERE {test})")
            }
            Probe::Row { id, .. } => looked_up(&format!("{table} WHERE {test} AND {key} = {id}")),
        }
    }
}

/// Whether `rows` (SQL after `FROM`) has a row, as a lookup made for each
/// listed row where the query names it. Not `EXISTS`: SQLite may turn an
/// `EXISTS` into a join made after the listed row is read (thousands of
/// article rows read for a page), or test it after a costlier lookup.
fn looked_up(rows: &str) -> String {
    format!("coalesce((SELECT 1 FROM {rows} LIMIT 1), 0)")
}

fn asks_for_rejected(conditions: &[Condition]) -> bool {
    conditions
        .iter()
        .any(|c| matches!(c, Condition::Review(states) if states.contains(&ReviewState::Rejected)))
}

/// `condition` as an SQL expression over `rows`, its arguments appended to
/// `args` in the order of their `?`.
fn expression(condition: &Condition, rows: Rows, probe: Probe, args: &mut Vec<Value>) -> String {
    use Condition::*;
    if let Some(ties) = Ties::of(condition, rows) {
        return ties.tested(probe, rows);
    }
    match (condition, rows) {
        // A row with no value (an event without a party or a date) is not
        // in the set, so it stays when the set is negated.
        (Not(inner), _) => format!("NOT coalesce({}, 0)", expression(inner, rows, probe, args)),
        (Places(_) | People(_), _) | (Parties(_), Rows::Articles) => {
            unreachable!("put as ties above")
        }
        (Parties(ids), Rows::Events) => format!("e.party_id IN ({})", id_list(ids)),
        (Dates(spans), Rows::Articles) => dates(spans, rows, "a.sort_time", args),
        (Dates(spans), Rows::Events) => dates(spans, rows, "e.date_start", args),
        (Tags(tags), _) => {
            let (table, key) = match rows {
                Rows::Articles => ("article_tags", "article_id"),
                Rows::Events => ("event_tags", "event_id"),
            };
            let list = placeholders(tags, args);
            Ties {
                table,
                key,
                test: format!("folded IN ({list})"),
            }
            .tested(probe, rows)
        }
        (Outlets(ids), Rows::Articles) => format!("a.outlet_id IN ({})", id_list(ids)),
        (Languages(languages), Rows::Articles) => {
            format!(
                "a.language IN ({})",
                literals(languages.iter().map(|l| l.code()))
            )
        }
        (Search(fts), Rows::Articles) => {
            args.push(fts.clone().into());
            match probe {
                Probe::Set => format!("a.id IN ({})", matching_articles()),
                // The index finds one key among a word's matches quickly;
                // gathering them all for a common word takes a second.
                Probe::Row { id, time } => looked_up(&format!(
                    "articles_fts WHERE articles_fts MATCH ? AND rowid = {}",
                    search_key(time, id)
                )),
            }
        }
        (Kinds(kinds), Rows::Events) => {
            format!("e.kind IN ({})", literals(kinds.iter().map(|k| k.as_str())))
        }
        (Statuses(statuses), Rows::Events) => format!(
            "e.status IN ({})",
            literals(statuses.iter().map(|s| s.as_str()))
        ),
        (Precisions(precisions), Rows::Events) => format!(
            "e.date_precision IN ({})",
            literals(precisions.iter().map(|p| p.as_str()))
        ),
        (Review(states), Rows::Events) => format!(
            "e.review_state IN ({})",
            literals(states.iter().map(|s| s.as_str()))
        ),
        // An article's condition on events: the events such an article
        // reports. The articles are read from the listing index, which
        // holds all such a condition asks; the rows hold whole articles.
        (Search(fts), Rows::Events) if probe == Probe::Set => {
            args.push(fts.clone().into());
            format!(
                "e.id IN (SELECT s.event_id FROM event_sources s WHERE s.article_id IN ({}))",
                matching_articles()
            )
        }
        (Outlets(_) | Languages(_) | Search(_), Rows::Events) => match probe {
            Probe::Set => format!(
                "e.id IN (SELECT s.event_id FROM event_sources s
                          JOIN articles a INDEXED BY articles_listing ON a.id = s.article_id
                          WHERE {})",
                expression(condition, Rows::Articles, probe, args)
            ),
            Probe::Row { id, .. } => looked_up(&format!(
                "event_sources s JOIN articles a INDEXED BY articles_listing ON a.id = s.article_id
                 WHERE s.event_id = {id} AND {}",
                expression(condition, Rows::Articles, Probe::LISTED_ARTICLE, args)
            )),
        },
        // An event's condition on articles: the articles reporting such an event.
        (Kinds(_) | Statuses(_) | Precisions(_) | Review(_), Rows::Articles) => {
            let rejected = if asks_for_rejected(std::slice::from_ref(condition)) {
                ""
            } else {
                "e.review_state != 'rejected' AND "
            };
            format!(
                "a.id IN (SELECT s.article_id FROM event_sources s
                          JOIN campaign_events e ON e.id = s.event_id WHERE {rejected}{})",
                expression(condition, Rows::Events, Probe::Set, args)
            )
        }
    }
}

/// `?, ?, ?` for user text, which goes in as arguments.
fn placeholders(values: &[String], args: &mut Vec<Value>) -> String {
    args.extend(values.iter().map(|v| Value::from(v.clone())));
    vec!["?"; values.len()].join(",")
}

/// Names from the program's own enums as SQL string literals.
fn literals<'a>(values: impl Iterator<Item = &'a str>) -> String {
    values
        .map(|v| format!("'{v}'"))
        .collect::<Vec<_>>()
        .join(",")
}

/// Any of `spans`: an article published in it (by its time in IST), or an
/// event whose dates overlap it. An event keeps its first and last
/// possible day, so a month-precise event overlaps any day of its month.
fn dates(spans: &[DaySpan], rows: Rows, start: &str, args: &mut Vec<Value>) -> String {
    let mut any = Vec::new();
    for span in spans {
        let mut both = Vec::new();
        match rows {
            Rows::Articles => {
                if let Some(from) = span.from {
                    both.push(format!("{start} >= ?"));
                    args.push(day_start(from).into());
                }
                if let Some(to) = span.to {
                    both.push(format!("{start} < ?"));
                    args.push(day_start(to).into());
                }
            }
            Rows::Events => {
                if let Some(from) = span.from {
                    // The second bound follows from the first for every
                    // event (none lasts longer than the longest), but lets
                    // the date index start near `from` instead of at the
                    // first event ever.
                    let longest: Vec<String> = DatePrecision::ALL
                        .into_iter()
                        .map(longest_span_sql)
                        .collect();
                    both.push("e.date_end >= ?".into());
                    both.push(format!(
                        "{start} >= date(?, '-' || max({}) || ' days')",
                        longest.join(", ")
                    ));
                    args.push(from.to_string().into());
                    args.push(from.to_string().into());
                }
                if let Some(to) = span.to {
                    both.push(format!("{start} < ?"));
                    args.push(to.to_string().into());
                }
            }
        }
        if both.is_empty() {
            both.push("1".into());
        }
        any.push(format!("({})", both.join(" AND ")));
    }
    format!("({})", any.join(" OR "))
}
