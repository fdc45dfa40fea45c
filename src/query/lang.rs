//! The query language, parsed without the store:
//!
//! ```text
//! district:गोरखपुर party:aimim,sp -kind:statement date:2021-01..2021-03 precision:<=week "बूथ स्तर"
//! ```
//!
//! A clause is `field:value`, a bare word or a "quoted phrase"; `-` before
//! one negates it. Commas separate alternatives within a field, clauses
//! all hold together. Names (places, parties, people, outlets) stay as
//! written here and are looked up in the gazetteer when the query is
//! resolved (`query::Query::articles`, `query::Query::events`); everything
//! else is checked here.

use std::fmt;
use std::ops::Range;

use chrono::NaiveDate;

use super::period_days;
use crate::model::{DatePrecision, EventKind, EventStatus, Language, ReviewState};
use crate::text::display_width;

/// A parsed query: the clauses in the order written, and the text they
/// came from (for pointing at a word in an error).
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    pub text: String,
    pub clauses: Vec<Clause>,
}

/// One clause: a field with its alternatives, or words to search for.
#[derive(Debug, Clone, PartialEq)]
pub struct Clause {
    /// Written with a leading `-`: rows matching it are left out.
    pub negated: bool,
    /// Where the clause is in the query text, in bytes.
    pub span: Range<usize>,
    pub term: Term,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Term {
    /// Names to look up, any one of which may match.
    Names {
        field: NameField,
        names: Vec<Name>,
    },
    Kinds(Vec<EventKind>),
    Statuses(Vec<EventStatus>),
    /// Day spans, any one of which a date may overlap.
    Dates(Vec<DaySpan>),
    /// The precisions a comparison such as `<=week` allows.
    Precisions(Vec<DatePrecision>),
    Review(Vec<ReviewState>),
    Languages(Vec<Language>),
    /// The user's tags, as written, any one of which may match.
    Tags(Vec<String>),
    /// Full-text search: every word, or the words as one phrase.
    Words {
        text: String,
        phrase: bool,
    },
}

/// A name as written, with where it is in the query.
#[derive(Debug, Clone, PartialEq)]
pub struct Name {
    pub text: String,
    pub span: Range<usize>,
}

/// The fields whose values are names from the gazetteer or the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameField {
    District,
    Division,
    /// A region, or (as `--region` always allowed) a division or state.
    Region,
    State,
    /// A place of any level.
    Place,
    Party,
    Person,
    Outlet,
}

/// Days `[from, to)`; an open end is `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DaySpan {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// A mistake in a query, with the words it is about.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub struct QueryError {
    pub text: String,
    pub span: Range<usize>,
    pub message: String,
    pub suggestion: Option<String>,
}

impl QueryError {
    fn at(text: &str, span: Range<usize>, message: String, suggestion: Option<String>) -> Self {
        QueryError {
            text: text.to_string(),
            span,
            message,
            suggestion,
        }
    }

    /// The message with its suggestion, without the query.
    pub fn headline(&self) -> String {
        match &self.suggestion {
            Some(s) => format!("{}; did you mean {s}?", self.message),
            None => self.message.clone(),
        }
    }
}

impl fmt::Display for QueryError {
    /// The message, then the query with the bad word underlined:
    ///
    /// ```text
    /// unknown field "distrct"; did you mean "district"?
    ///   distrct:गोरखपुर
    ///   ^^^^^^^
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.headline())?;
        let start = self.span.start.min(self.text.len());
        let end = self.span.end.clamp(start, self.text.len());
        // Columns, not bytes, so the marks sit under Devanagari words too.
        let before = display_width(&self.text[..start]);
        let under = display_width(&self.text[start..end]).max(1);
        write!(
            f,
            "\n  {}\n  {}{}",
            self.text,
            " ".repeat(before),
            "^".repeat(under)
        )
    }
}

