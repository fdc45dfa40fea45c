//! Turning what a user types into store filters: the query language
//! (`lang`), the filter flags that are shorthand for it, names in any
//! script looked up in the gazetteer, date ranges and search words, with
//! clear errors and the nearest valid name when a name matches nothing.

use chrono::{Datelike, FixedOffset, NaiveDate, TimeZone};

use crate::model::{DatePrecision, EventKind, EventStatus, Language, PlaceKind, ReviewState};
use crate::store::Store;
use crate::text::{fold, is_latin_diacritic, is_word_char, search_text};
use crate::{Error, Result};

mod lang;

pub use lang::{Clause, DaySpan, FIELDS, Name, NameField, Query, QueryError, Term};

/// One condition a row must meet; a filter holds when all of its
/// conditions do. Article and event listings take the same conditions:
/// an event condition on articles keeps the articles reporting such an
/// event, an article condition on events the events such an article reports.
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    /// Tied to one of these places (each place chosen and the districts inside it).
    Places(Vec<i64>),
    /// Named by the article, or the event's party.
    Parties(Vec<i64>),
    /// Named by the article, or taking part in the event.
    People(Vec<i64>),
    Outlets(Vec<i64>),
    Languages(Vec<Language>),
    Kinds(Vec<EventKind>),
    Statuses(Vec<EventStatus>),
    Precisions(Vec<DatePrecision>),
    /// Events in one of these review states. Rejected events are left out
    /// unless a condition asks for them.
    Review(Vec<ReviewState>),
    /// Published on, or (events) overlapping, a day of one of these spans.
    Dates(Vec<DaySpan>),
    /// Carrying one of these tags (folded): an article's own, an event's own.
    Tags(Vec<String>),
    /// An FTS5 query over the articles' search key.
    Search(String),
    Not(Box<Condition>),
}

/// Filters for article listings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleFilter {
    pub conditions: Vec<Condition>,
}

/// The places a place stands for: itself and the districts inside it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlaceFilter {
    pub place_ids: Vec<i64>,
}

/// Filters for event listings and exports.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventFilter {
    pub conditions: Vec<Condition>,
    /// Events reported by this article.
    pub article_id: Option<i64>,
}
/// A keyset page over events in date order: `after` is the (date_start,
/// id) of the last row shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventPage {
    pub after: Option<(String, i64)>,
    pub limit: usize,
}

impl Default for EventPage {
    fn default() -> Self {
        EventPage {
            after: None,
            limit: 100,
        }
    }
}

/// A keyset page: `after` is the (sort_time, id) of the last row already
/// shown, so the next page starts right after it without OFFSET.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub after: Option<(i64, i64)>,
    pub limit: usize,
}

impl Default for Page {
    fn default() -> Self {
        Page {
            after: None,
            limit: 50,
        }
    }
}

/// Filters as the user gave them: a saved view, a query and the filter
/// flags, which are shorthand for query clauses. All of them hold together.
#[derive(Debug, Clone, Default)]
pub struct FilterArgs {
    /// The name of a saved view.
    pub view: Option<String>,
    /// A query in the query language.
    pub query: Option<String>,
    pub district: Option<String>,
    pub region: Option<String>,
    pub party: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub search: Option<String>,
    pub language: Option<Language>,
    /// Event kinds, comma-separated.
    pub kind: Option<String>,
    pub status: Option<String>,
    /// A person taking part (events) or named (articles).
    pub person: Option<String>,
    /// Only events a user has confirmed or corrected.
    pub reviewed: bool,
}

/// India Standard Time: UTC+05:30, no daylight saving.
pub fn ist() -> FixedOffset {
    FixedOffset::east_opt(5 * 3600 + 1800).expect("valid offset")
}

impl FilterArgs {
    /// The one query these filters stand for, as text: the view's query,
    /// then `query`, then a clause for each flag.
    pub fn query_text(&self, store: &Store) -> Result<String> {
        Ok(self.parts(store)?.0)
    }

    /// The query and the flags' clauses as one query, without the view:
    /// what an interface shows for its filters.
    pub fn written(&self) -> Result<String> {
        let mut parts: Vec<String> = self.query.iter().cloned().collect();
        parts.extend(self.flag_clauses()?);
        Ok(parts.join(" "))
    }

