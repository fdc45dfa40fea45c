//! Turning what a user types (district and party names in any script, date
//! ranges, search words) into store filters, with clear errors and the
//! nearest valid name when a name matches nothing.

use chrono::{Datelike, FixedOffset, NaiveDate, TimeZone};

use crate::model::{EventKind, EventStatus, Language, PlaceKind};
use crate::store::Store;
use crate::text::fold;
use crate::{Error, Result};

/// Filters for article listings. Every field narrows the result.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleFilter {
    pub place: Option<PlaceFilter>,
    /// Articles that name this party.
    pub party_id: Option<i64>,
    /// FTS5 query for the user's search words (all must occur).
    pub search_query: Option<String>,
    /// Unix seconds, inclusive.
    pub from: Option<i64>,
    /// Unix seconds, exclusive.
    pub to: Option<i64>,
    pub language: Option<Language>,
}

/// A place filter: articles datelined in, or naming, one of `place_ids`
/// (a place and the districts inside it).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlaceFilter {
    pub place_ids: Vec<i64>,
}

/// Filters for event listings and exports.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventFilter {
    pub place: Option<PlaceFilter>,
    pub party_id: Option<i64>,
    /// Events ending on or after this day.
    pub from: Option<NaiveDate>,
    /// Events starting before this day.
    pub to: Option<NaiveDate>,
    pub kinds: Vec<EventKind>,
    pub status: Option<EventStatus>,
    /// Events reported by this article.
    pub article_id: Option<i64>,
    /// FTS5 query: events reported by an article that matches it.
    pub search_query: Option<String>,
    /// Events this person takes part in.
    pub person_id: Option<i64>,
    /// Only events a user has confirmed or corrected.
    pub reviewed: bool,
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

/// Filters as the user gave them, before they are resolved against the store.
#[derive(Debug, Clone, Default)]
pub struct FilterArgs {
    pub district: Option<String>,
    pub region: Option<String>,
    pub party: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub search: Option<String>,
    pub language: Option<Language>,
    /// Event kinds, comma-separated (events only).
    pub kind: Option<String>,
    /// Event status (events only).
    pub status: Option<String>,
    /// A person taking part (events only).
    pub person: Option<String>,
    /// Only reviewed events (events only).
    pub reviewed: bool,
}

/// India Standard Time: UTC+05:30, no daylight saving.
pub fn ist() -> FixedOffset {
    FixedOffset::east_opt(5 * 3600 + 1800).expect("valid offset")
}

impl FilterArgs {
    pub fn resolve_events(&self, store: &Store) -> Result<EventFilter> {
        if self.language.is_some() {
            return Err(Error::Invalid("--lang filters articles, not events".into()));
        }
        let articles = self.resolve(store)?;
        let kinds = match &self.kind {
            Some(list) => list
                .split(',')
                .map(|k| k.parse::<EventKind>().map_err(Error::Invalid))
                .collect::<Result<_>>()?,
            None => Vec::new(),
        };
        let person_id = match &self.person {
            Some(name) => Some(store.find_person(name)?.ok_or_else(|| {
                Error::UnknownName {
                    kind: "person",
                    name: name.clone(),
                    suggestion: store
                        .person_names()
                        .ok()
                        .and_then(|names| nearest(name, names.into_iter())),
                }
            })?),
            None => None,
        };
        Ok(EventFilter {
            person_id,
            reviewed: self.reviewed,
            place: articles.place,
            party_id: articles.party_id,
            search_query: articles.search_query,
            article_id: None,
            from: self
                .from
                .as_deref()
                .map(period_days)
                .transpose()?
                .map(|p| p.0),
            to: self
                .to
                .as_deref()
                .map(period_days)
                .transpose()?
                .map(|p| p.1),
            kinds,
            status: self
                .status
                .as_deref()
                .map(|s| s.parse().map_err(Error::Invalid))
                .transpose()?,
        })
    }