/// The fields, as written in a query, with what their values are.
pub const FIELDS: [&str; 15] = [
    "district",
    "division",
    "region",
    "state",
    "place",
    "party",
    "person",
    "outlet",
    "kind",
    "status",
    "date",
    "precision",
    "reviewed",
    "lang",
    "tag",
];

const REVIEWED: [&str; 6] = ["yes", "no", "confirmed", "edited", "rejected", "unreviewed"];

impl Query {
    /// Parses `text`. An empty text is the query that matches everything.
    pub fn parse(text: &str) -> Result<Query, QueryError> {
        let mut parser = Parser { text, pos: 0 };
        let mut clauses = Vec::new();
        while let Some(clause) = parser.clause()? {
            clauses.push(clause);
        }
        Ok(Query {
            text: text.to_string(),
            clauses,
        })
    }

    /// An error about the words at `span`.
    pub fn error(
        &self,
        span: Range<usize>,
        message: String,
        suggestion: Option<String>,
    ) -> QueryError {
        QueryError::at(&self.text, span, message, suggestion)
    }
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
}

impl Parser<'_> {
    fn error(&self, span: Range<usize>, message: String) -> QueryError {
        self.error_with(span, message, None)
    }

    fn error_with(
        &self,
        span: Range<usize>,
        message: String,
        suggestion: Option<String>,
    ) -> QueryError {
        QueryError::at(self.text, span, message, suggestion)
    }

    /// The next clause, or `None` at the end.
    fn clause(&mut self) -> Result<Option<Clause>, QueryError> {
        let rest = &self.text[self.pos..];
        let skipped = rest.len() - rest.trim_start().len();
        self.pos += skipped;
        let start = self.pos;
        if start == self.text.len() {
            return Ok(None);
        }
        let negated = self.text[start..].starts_with('-');
        let body = if negated { start + 1 } else { start };
        let end = self.token_end(body)?;
        self.pos = end;
        let token = &self.text[body..end];
        if token.is_empty() {
            return Err(self.error(start..end, "nothing after \"-\"".into()));
        }
        let term = if let Some(inner) = token.strip_prefix('"').filter(|_| token.ends_with('"')) {
            Term::Words {
                text: inner[..inner.len().saturating_sub(1)].to_string(),
                phrase: true,
            }
        } else {
            match field_split(token) {
                Some((field, value)) => {
                    let value_start = body + field.len() + 1;
                    self.field_term(field, body..value_start - 1, value, value_start)?
                }
                None => Term::Words {
                    text: token.to_string(),
                    phrase: false,
                },
            }
        };
        Ok(Some(Clause {
            negated,
            span: start..end,
            term,
        }))
    }

    /// Where the token starting at `from` ends: at white space outside
    /// quotes. An unclosed quote is an error pointing at it.
    fn token_end(&self, from: usize) -> Result<usize, QueryError> {
        let mut quote: Option<usize> = None;
        for (i, c) in self.text[from..].char_indices() {
            let at = from + i;
            match c {
                '"' if quote.is_some() => quote = None,
                '"' => quote = Some(at),
                c if c.is_whitespace() && quote.is_none() => return Ok(at),
                _ => {}
            }
        }
        match quote {
            Some(at) => Err(self.error(at..at + 1, "this quote is never closed".into())),
            None => Ok(self.text.len()),
        }
    }

    fn field_term(
        &self,
        field: &str,
        field_span: Range<usize>,
        value: &str,
        value_start: usize,
    ) -> Result<Term, QueryError> {
        let name = field.to_ascii_lowercase();
        if !FIELDS.contains(&name.as_str()) {
            return Err(self.error_with(
                field_span,
                format!("unknown field {field:?}"),
                nearest_word(&name, FIELDS).map(|f| format!("{f:?}")),
            ));
        }
        let items = self.items(value, value_start)?;
        if items.is_empty() {
            return Err(self.error(
                field_span.start..value_start,
                format!("{name}: needs a value"),
            ));
        }
        let names = |field| Term::Names {
            field,
            names: items
                .iter()
                .map(|(text, span)| Name {
                    text: text.clone(),
                    span: span.clone(),
                })
                .collect(),
        };
        Ok(match name.as_str() {
            "district" => names(NameField::District),
            "division" => names(NameField::Division),
            "region" => names(NameField::Region),
            "state" => names(NameField::State),
            "place" => names(NameField::Place),
            "party" => names(NameField::Party),
            "person" => names(NameField::Person),
            "outlet" => names(NameField::Outlet),
            "kind" => Term::Kinds(self.each(&items, |v| {
                let all = EventKind::ALL.map(|k| k.as_str());
                v.parse::<EventKind>()
                    .map_err(|_| (format!("unknown kind {v:?}"), nearest_word(v, all)))
            })?),
            "status" => Term::Statuses(self.each(&items, |v| {
                let all = EventStatus::ALL.map(|s| s.as_str());
                v.parse::<EventStatus>()
                    .map_err(|_| (format!("unknown status {v:?}"), nearest_word(v, all)))
            })?),
            "date" => Term::Dates(self.each(&items, |v| day_span(v).map_err(|m| (m, None)))?),
            "precision" => {
                let sets = self.each(&items, precisions)?;
                Term::Precisions(sets.into_iter().flatten().collect())
            }
            "reviewed" => {
                let sets = self.each(&items, |v| {
                    review_states(v).ok_or_else(|| {
                        (
                            format!("reviewed: {v:?} is not one of {}", REVIEWED.join(", ")),
                            nearest_word(v, REVIEWED),
                        )
                    })
                })?;
                Term::Review(sets.into_iter().flatten().collect())
            }
            "tag" => Term::Tags(items.iter().map(|(text, _)| text.clone()).collect()),
            _ => Term::Languages(
                self.each(&items, |v| v.parse::<Language>().map_err(|m| (m, None)))?,
            ),
        })
    }

    /// The comma-separated values of a field, unquoted, with their spans.
    fn items(
        &self,
        value: &str,
        value_start: usize,
    ) -> Result<Vec<(String, Range<usize>)>, QueryError> {
        let mut items = Vec::new();
        let mut start = 0;
        let mut quoted = false;
        let mut push = |from: usize, to: usize| -> Result<(), QueryError> {
            let raw = &value[from..to];
            let (text, span) = match raw.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
                Some(inner) => (inner, from + 1..to - 1),
                None => (raw, from..to),
            };
            let text = text.trim();
            if text.is_empty() {
                let at = value_start + from..value_start + to.max(from + 1);
                return Err(self.error(at, "empty value".into()));
            }
            items.push((
                text.to_string(),
                value_start + span.start..value_start + span.end,
            ));
            Ok(())
        };
        if value.is_empty() {
            return Ok(Vec::new());
        }
        for (i, c) in value.char_indices() {
            match c {
                '"' => quoted = !quoted,
                ',' if !quoted => {
                    push(start, i)?;
                    start = i + 1;
                }
                _ => {}
            }
        }
        push(start, value.len())?;
        Ok(items)
    }

    /// Each item parsed by `parse`; the first that fails is the error.
    fn each<T>(
        &self,
        items: &[(String, Range<usize>)],
        parse: impl Fn(&str) -> Result<T, (String, Option<&'static str>)>,
    ) -> Result<Vec<T>, QueryError> {
        items
            .iter()
            .map(|(text, span)| {
                parse(text).map_err(|(message, near)| {
                    self.error_with(span.clone(), message, near.map(|n| format!("{n:?}")))
                })
            })
            .collect()
    }
}