    /// The query text and the byte offset where the flags' clauses start.
    fn parts(&self, store: &Store) -> Result<(String, usize)> {
        let mut parts = Vec::new();
        if let Some(name) = &self.view {
            let view = store.view(name)?.ok_or_else(|| {
                let names = store.views().unwrap_or_default();
                let suggestion = nearest(name, names.into_iter().map(|v| (v.name.clone(), v.name)));
                Error::UnknownName {
                    kind: "view",
                    name: name.clone(),
                    suggestion,
                }
            })?;
            parts.push(view.query);
        }
        parts.extend(self.query.clone());
        let flags_start = parts.iter().map(|p| p.len() + 1).sum();
        parts.extend(self.flag_clauses()?);
        Ok((parts.join(" "), flags_start))
    }

    /// A clause for each flag given.
    fn flag_clauses(&self) -> Result<Vec<String>> {
        let mut parts = Vec::new();
        let flags = [
            ("district", &self.district),
            ("region", &self.region),
            ("party", &self.party),
            ("person", &self.person),
            ("kind", &self.kind),
            ("status", &self.status),
        ];
        for (field, value) in flags {
            if let Some(value) = value {
                parts.push(format!("{field}:{}", quoted_items(value)));
            }
        }
        if self.from.is_some() || self.to.is_some() {
            let side = |s: &Option<String>| quoted_items(s.as_deref().unwrap_or_default());
            parts.push(if self.from == self.to {
                format!("date:{}", side(&self.from))
            } else {
                format!("date:{}..{}", side(&self.from), side(&self.to))
            });
        }
        if let Some(words) = &self.search {
            // Each word stays a word: one that looks like syntax is quoted.
            let words: Vec<String> = words
                .split_whitespace()
                .map(|w| {
                    if w.starts_with('-') || w.contains([':', '"']) {
                        format!("\"{}\"", w.replace('"', ""))
                    } else {
                        w.to_string()
                    }
                })
                .collect();
            if words.is_empty() {
                return Err(Error::Invalid("--search: nothing to search for".into()));
            }
            parts.extend(words);
        }
        if let Some(lang) = self.language {
            parts.push(format!("lang:{}", lang.code()));
        }
        if self.reviewed {
            parts.push("reviewed:yes".into());
        }
        Ok(parts)
    }

    pub fn resolve(&self, store: &Store) -> Result<ArticleFilter> {
        self.with_query(store, |q| q.articles(store))
    }

    pub fn resolve_events(&self, store: &Store) -> Result<EventFilter> {
        self.with_query(store, |q| q.events(store))
    }

    /// `resolve` applied to the query. A mistake in a flag is told as one
    /// line: the flag's user never wrote the query it became.
    fn with_query<T>(&self, store: &Store, resolve: impl Fn(&Query) -> Result<T>) -> Result<T> {
        let (text, flags_start) = self.parts(store)?;
        let result = Query::parse(&text)
            .map_err(Error::from)
            .and_then(|q| resolve(&q));
        result.map_err(|e| match e {
            Error::Query(e) if e.span.start >= flags_start => Error::Invalid(e.headline()),
            e => e,
        })
    }
}