    pub fn resolve(&self, store: &Store) -> Result<ArticleFilter> {
        let mut filter = ArticleFilter {
            language: self.language,
            ..ArticleFilter::default()
        };
        if let (Some(_), Some(_)) = (&self.district, &self.region) {
            return Err(Error::Invalid(
                "give --district or --region, not both".into(),
            ));
        }
        if let Some(name) = &self.district {
            filter.place = Some(place_filter(
                store,
                name,
                &[PlaceKind::District],
                "district",
            )?);
        }
        if let Some(name) = &self.region {
            let kinds = [PlaceKind::Region, PlaceKind::Division, PlaceKind::State];
            filter.place = Some(place_filter(store, name, &kinds, "region or division")?);
        }
        if let Some(name) = &self.party {
            let code = store.find_party(name)?.ok_or_else(|| Error::UnknownName {
                kind: "party",
                name: name.clone(),
                suggestion: store
                    .party_names()
                    .ok()
                    .and_then(|names| nearest(name, names.into_iter())),
            })?;
            filter.party_id = Some(code);
        }
        if let Some(words) = &self.search {
            filter.search_query = search_query(words);
            if filter.search_query.is_none() {
                return Err(Error::Invalid(format!(
                    "nothing to search for in {words:?}"
                )));
            }
        }
        if let Some(from) = &self.from {
            filter.from = Some(period(from)?.0);
        }
        if let Some(to) = &self.to {
            filter.to = Some(period(to)?.1);
        }
        if let (Some(from), Some(to)) = (filter.from, filter.to)
            && from >= to
        {
            return Err(Error::Invalid(format!(
                "--from {} is after --to {}",
                self.from.as_deref().unwrap_or_default(),
                self.to.as_deref().unwrap_or_default()
            )));
        }
        Ok(filter)
    }
}

fn place_filter(
    store: &Store,
    name: &str,
    kinds: &[PlaceKind],
    what: &'static str,
) -> Result<PlaceFilter> {
    let (id, _) = store
        .find_place(name, kinds)?
        .ok_or_else(|| Error::UnknownName {
            kind: what,
            name: name.to_string(),
            suggestion: store
                .place_names(kinds)
                .ok()
                .and_then(|names| nearest(name, names.into_iter())),
        })?;
    store.place_filter(id)
}

/// An FTS5 query requiring every word of `input` (folded, each quoted so
/// that FTS5 operators typed by the user are taken as plain words).
pub fn search_query(input: &str) -> Option<String> {
    let words: Vec<String> = input.split_whitespace().filter_map(quote_phrase).collect();
    (!words.is_empty()).then(|| words.join(" AND "))
}

fn quote_phrase(s: &str) -> Option<String> {
    let folded = fold(s);
    // Keep only what the tokenizer would index; the rest only separates words.
    let words: Vec<&str> = folded
        .split(|c: char| !(c.is_alphanumeric() || is_mark(c)))
        .filter(|w| !w.is_empty())
        .collect();
    (!words.is_empty()).then(|| format!("\"{}\"", words.join(" ")))
}

/// Combining marks (Devanagari vowel signs, virama, anusvara) are part of words.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0900}'..='\u{0903}' | '\u{093A}'..='\u{094F}' | '\u{0951}'..='\u{0957}' | '\u{0962}'..='\u{0963}')
}

/// The span a date argument covers, as [start, end) in Unix seconds, IST.
/// Accepts `YYYY`, `YYYY-MM` and `YYYY-MM-DD`.
pub fn period(s: &str) -> Result<(i64, i64)> {
    let (start, end) = period_days(s)?;
    let seconds = |d: NaiveDate| {
        ist()
            .from_local_datetime(&d.and_hms_opt(0, 0, 0).expect("midnight"))
            .single()
            .map(|t| t.timestamp())
            .expect("IST has no gaps")
    };
    Ok((seconds(start), seconds(end)))
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
        let (a, b) = period("2021").unwrap();
        assert_eq!(b - a, 365 * 86400);
        let (a, b) = period("2021-02").unwrap();
        assert_eq!(b - a, 28 * 86400);
        let (a, b) = period("2021-01-12").unwrap();
        assert_eq!(b - a, 86400);
        // Midnight IST is 18:30 UTC the day before.
        assert_eq!(a, 1_610_389_800);
        assert!(period("2021-02-30").is_err());
        assert!(period("12 Jan").is_err());
        assert!(period("2021-13").is_err());
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
}