/// `field` and `value` of `field:value`, when what comes before the first
/// colon is a word of Latin letters (so `10:30` stays a search word).
fn field_split(token: &str) -> Option<(&str, &str)> {
    let (field, value) = token.split_once(':')?;
    (!field.is_empty() && field.chars().all(|c| c.is_ascii_alphabetic())).then_some((field, value))
}

/// `2021`, `2021-02`, `2021-02-05`, `2021-01..2021-03`, `..2021-03`, `2021-01..`.
fn day_span(value: &str) -> Result<DaySpan, String> {
    let side = |s: &str| -> Result<Option<(NaiveDate, NaiveDate)>, String> {
        if s.is_empty() {
            return Ok(None);
        }
        period_days(s).map(Some).map_err(|e| e.to_string())
    };
    let (from, to) = match value.split_once("..") {
        Some((a, b)) => (side(a.trim())?, side(b.trim())?),
        None => {
            let whole = side(value)?;
            (whole, whole)
        }
    };
    if from.is_none() && to.is_none() {
        return Err("date: give a date or a range FROM..TO with one side open at most".into());
    }
    let span = DaySpan {
        from: from.map(|p| p.0),
        to: to.map(|p| p.1),
    };
    if let (Some(a), Some(b)) = (span.from, span.to)
        && a >= b
    {
        return Err(format!("date: {value:?} ends before it starts"));
    }
    Ok(span)
}