/// A flag's comma-separated values as a field's: an item with a space or
/// a quote in it is quoted (without its quotes, which no name has).
fn quoted_items(value: &str) -> String {
    value
        .split(',')
        .map(|item| {
            let item = item.trim().replace('"', "");
            if item.contains(char::is_whitespace) {
                format!("\"{item}\"")
            } else {
                item
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

impl Query {
    /// The conditions of this query for article listings.
    pub fn articles(&self, store: &Store) -> Result<ArticleFilter> {
        Ok(ArticleFilter {
            conditions: self.conditions(store)?,
        })
    }

    /// The conditions of this query for event listings and exports.
    pub fn events(&self, store: &Store) -> Result<EventFilter> {
        Ok(EventFilter {
            conditions: self.conditions(store)?,
            article_id: None,
        })
    }

    /// Each clause as a condition, names looked up in the store. The words
    /// to search for make one full-text query; a word with nothing to
    /// search for in it (`*`) is passed over, unless no word has any.
    fn conditions(&self, store: &Store) -> Result<Vec<Condition>> {
        let mut out = Vec::new();
        let mut search = Vec::new();
        let mut empty = None;
        for clause in &self.clauses {
            let condition = match &clause.term {
                Term::Words { text, phrase } => {
                    let Some(fts) = words(store, text, *phrase)? else {
                        empty.get_or_insert(clause);
                        continue;
                    };
                    if !clause.negated {
                        search.push(fts);
                        continue;
                    }
                    Condition::Search(fts)
                }
                Term::Names { field, names } => self.names(store, *field, names)?,
                Term::Kinds(kinds) => Condition::Kinds(kinds.clone()),
                Term::Statuses(statuses) => Condition::Statuses(statuses.clone()),
                Term::Dates(spans) => Condition::Dates(spans.clone()),
                Term::Precisions(precisions) => Condition::Precisions(precisions.clone()),
                Term::Review(states) => Condition::Review(states.clone()),
                Term::Languages(languages) => Condition::Languages(languages.clone()),
                Term::Tags(tags) => {
                    Condition::Tags(tags.iter().map(|t| fold(&crate::text::nfc(t))).collect())
                }
            };
            out.push(if clause.negated {
                Condition::Not(Box::new(condition))
            } else {
                condition
            });
        }
        let excluded = out
            .iter()
            .any(|c| matches!(c, Condition::Not(n) if matches!(**n, Condition::Search(_))));
        if let Some(clause) = empty
            && search.is_empty()
            && !excluded
        {
            let text = &self.text[clause.span.clone()];
            return Err(self
                .error(
                    clause.span.clone(),
                    format!("nothing to search for in {text:?}"),
                    None,
                )
                .into());
        }
        if !search.is_empty() {
            out.push(Condition::Search(search.join(" AND ")));
        }
        Ok(out)
    }

    /// A name field's condition: any of its names, each looked up.
    fn names(&self, store: &Store, field: NameField, names: &[Name]) -> Result<Condition> {
        let mut ids = Vec::new();
        for name in names {
            let unknown = |what: &str, suggestion: Option<String>| -> Error {
                self.error(
                    name.span.clone(),
                    format!("no {what} called {:?}", name.text),
                    suggestion,
                )
                .into()
            };
            let near = |names: Result<Vec<(String, String)>>| {
                names
                    .ok()
                    .and_then(|names| nearest(&name.text, names.into_iter()))
            };
            match field {
                NameField::Party => {
                    let id = store
                        .find_party(&name.text)?
                        .ok_or_else(|| unknown("party", near(store.party_names())))?;
                    ids.push(id);
                }
                NameField::Person => {
                    let id = store
                        .find_person(&name.text)?
                        .ok_or_else(|| unknown("person", near(store.person_names())))?;
                    ids.push(id);
                }
                NameField::Outlet => {
                    let id = store
                        .find_outlet(&name.text)?
                        .ok_or_else(|| unknown("outlet", near(store.outlet_names())))?;
                    ids.push(id);
                }
                _ => {
                    let (kinds, what) = place_kinds(field);
                    // In order of preference: `place:gorakhpur` is the
                    // district before the division of the same name.
                    let found = find_place_for(store, field, &name.text)?;
                    let (id, _) =
                        found.ok_or_else(|| unknown(what, near(store.place_names(kinds))))?;
                    ids.extend(store.place_filter(id)?.place_ids);
                }
            }
        }
        ids.sort_unstable();
        ids.dedup();
        Ok(match field {
            NameField::Party => Condition::Parties(ids),
            NameField::Person => Condition::People(ids),
            NameField::Outlet => Condition::Outlets(ids),
            _ => Condition::Places(ids),
        })
    }
}

/// A query taken apart for an interface with one picker each for a place,
/// a party, a date range and search words: what fits them, and the other
/// clauses as query text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QueryParts {
    /// The place id, and which kind of place.
    pub place: Option<(i64, PlaceKind)>,
    pub party: Option<i64>,
    /// A date range as written: `2021`, `2021-01..2021-03`, `..2021-06`.
    pub dates: Option<String>,
    /// Bare words to search for.
    pub words: Vec<String>,
    /// Every other clause, as written.
    pub rest: String,
}

impl Query {
    /// The query's parts: the first place, party and date clause with one
    /// value and no `-`, and the bare words; names looked up in the store.
    pub fn parts(&self, store: &Store) -> Result<QueryParts> {
        let mut parts = QueryParts::default();
        let mut rest = Vec::new();
        for clause in &self.clauses {
            let written = &self.text[clause.span.clone()];
            let taken = match (&clause.term, clause.negated) {
                (Term::Names { field, names }, false) if names.len() == 1 => match field {
                    NameField::Party if parts.party.is_none() => {
                        parts.party = store.find_party(&names[0].text)?;
                        parts.party.is_some()
                    }
                    NameField::Person | NameField::Outlet | NameField::Party => false,
                    _ if parts.place.is_none() => {
                        parts.place = find_place_for(store, *field, &names[0].text)?;
                        parts.place.is_some()
                    }
                    _ => false,
                },
                (Term::Dates(spans), false) if spans.len() == 1 && parts.dates.is_none() => {
                    parts.dates = written.split_once(':').map(|(_, v)| v.to_string());
                    true
                }
                (Term::Words { phrase: false, .. }, false) => {
                    parts.words.push(written.to_string());
                    true
                }
                _ => false,
            };
            if !taken {
                rest.push(written);
            }
        }
        parts.rest = rest.join(" ");
        Ok(parts)
    }
}

/// The place a place field's name stands for, trying the field's kinds in
/// order of preference.
fn find_place_for(store: &Store, field: NameField, name: &str) -> Result<Option<(i64, PlaceKind)>> {
    for kind in place_kinds(field).0 {
        if let Some(found) = store.find_place(name, &[*kind])? {
            return Ok(Some(found));
        }
    }
    Ok(None)
}

/// A view with how many events and articles match it now; `None` when its
/// query no longer resolves (a name the gazetteer has dropped).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ViewCounts {
    #[serde(flatten)]
    pub view: crate::store::View,
    pub events: Option<u64>,
    pub articles: Option<u64>,
}

/// Counts what each view matches now.
pub fn count_views(store: &Store, views: Vec<crate::store::View>) -> Result<Vec<ViewCounts>> {
    views
        .into_iter()
        .map(|view| {
            let query = Query::parse(&view.query).ok();
            let events = query
                .as_ref()
                .and_then(|q| q.events(store).ok())
                .map(|f| store.count_events(&f))
                .transpose()?;
            let articles = query
                .as_ref()
                .and_then(|q| q.articles(store).ok())
                .map(|f| store.count_articles(&f))
                .transpose()?;
            Ok(ViewCounts {
                view,
                events,
                articles,
            })
        })
        .collect()
}

/// The FTS5 query for search words or a phrase, if there is anything in
/// them to search for. A word that is a name of a place, party or person
/// (`gorakhpur`, `owaisi`, `भाजपा`) also finds the other names it goes by,
/// in either script.
fn words(store: &Store, text: &str, phrase: bool) -> Result<Option<String>> {
    if phrase {
        return Ok(quote_phrase(text));
    }
    let mut all = Vec::new();
    for word in text.split_whitespace() {
        let Some(quoted) = quote_phrase(word) else {
            continue;
        };
        let mut names = vec![quoted];
        for name in store.names_of(word)? {
            if let Some(q) = quote_phrase(&name)
                && !names.contains(&q)
            {
                names.push(q);
            }
        }
        all.push(if names.len() == 1 {
            names.remove(0)
        } else {
            format!("({})", names.join(" OR "))
        });
    }
    Ok((!all.is_empty()).then(|| all.join(" AND ")))
}

/// The kinds of place a place field takes, in order of preference, and
/// what a place of them is called in an error.
fn place_kinds(field: NameField) -> (&'static [PlaceKind], &'static str) {
    use PlaceKind::*;
    match field {
        NameField::District => (&[District], "district"),
        NameField::Division => (&[Division], "division"),
        NameField::Region => (&[Region, Division, State], "region, division or state"),
        NameField::State => (&[State], "state"),
        _ => (
            &[District, Division, Region, State, AssemblyConstituency],
            "place",
        ),
    }
}

/// Midnight in IST starting `day`, in Unix seconds: article times are
/// compared with day spans by it.
pub fn day_start(day: NaiveDate) -> i64 {
    ist()
        .from_local_datetime(&day.and_hms_opt(0, 0, 0).expect("midnight"))
        .single()
        .map(|t| t.timestamp())
        .expect("IST has no gaps")
}

/// An FTS5 query requiring every word of `input` (folded, each quoted so
/// that FTS5 operators typed by the user are taken as plain words).
pub fn search_query(input: &str) -> Option<String> {
    let words: Vec<String> = input.split_whitespace().filter_map(quote_phrase).collect();
    (!words.is_empty()).then(|| words.join(" AND "))
}

fn quote_phrase(s: &str) -> Option<String> {
    let words = search_words(s);
    (!words.is_empty()).then(|| format!("\"{}\"", words.join(" ")))
}

/// The search keys of `text`'s words, as the full-text index holds them
/// (see [`search_text`]).
pub fn search_words(text: &str) -> Vec<String> {
    search_text(text)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Where `text`'s words are, as byte ranges of `text` itself, split as the
/// index splits them; joiners and diacritics, which the search key drops,
/// stay inside.
pub fn search_word_spans(text: &str) -> Vec<std::ops::Range<usize>> {
    let in_word =
        |c: char| is_word_char(c) || is_latin_diacritic(c) || matches!(c, '\u{200C}' | '\u{200D}');
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (in_word(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                spans.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push(s..text.len());
    }
    spans
}

/// The days a date argument covers, as [start, end).
pub fn period_days(s: &str) -> Result<(NaiveDate, NaiveDate)> {
    let bad = || {
        Error::Invalid(format!(
            "invalid date {s:?}: use YYYY, YYYY-MM or YYYY-MM-DD"
        ))
    };
    let parts: Vec<&str> = s.trim().split('-').collect();
    let num = |p: &str| p.parse::<u32>().map_err(|_| bad());
    let (start, end) = match parts.as_slice() {
        [y] => {
            let y = num(y)? as i32;
            (ymd(y, 1, 1), ymd(y + 1, 1, 1))
        }
        [y, m] => {
            let (y, m) = (num(y)? as i32, num(m)?);
            let next = if m == 12 {
                ymd(y + 1, 1, 1)
            } else {
                ymd(y, m + 1, 1)
            };
            (ymd(y, m, 1), next)
        }
        [y, m, d] => {
            let day = ymd(num(y)? as i32, num(m)?, num(d)?);
            (day, day.and_then(|d| d.succ_opt()))
        }
        _ => return Err(bad()),
    };
    let (start, end) = (start.ok_or_else(bad)?, end.ok_or_else(bad)?);
    if !(1900..=2200).contains(&start.year()) {
        return Err(bad());
    }
    Ok((start, end))
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// The candidate closest to `input` by edit distance over folded text, if
/// close enough to be a plausible typo. Candidates are (name, canonical).
pub fn nearest(input: &str, candidates: impl Iterator<Item = (String, String)>) -> Option<String> {
    let want = fold(input);
    let (distance, name, canonical) = candidates
        .map(|(name, canonical)| (strsim::levenshtein(&want, &fold(&name)), name, canonical))
        .min_by_key(|(d, name, _)| (*d, name.clone()))?;
    let limit = (want.chars().count() / 3).max(1);
    (distance <= limit).then(|| {
        if fold(&name) == fold(&canonical) {
            canonical
        } else {
            format!("{name} ({canonical})")
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_cover_whole_years_months_and_days() {
        let days = |s: &str| {
            let (a, b) = period_days(s).unwrap();
            (b - a).num_days()
        };
        assert_eq!(days("2021"), 365);
        assert_eq!(days("2021-02"), 28);
        assert_eq!(days("2021-01-12"), 1);
        // Midnight IST is 18:30 UTC the day before.
        assert_eq!(
            day_start(period_days("2021-01-12").unwrap().0),
            1_610_389_800
        );
        assert!(period_days("2021-02-30").is_err());
        assert!(period_days("12 Jan").is_err());
        assert!(period_days("2021-13").is_err());
    }

    #[test]
    fn search_words_are_quoted_and_folded() {
        assert_eq!(
            search_query("फ़रवरी OR NEAR").unwrap(),
            "\"फरवरी\" AND \"or\" AND \"near\""
        );
        assert_eq!(search_query("  \" * "), None);
    }

    #[test]
    fn nearest_suggests_close_names_only() {
        let names = || {
            vec![
                ("Gorakhpur".to_string(), "Gorakhpur".to_string()),
                ("गोरखपुर".to_string(), "Gorakhpur".to_string()),
                ("Deoria".to_string(), "Deoria".to_string()),
            ]
            .into_iter()
        };
        assert_eq!(nearest("Gorakpur", names()), Some("Gorakhpur".into()));
        assert_eq!(
            nearest("गोरखपूर", names()),
            Some("गोरखपुर (Gorakhpur)".into())
        );
        assert_eq!(nearest("Lucknow", names()), None);
    }

    #[test]
    fn word_spans_split_as_the_index_does() {
        let text = "ओवैसी, क्\u{200D}षेत्र में—Owaisi's फ़रवरी";
        let words: Vec<&str> = search_word_spans(text)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(words, ["ओवैसी", "क्\u{200D}षेत्र", "में", "Owaisi", "s", "फ़रवरी"]);
        assert_eq!(search_words("फ़रवरी, Owaisi"), ["फरवरी", "owaisi"]);
    }
}