/// The precisions `day`, `=week`, `<=week`, `>=month` allow. Comparisons
/// run from day to year; `reported` (dated by the article) is only ever
/// itself.
fn precisions(value: &str) -> Result<Vec<DatePrecision>, (String, Option<&'static str>)> {
    let (op, name) = ["<=", ">=", "<", ">", "="]
        .into_iter()
        .find_map(|op| value.strip_prefix(op).map(|rest| (op, rest)))
        .unwrap_or(("=", value));
    let names = DatePrecision::ALL.map(|p| p.as_str());
    let wanted: DatePrecision = name.trim().to_lowercase().parse().map_err(|_| {
        (
            format!("unknown precision {name:?} (day, week, month, quarter, year or reported)"),
            nearest_word(name, names),
        )
    })?;
    if op != "=" && wanted == DatePrecision::Reported {
        return Err((
            "precision: \"reported\" has no order; use precision:reported".into(),
            None,
        ));
    }
    let ordered = DatePrecision::ALL
        .into_iter()
        .filter(|p| *p != DatePrecision::Reported);
    Ok(match op {
        "<=" => ordered.filter(|p| *p <= wanted).collect(),
        ">=" => ordered.filter(|p| *p >= wanted).collect(),
        "<" => ordered.filter(|p| *p < wanted).collect(),
        ">" => ordered.filter(|p| *p > wanted).collect(),
        _ => vec![wanted],
    })
}

fn review_states(value: &str) -> Option<Vec<ReviewState>> {
    use ReviewState::*;
    Some(match value.to_lowercase().as_str() {
        "yes" => vec![Confirmed, Edited],
        "no" | "unreviewed" => vec![Unreviewed],
        "confirmed" => vec![Confirmed],
        "edited" => vec![Edited],
        "rejected" => vec![Rejected],
        _ => return None,
    })
}

/// The word of `words` nearest to `input` when it is a plausible typo
/// (a swap of two letters counts as one edit).
fn nearest_word<const N: usize>(input: &str, words: [&'static str; N]) -> Option<&'static str> {
    let input = input.to_lowercase();
    let (distance, word) = words
        .into_iter()
        .map(|w| (strsim::osa_distance(&input, w), w))
        .min()?;
    (distance <= (input.chars().count() / 3).max(1)).then_some(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Vec<Clause> {
        Query::parse(text).unwrap_or_else(|e| panic!("{e}")).clauses
    }

    fn term(text: &str) -> Term {
        let mut clauses = parse(text);
        assert_eq!(clauses.len(), 1, "{text}");
        clauses.remove(0).term
    }

    fn error(text: &str) -> QueryError {
        Query::parse(text).expect_err(text)
    }

    fn names(text: &str) -> (NameField, Vec<String>) {
        match term(text) {
            Term::Names { field, names } => (field, names.into_iter().map(|n| n.text).collect()),
            other => panic!("{other:?}"),
        }
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn every_name_field() {
        for (text, field) in [
            ("district:गोरखपुर", NameField::District),
            ("division:basti", NameField::Division),
            ("region:पूर्वांचल", NameField::Region),
            ("state:bihar", NameField::State),
            ("place:allahabad", NameField::Place),
            ("party:भाजपा", NameField::Party),
            ("person:owaisi", NameField::Person),
            ("outlet:darpan", NameField::Outlet),
        ] {
            let value = text.split_once(':').unwrap().1;
            assert_eq!(names(text), (field, vec![value.to_string()]), "{text}");
        }
        // Field names are not case-sensitive; values keep their case.
        assert_eq!(names("District:Gorakhpur").1, ["Gorakhpur"]);
    }

    #[test]
    fn tags_keep_their_spelling_and_negate() {
        assert_eq!(
            term("tag:follow-up,Checked"),
            Term::Tags(vec!["follow-up".into(), "Checked".into()])
        );
        let clauses = parse("-tag:done tag:जांच");
        assert!(clauses[0].negated && !clauses[1].negated);
        assert_eq!(clauses[1].term, Term::Tags(vec!["जांच".into()]));
        assert_eq!(error("tags:x").suggestion.as_deref(), Some("\"tag\""));
    }

    #[test]
    fn names_carry_their_place_in_the_query() {
        let Term::Names { names, .. } = term("party:सपा,\"Samajwadi Party\"") else {
            panic!()
        };
        let text = "party:सपा,\"Samajwadi Party\"";
        assert_eq!(&text[names[0].span.clone()], "सपा");
        assert_eq!(&text[names[1].span.clone()], "Samajwadi Party");
    }

    #[test]
    fn kinds_statuses_languages_and_reviews() {
        assert_eq!(
            term("kind:rally,membership-drive"),
            Term::Kinds(vec![EventKind::Rally, EventKind::MembershipDrive])
        );
        assert_eq!(
            term("status:planned"),
            Term::Statuses(vec![EventStatus::Planned])
        );
        assert_eq!(
            term("lang:hi,en"),
            Term::Languages(vec![Language::Hindi, Language::English])
        );
        assert_eq!(
            term("reviewed:yes"),
            Term::Review(vec![ReviewState::Confirmed, ReviewState::Edited])
        );
        assert_eq!(
            term("reviewed:no,rejected"),
            Term::Review(vec![ReviewState::Unreviewed, ReviewState::Rejected])
        );
    }

    #[test]
    fn dates_years_months_days_and_ranges() {
        let span = |text: &str| match term(text) {
            Term::Dates(spans) => spans,
            other => panic!("{other:?}"),
        };
        let closed = |a: &str, b: &str| DaySpan {
            from: Some(day(a)),
            to: Some(day(b)),
        };
        assert_eq!(span("date:2021"), [closed("2021-01-01", "2022-01-01")]);
        assert_eq!(span("date:2021-02"), [closed("2021-02-01", "2021-03-01")]);
        assert_eq!(
            span("date:2021-02-05"),
            [closed("2021-02-05", "2021-02-06")]
        );
        assert_eq!(
            span("date:2021-01..2021-03"),
            [closed("2021-01-01", "2021-04-01")]
        );
        assert_eq!(
            span("date:..2021-03"),
            [DaySpan {
                from: None,
                to: Some(day("2021-04-01"))
            }]
        );
        assert_eq!(
            span("date:2021-01.."),
            [DaySpan {
                from: Some(day("2021-01-01")),
                to: None
            }]
        );
        assert_eq!(span("date:2021-01,2021-03").len(), 2);
        assert!(
            error("date:2021-03..2021-01")
                .message
                .contains("ends before")
        );
        assert!(error("date:..").message.contains("FROM..TO"));
        let bad = error("party:aimim date:2021-13");
        assert_eq!(&bad.text[bad.span.clone()], "2021-13");
    }

    #[test]
    fn precision_comparisons() {
        use DatePrecision::*;
        assert_eq!(term("precision:<=week"), Term::Precisions(vec![Day, Week]));
        assert_eq!(
            term("precision:>=month"),
            Term::Precisions(vec![Month, Quarter, Year])
        );
        assert_eq!(term("precision:=day"), Term::Precisions(vec![Day]));
        assert_eq!(term("precision:reported"), Term::Precisions(vec![Reported]));
        assert_eq!(term("precision:<month"), Term::Precisions(vec![Day, Week]));
        assert!(error("precision:<=reported").message.contains("no order"));
        assert_eq!(
            error("precision:wek").suggestion.as_deref(),
            Some("\"week\"")
        );
    }

    #[test]
    fn negation_alternatives_and_words() {
        let clauses = parse("-party:bjp,sp गोरखपुर -\"बूथ स्तर\" 10:30");
        assert_eq!(clauses.len(), 4);
        assert!(clauses[0].negated);
        assert!(matches!(&clauses[0].term, Term::Names { names, .. } if names.len() == 2));
        assert_eq!(
            clauses[1].term,
            Term::Words {
                text: "गोरखपुर".into(),
                phrase: false
            }
        );
        assert!(clauses[2].negated);
        assert_eq!(
            clauses[2].term,
            Term::Words {
                text: "बूथ स्तर".into(),
                phrase: true
            }
        );
        // A colon after digits is part of a word, not a field.
        assert!(matches!(&clauses[3].term, Term::Words { text, .. } if text == "10:30"));
        assert!(parse("   ").is_empty());
    }

    #[test]
    fn quoted_values_keep_their_spaces_and_commas() {
        assert_eq!(names("region:\"Paschim UP\"").1, ["Paschim UP".to_string()]);
        assert_eq!(
            names("outlet:\"Khabar, Purvi\",darpan").1,
            ["Khabar, Purvi".to_string(), "darpan".into()]
        );
    }

    #[test]
    fn unknown_fields_suggest_the_nearest() {
        let e = error("party:aimim distrct:गोरखपुर");
        assert_eq!(e.message, "unknown field \"distrct\"");
        assert_eq!(e.suggestion.as_deref(), Some("\"district\""));
        assert_eq!(&e.text[e.span.clone()], "distrct");
        assert_eq!(
            e.to_string(),
            "unknown field \"distrct\"; did you mean \"district\"?\n  \
             party:aimim distrct:गोरखपुर\n              ^^^^^^^"
        );
        assert_eq!(error("colour:red").suggestion, None);
    }

    #[test]
    fn bad_values_suggest_the_nearest() {
        let e = error("kind:raly");
        assert_eq!(e.suggestion.as_deref(), Some("\"rally\""));
        assert_eq!(&e.text[e.span.clone()], "raly");
        assert_eq!(
            error("status:planed").suggestion.as_deref(),
            Some("\"planned\"")
        );
        assert_eq!(error("reviewed:yse").suggestion.as_deref(), Some("\"yes\""));
        assert!(error("lang:fr").message.contains("unknown language"));
    }

    #[test]
    fn malformed_clauses_point_at_themselves() {
        let e = error("party:aimim \"बूथ स्तर");
        assert_eq!(e.message, "this quote is never closed");
        assert_eq!(&e.text[e.span.clone()], "\"");
        let e = error("district: party:sp");
        assert_eq!(e.message, "district: needs a value");
        assert_eq!(&e.text[e.span.clone()], "district:");
        assert_eq!(error("party:sp,,bsp").message, "empty value");
        assert_eq!(error("a - b").message, "nothing after \"-\"");
    }

    #[test]
    fn marks_sit_under_devanagari_by_columns() {
        let e = error("गोरखपुर kind:raly");
        let shown = e.to_string();
        let marks = shown.lines().nth(2).unwrap();
        let caret = marks.find('^').unwrap();
        assert_eq!(caret - 2, display_width("गोरखपुर kind:"));
    }
}
