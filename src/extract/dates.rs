//! Dates and tense in Hindi and English sentences, resolved against the
//! article's publication day. The words live in `db/rules/dates.txt`.
//!
//! Each date keeps the words it was written in, how exactly it is known
//! (day, week, month, year) and how it was resolved, so `chunav explain`
//! can show a wrong guess for what it is.

use std::ops::Range;
use std::sync::LazyLock;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use super::phrases::PhraseMatcher;
use super::rules::{WordMap, parse_sections};
use super::tokens::{Token, tokenize};
use crate::model::DatePrecision;
use crate::text::fold;

/// The tense of a sentence, from its verbs and auxiliaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Present,
    Future,
    Unknown,
}

/// How a date bounds the event it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateRelation {
    /// It happens then ("12 जनवरी को").
    On,
    /// It starts then ("फरवरी के पहले सप्ताह से").
    From,
    /// It is due by then ("दिसंबर-21 से पहले", "by December").
    By,
}

/// A date found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub precision: DatePrecision,
    /// The words as written, relation words included.
    pub text: String,
    /// Byte span of those words in the sentence.
    pub span: Range<usize>,
    pub relation: DateRelation,
    /// How the date was resolved, for `chunav explain`.
    pub how: String,
}

/// Parsed once from `db/rules/dates.txt`.
struct DateWords {
    months: WordMap<u32>,
    weekdays: WordMap<Weekday>,
    week_ordinals: WordMap<u32>,
    day_words: WordMap<u32>,
    units: WordMap<Unit>,
    shifts: WordMap<i32>,
    /// Day offsets from publication ("आज", "कल", "yesterday").
    days: WordMap<DayOffset>,
    range: Vec<String>,
    after_by: Vec<String>,
    after_from: Vec<String>,
    before_by: Vec<String>,
    before_from: Vec<String>,
    fillers: Vec<String>,
    month_after: Vec<String>,
    year_after: Vec<String>,
    counts: Vec<String>,
    tense: PhraseMatcher<Tense>,
    future_suffixes: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Week,
    Month,
    Year,
}

#[derive(Debug, Clone, Copy)]
enum DayOffset {
    Fixed(i64),
    ByTense(i64),
}

static WORDS: LazyLock<DateWords> =
    LazyLock::new(|| DateWords::parse(include_str!("../../db/rules/dates.txt")));

impl DateWords {
    fn parse(source: &str) -> DateWords {
        let mut sections = parse_sections(source);
        let mut take = |name: &str| {
            sections
                .remove(name)
                .unwrap_or_else(|| panic!("db/rules/dates.txt lacks [{name}]"))
        };
        // "N word word ...": every word maps to the line's leading value.
        fn numbered<T: Copy>(lines: Vec<String>, value: impl Fn(&str) -> T) -> WordMap<T> {
            let mut map = WordMap::default();
            for line in lines {
                let mut parts = line.split_whitespace();
                let v = value(parts.next().unwrap_or_default());
                map.extend(parts.map(|w| (fold(w), v)));
            }
            map
        }
        let words = |lines: Vec<String>| -> Vec<String> {
            lines
                .iter()
                .flat_map(|l| l.split_whitespace())
                .map(fold)
                .collect()
        };
        let number = |s: &str| -> i64 {
            s.trim_start_matches('~')
                .parse()
                .unwrap_or_else(|_| panic!("db/rules/dates.txt: {s:?} is not a number"))
        };
        let months = numbered(take("months"), |n| number(n) as u32);
        let weekdays = numbered(take("weekdays"), |n| {
            Weekday::try_from(number(n) as u8 - 1).expect("weekday numbers are 1 to 7")
        });
        let week_ordinals = numbered(take("week_ordinals"), |n| number(n) as u32);
        let day_words = numbered(take("day_words"), |n| number(n) as u32);
        let units = numbered(take("units"), |n| match n {
            "week" => Unit::Week,
            "month" => Unit::Month,
            "year" => Unit::Year,
            other => panic!("db/rules/dates.txt: unknown unit {other:?}"),
        });
        let shifts = numbered(take("shift"), |n| number(n) as i32);
        let days = numbered(take("days"), |n| {
            if n.starts_with('~') {
                DayOffset::ByTense(number(n))
            } else {
                DayOffset::Fixed(number(n))
            }
        });
        let mut tense = Vec::new();
        for (section, t) in [
            ("future", Tense::Future),
            ("present", Tense::Present),
            ("past", Tense::Past),
        ] {
            tense.extend(take(section).into_iter().map(|p| (p, t)));
        }
        DateWords {
            months,
            weekdays,
            week_ordinals,
            day_words,
            units,
            shifts,
            days,
            range: words(take("range")),
            after_by: words(take("after_by")),
            after_from: words(take("after_from")),
            before_by: words(take("before_by")),
            before_from: words(take("before_from")),
            fillers: words(take("fillers")),
            month_after: words(take("month_after")),
            year_after: words(take("year_after")),
            counts: words(take("counts")),
            tense: PhraseMatcher::new(tense),
            future_suffixes: take("future_suffixes").iter().map(|s| fold(s)).collect(),
        }
    }
}

/// The tense of a sentence. The future wins over the present and the
/// present over the past, because news reports plans in a past frame
/// ("उन्होंने बताया कि ... दौरा करेंगे") and the plan is the news.
pub fn clause_tense(words: &str) -> Tense {
    tense_of(&tokenize(words))
}

/// The tense of a sentence from its tokens (see `clause_tense`).
pub fn tense_of(tokens: &[Token]) -> Tense {
    let w = &*WORDS;
    let mut found = [false; 3];
    let mut mark = |t: Tense| match t {
        Tense::Future => found[0] = true,
        Tense::Present => found[1] = true,
        Tense::Past => found[2] = true,
        Tense::Unknown => {}
    };
    for (_, t) in w.tense.find(tokens, |_, v| v.first().copied()) {
        mark(t);
    }
    for (i, t) in tokens.iter().enumerate() {
        let word = t.folded.as_str();
        if w.future_suffixes
            .iter()
            .any(|s| word.len() > s.len() + 2 && word.ends_with(s.as_str()))
        {
            mark(Tense::Future);
        }
        let english = word.is_ascii();
        // "is holding", "are being", but not "is something".
        if english
            && matches!(word, "is" | "are" | "am")
            && tokens[i + 1..]
                .iter()
                .take(2)
                .any(|n| n.folded.len() > 5 && n.folded.ends_with("ing"))
        {
            mark(Tense::Present);
        }
        if english && word.len() > 4 && word.ends_with("ed") {
            mark(Tense::Past);
        }
    }
    match found {
        [true, _, _] => Tense::Future,
        [_, true, _] => Tense::Present,
        [_, _, true] => Tense::Past,
        _ => Tense::Unknown,
    }
}

/// Every date in a sentence, in order. Dates that need the publication day
/// (a day and month without a year, "कल", "next week") are left out when it
/// is unknown: a made-up date is worse than none.
pub fn find_dates(words: &str, published: Option<NaiveDate>, tense: Tense) -> Vec<FoundDate> {
    dates_in(words, &tokenize(words), 0, published, tense)
}

/// The dates of a sentence already split into tokens, whose spans start
/// `base` bytes before `words` (a sentence's tokens point into its field).
pub fn dates_in(
    words: &str,
    tokens: &[Token],
    base: usize,
    published: Option<NaiveDate>,
    tense: Tense,
) -> Vec<FoundDate> {
    let reader = Reader {
        w: &WORDS,
        words,
        tokens,
        base,
        published,
        tense,
    };
    let mut found: Vec<(Range<usize>, Resolved)> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match reader.date_at(i) {
            Some((end, resolved)) => {
                found.push((i..end, resolved));
                i = end;
            }
            None => i += 1,
        }
    }
    let mut out: Vec<FoundDate> = Vec::new();
    let mut k = 0;
    while k < found.len() {
        let (range, resolved) = &found[k];
        // "12 जनवरी से 14 जनवरी तक", "from March to May": one span.
        if let Some((next_range, next)) = found.get(k + 1)
            && next.precision == resolved.precision
            && next.start >= resolved.start
            && reader.only_range_words(range.end..next_range.start)
        {
            let span = range.start..next_range.end;
            let merged = Resolved {
                start: resolved.start,
                end: next.end,
                precision: resolved.precision,
                how: format!("{} to {}", resolved.how, next.how),
            };
            out.push(reader.finish(span, merged));
            k += 2;
        } else {
            out.push(reader.finish(range.clone(), resolved.clone()));
            k += 1;
        }
    }
    out
}

#[derive(Debug, Clone)]
struct Resolved {
    start: NaiveDate,
    end: NaiveDate,
    precision: DatePrecision,
    how: String,
}

struct Reader<'a> {
    w: &'a DateWords,
    words: &'a str,
    tokens: &'a [Token],
    /// Where `words` starts in the text the token spans point into.
    base: usize,
    published: Option<NaiveDate>,
    tense: Tense,
}

impl Reader<'_> {
    /// Token `i`'s byte span in `words`.
    fn span(&self, i: usize) -> Range<usize> {
        let s = &self.tokens[i].span;
        s.start - self.base..s.end - self.base
    }

    fn word(&self, i: usize) -> Option<&str> {
        self.tokens.get(i).map(|t| t.folded.as_str())
    }

    fn raw(&self, i: usize) -> &str {
        &self.words[self.span(i)]
    }

    /// The text between token `i` and the next, trimmed.
    fn gap_after(&self, i: usize) -> Option<&str> {
        self.tokens.get(i + 1)?;
        Some(self.words[self.span(i).end..self.span(i + 1).start].trim())
    }

    fn is(&self, i: usize, list: &[String]) -> bool {
        self.word(i).is_some_and(|w| list.iter().any(|l| l == w))
    }

    fn month(&self, i: usize) -> Option<u32> {
        let m = *self.w.months.get(self.word(i)?)?;
        // English month names are capitalised ("may" and "march" are verbs).
        let raw = self.raw(i);
        (!raw.is_ascii() || raw.starts_with(|c: char| c.is_ascii_uppercase())).then_some(m)
    }

    fn number(&self, i: usize) -> Option<u32> {
        let w = self.word(i)?;
        (w.len() <= 4 && w.bytes().all(|b| b.is_ascii_digit())).then(|| w.parse().ok())?
    }

    /// A day of the month: "12", "१२", "12th".
    fn day(&self, i: usize) -> Option<u32> {
        let w = self.word(i)?;
        // "तीन मार्च", "दस जनवरी": a day in words, before a month only.
        if let Some(&d) = self.w.day_words.get(w) {
            return self.month(i + 1).map(|_| d);
        }
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = &w[digits.len()..];
        let ok = digits.len() <= 2
            && !digits.is_empty()
            && digits.bytes().all(|b| b.is_ascii_digit())
            && matches!(suffix, "" | "st" | "nd" | "rd" | "th");
        let d: u32 = if ok {
            digits.parse().ok()?
        } else {
            return None;
        };
        (1..=31).contains(&d).then_some(d)
    }

    /// A year after a month: four digits, or two after a hyphen or an
    /// apostrophe ("दिसंबर-21", "Dec '21").
    fn year_after(&self, month_at: usize) -> Option<i32> {
        let i = month_at + 1;
        let n = self.number(i)?;
        let gap = self.gap_after(month_at)?;
        match self.word(i)?.len() {
            4 if matches!(gap, "" | ",") => plausible_year(n),
            2 if matches!(gap, "-" | "'" | "’" | "–") => Some(2000 + n as i32),
            _ => None,
        }
    }

    /// A year standing alone: four digits, not a count ("2000 कार्यकर्ता").
    fn lone_year(&self, i: usize) -> Option<i32> {
        if self.word(i)?.len() != 4 {
            return None;
        }
        let year = plausible_year(self.number(i)?)?;
        let count = self.is(i + 1, &self.w.counts) || i > 0 && self.is(i - 1, &self.w.counts);
        // In Hindi a year is followed by a postposition or the election it
        // names ("2027 में", "2022 के चुनाव", "2022 विधानसभा चुनाव"); "2000
        // बच्चों ने" is a count.
        let hindi_count = self
            .word(i + 1)
            .is_some_and(|w| !w.is_ascii() && !self.w.year_after.iter().any(|a| a == w));
        let count = count || hindi_count;
        // A year far ahead names a vision or a programme ("विकसित
        // भारत-2047", "Vision 2047"), not when something happens.
        let far = self.published.is_some_and(|p| year > p.year() + FAR_YEARS);
        (!count && !far).then_some(year)
    }

    /// The date that starts at token `i`, and the token after it.
    fn date_at(&self, i: usize) -> Option<(usize, Resolved)> {
        self.numeric(i)
            .or_else(|| self.day_month(i))
            .or_else(|| self.week_of_month(i))
            .or_else(|| self.month_day(i))
            .or_else(|| self.month_year(i))
            .or_else(|| self.relative_day(i))
            .or_else(|| self.shifted(i))
            .or_else(|| self.weekday(i))
            .or_else(|| {
                self.lone_year(i)
                    .map(|y| (i + 1, year_span(y, "the year as written")))
            })
    }

    /// "11.01.2021", "11/1/21", "2021-01-12" (day first, as Indian papers write).
    fn numeric(&self, i: usize) -> Option<(usize, Resolved)> {
        let sep = self.gap_after(i)?;
        if !matches!(sep, "." | "/" | "-") || self.gap_after(i + 1)? != sep {
            return None;
        }
        let (a, b, c) = (self.number(i)?, self.number(i + 1)?, self.number(i + 2)?);
        let (la, lc) = (self.word(i)?.len(), self.word(i + 2)?.len());
        let (y, m, d) = if la == 4 {
            (a as i32, b, c)
        } else if lc == 4 || lc == 2 {
            let y = if lc == 2 { 2000 + c as i32 } else { c as i32 };
            (y, b, a)
        } else {
            return None;
        };
        plausible_year(y as u32)?;
        let date = NaiveDate::from_ymd_opt(y, m, d)?;
        Some((i + 3, day_span(date, date, "a numeric date, day first")))
    }

    /// "12 जनवरी", "12 से 14 जनवरी 2021", "12th January".
    fn day_month(&self, i: usize) -> Option<(usize, Resolved)> {
        let first = self.day(i)?;
        let (last, month_at) = match self.month(i + 1) {
            Some(_) => (first, i + 1),
            None => {
                let joined = self.gap_after(i)? == "-" && self.day(i + 1).is_some();
                let worded = self.is(i + 1, &self.w.range) && self.day(i + 2).is_some();
                match (joined, worded) {
                    (true, _) => (self.day(i + 1)?, i + 2),
                    (_, true) => (self.day(i + 2)?, i + 3),
                    _ => return None,
                }
            }
        };
        let month = self.month(month_at)?;
        let (start, end, how, next) = match self.year_after(month_at) {
            Some(y) => {
                let start = NaiveDate::from_ymd_opt(y, month, first)?;
                let end = NaiveDate::from_ymd_opt(y, month, last)?;
                (
                    start,
                    end,
                    "day, month and year as written".to_string(),
                    month_at + 2,
                )
            }
            None => {
                let (start, how) =
                    self.nearest(false, |y| NaiveDate::from_ymd_opt(y, month, first))?;
                let end = NaiveDate::from_ymd_opt(start.year(), month, last)?;
                (start, end, how, month_at + 1)
            }
        };
        (end >= start).then(|| (next, day_span(start, end, &how)))
    }

    /// "January 12", "Jan 12, 2021".
    fn month_day(&self, i: usize) -> Option<(usize, Resolved)> {
        let month = self.month(i)?;
        let day = self.day(i + 1)?;
        if !self.raw(i).is_ascii() {
            return None;
        }
        let year = match self.gap_after(i + 1) {
            Some("," | "") => self
                .number(i + 2)
                .filter(|_| self.word(i + 2).is_some_and(|w| w.len() == 4)),
            _ => None,
        };
        match year.and_then(plausible_year) {
            Some(y) => {
                let date = NaiveDate::from_ymd_opt(y, month, day)?;
                Some((
                    i + 3,
                    day_span(date, date, "month, day and year as written"),
                ))
            }
            None => {
                let (date, how) =
                    self.nearest(false, |y| NaiveDate::from_ymd_opt(y, month, day))?;
                Some((i + 2, day_span(date, date, &how)))
            }
        }
    }

    /// "फरवरी के पहले सप्ताह", "first week of February": weeks are counted
    /// from the month's first day, the last one as its last seven days.
    fn week_of_month(&self, i: usize) -> Option<(usize, Resolved)> {
        let is_week =
            |j: usize| self.word(j).and_then(|w| self.w.units.get(w)) == Some(&Unit::Week);
        let ordinal = |j: usize| self.w.week_ordinals.get(self.word(j)?).copied();
        let (month_at, n, next) = if let Some(m) = self.month(i).map(|_| i) {
            // MONTH के ORDINAL सप्ताह
            let o = if self.is(i + 1, &self.w.fillers) {
                i + 2
            } else {
                i + 1
            };
            (m, ordinal(o)?, is_week(o + 1).then_some(o + 2)?)
        } else {
            // ORDINAL week of MONTH
            let n = ordinal(i)?;
            if !is_week(i + 1) || self.word(i + 2)? != "of" {
                return None;
            }
            (i + 3, n, i + 4)
        };
        let month = self.month(month_at)?;
        let year_given = if month_at > i {
            self.year_after(month_at)
        } else {
            None
        };
        let first = match year_given {
            Some(y) => NaiveDate::from_ymd_opt(y, month, 1)?,
            None => {
                self.nearest(true, |y| NaiveDate::from_ymd_opt(y, month, 1))?
                    .0
            }
        };
        let start = if n == 5 {
            last_of_month(first) - Days::new(6)
        } else {
            first + Days::new(7 * (u64::from(n) - 1))
        };
        let next = if year_given.is_some() { next + 1 } else { next };
        Some((next, week_span(start, "week of the month as written")))
    }

    /// "दिसंबर", "December 2021", "दिसंबर-21".
    fn month_year(&self, i: usize) -> Option<(usize, Resolved)> {
        let month = self.month(i)?;
        if let Some(y) = self.year_after(i) {
            let first = NaiveDate::from_ymd_opt(y, month, 1)?;
            return Some((i + 2, month_span(first, "month and year as written")));
        }
        // An English month alone needs a preposition ("in May"), since a
        // capitalised "May" also starts sentences.
        if self.raw(i).is_ascii()
            && !(i > 0
                && matches!(
                    self.word(i - 1),
                    Some(
                        "in" | "by"
                            | "since"
                            | "until"
                            | "till"
                            | "from"
                            | "of"
                            | "early"
                            | "late"
                            | "mid"
                            | "before"
                            | "after"
                    )
                ))
        {
            return None;
        }
        // A Hindi month alone needs a postposition after it ("मार्च में",
        // "फरवरी के पहले"): "राजघाट तक मार्च निकाला" is a march.
        if !self.raw(i).is_ascii() && !self.is(i + 1, &self.w.month_after) {
            return None;
        }
        let (first, how) = self.nearest(true, |y| NaiveDate::from_ymd_opt(y, month, 1))?;
        Some((i + 1, month_span(first, &how)))
    }

    /// "आज", "कल", "परसों", "yesterday".
    fn relative_day(&self, i: usize) -> Option<(usize, Resolved)> {
        let offset = *self.w.days.get(self.word(i)?)?;
        let published = self.published?;
        let days = match offset {
            DayOffset::Fixed(d) => d,
            DayOffset::ByTense(d) if matches!(self.tense, Tense::Future) => d,
            DayOffset::ByTense(d) => -d,
        };
        let date = published.checked_add_signed(chrono::Duration::days(days))?;
        let how = format!("{days:+} days from publication ({:?} tense)", self.tense);
        Some((i + 1, day_span(date, date, &how)))
    }

    /// "अगले सप्ताह", "last month", "इस साल", "अगले बुधवार".
    fn shifted(&self, i: usize) -> Option<(usize, Resolved)> {
        let shift = *self.w.shifts.get(self.word(i)?)?;
        let published = self.published?;
        // "next February", "पिछले मार्च": the month on that side.
        if shift != 0
            && let Some(month) = self.month(i + 1)
        {
            let y = published.year();
            let first = (y - 1..=y + 1)
                .filter_map(|y| NaiveDate::from_ymd_opt(y, month, 1))
                .filter(|d| {
                    if shift > 0 {
                        *d > published
                    } else {
                        last_of_month(*d) < published
                    }
                });
            let first = if shift > 0 { first.min() } else { first.max() }?;
            return Some((i + 2, month_span(first, "month relative to publication")));
        }
        if let Some(&weekday) = self.word(i + 1).and_then(|w| self.w.weekdays.get(w)) {
            let date = match shift.signum() {
                1 => next_weekday(published + Days::new(1), weekday),
                -1 => previous_weekday(published - Days::new(1), weekday),
                _ => return None,
            };
            return Some((
                i + 2,
                day_span(date, date, "weekday relative to publication"),
            ));
        }
        let unit = *self.w.units.get(self.word(i + 1)?)?;
        let how = format!("{unit:?} {shift:+} from publication").to_lowercase();
        let resolved = match unit {
            Unit::Week => {
                let monday =
                    published - Days::new(u64::from(published.weekday().num_days_from_monday()));
                let start = monday.checked_add_signed(chrono::Duration::weeks(shift.into()))?;
                week_span(start, &how)
            }
            Unit::Month => {
                let first = published.with_day(1)?;
                let start = if shift >= 0 {
                    first.checked_add_months(Months::new(shift as u32))?
                } else {
                    first.checked_sub_months(Months::new(shift.unsigned_abs()))?
                };
                month_span(start, &how)
            }
            Unit::Year => year_span(published.year() + shift, &how),
        };
        Some((i + 2, resolved))
    }

    /// "बुधवार को", "on Wednesday": the nearest such day on the tense's side
    /// of publication, publication day included.
    fn weekday(&self, i: usize) -> Option<(usize, Resolved)> {
        let weekday = *self.w.weekdays.get(self.word(i)?)?;
        let raw = self.raw(i);
        if raw.is_ascii() && !raw.starts_with(|c: char| c.is_ascii_uppercase()) {
            return None;
        }
        // "सोमवार, 12 जनवरी": the full date that follows says it better.
        if self.day_month(i + 1).is_some() || self.month_day(i + 1).is_some() {
            return None;
        }
        let published = self.published?;
        let (date, side) = if self.tense == Tense::Future {
            (next_weekday(published, weekday), "on or after")
        } else {
            (previous_weekday(published, weekday), "on or before")
        };
        let how = format!("the {weekday} {side} publication ({:?} tense)", self.tense);
        Some((i + 1, day_span(date, date, &how)))
    }

    /// The year for a day or month written without one: the occurrence on
    /// the tense's side of the publication day (on or after it for the
    /// future; on or before it for the past, when that lies within half a
    /// year), else the nearest. Papers give the year of anything older, so
    /// a past-tense "3 July" under a date of 19 June is the coming one: the
    /// publication date is off, not the event a year old.
    fn nearest(
        &self,
        whole_month: bool,
        date_in: impl Fn(i32) -> Option<NaiveDate>,
    ) -> Option<(NaiveDate, String)> {
        const WITHIN_DAYS: i64 = 183;
        let published = self.published?;
        let y = published.year();
        let candidates: Vec<NaiveDate> = (y - 1..=y + 1).filter_map(&date_in).collect();
        // A month is "on or after" publication while publication is inside it.
        let month_end = |d: NaiveDate| if whole_month { last_of_month(d) } else { d };
        let days = |a: NaiveDate, b: NaiveDate| a.signed_duration_since(b).num_days();
        let on_side = match self.tense {
            Tense::Future => candidates
                .iter()
                .copied()
                .find(|d| month_end(*d) >= published)
                .map(|d| (d, "next")),
            Tense::Past => candidates
                .iter()
                .rev()
                .copied()
                .find(|d| *d <= published)
                .filter(|d| days(published, month_end(*d)) <= WITHIN_DAYS)
                .map(|d| (d, "last")),
            Tense::Present | Tense::Unknown => None,
        };
        let (chosen, side) = match on_side {
            Some(found) => found,
            None => (
                candidates.iter().copied().min_by_key(|d| {
                    let gap = if *d > published {
                        days(*d, published)
                    } else {
                        days(published, month_end(*d))
                    };
                    (gap, *d < published)
                })?,
                "nearest",
            ),
        };
        Some((
            chosen,
            format!(
                "{INFERRED_YEAR} {} as the {side} one from publication {published}",
                chosen.year()
            ),
        ))
    }

    /// Tokens between two dates that make them one span.
    fn only_range_words(&self, between: Range<usize>) -> bool {
        let n = between.len();
        let dash = n == 0
            && between.start > 0
            && matches!(self.gap_after(between.start - 1), Some("-" | "–"));
        dash || (1..=2).contains(&n)
            && between
                .clone()
                .all(|j| self.is(j, &self.w.range) || self.is(j, &self.w.fillers))
    }

    /// The date's words and its relation: "से पहले" or "तक" after it, "by"
    /// or "from" before it.
    fn finish(&self, span: Range<usize>, r: Resolved) -> FoundDate {
        let mut first = span.start;
        let mut last = span.end; // exclusive
        let mut relation = DateRelation::On;
        let before = |j: usize| j > 0 && self.is(j - 1, &self.w.before_by);
        if before(first) {
            relation = DateRelation::By;
            first -= 1;
        } else if first > 0 && self.is(first - 1, &self.w.before_from) {
            relation = DateRelation::From;
            first -= 1;
        }
        // "१५ अप्रैल को पहले चरण": after को, पहले is "first", not "before".
        if relation == DateRelation::On && self.word(last) != Some("को") {
            let mut j = last;
            if self.is(j, &self.w.fillers) {
                j += 1;
            }
            if self.is(j, &self.w.after_from)
                && self.is(j + 1, &self.w.after_by)
                && self.word(j + 1) == Some("पहले")
            {
                relation = DateRelation::By;
                last = j + 2;
            } else if self.is(j, &self.w.after_by) {
                relation = DateRelation::By;
                last = j + 1;
            } else if self.is(j, &self.w.after_from) {
                relation = DateRelation::From;
                last = j + 1;
            }
        }
        let bytes = self.span(first).start..self.span(last - 1).end;
        // A deadline with no year written lies ahead: "दिसंबर तक" in
        // February is this December, not the last one.
        let mut r = r;
        if relation == DateRelation::By
            && r.how.starts_with(INFERRED_YEAR)
            && let Some(p) = self.published
            && r.end < p
            && let (Some(start), Some(end)) = (
                r.start.checked_add_months(Months::new(12)),
                r.end.checked_add_months(Months::new(12)),
            )
        {
            r.start = start;
            r.end = if r.precision == DatePrecision::Month {
                last_of_month(end)
            } else {
                end
            };
            r.how = format!("{} (a deadline, so the next one)", r.how);
        }
        FoundDate {
            start: r.start,
            end: r.end,
            precision: r.precision,
            text: self.words[bytes.clone()].to_string(),
            span: bytes,
            relation,
            how: r.how,
        }
    }
}

/// How `Reader::nearest` explains a year it chose.
const INFERRED_YEAR: &str = "year";

/// Years beyond this many after publication are names, not dates.
const FAR_YEARS: i32 = 6;

fn plausible_year(n: u32) -> Option<i32> {
    (1950..=2099).contains(&n).then_some(n as i32)
}

fn last_of_month(d: NaiveDate) -> NaiveDate {
    let first = d.with_day(1).expect("day 1 exists");
    first
        .checked_add_months(Months::new(1))
        .expect("within chrono's range")
        - Days::new(1)
}

fn next_weekday(from: NaiveDate, weekday: Weekday) -> NaiveDate {
    let ahead = (7 + weekday.num_days_from_monday() - from.weekday().num_days_from_monday()) % 7;
    from + Days::new(u64::from(ahead))
}

fn previous_weekday(from: NaiveDate, weekday: Weekday) -> NaiveDate {
    let back = (7 + from.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
    from - Days::new(u64::from(back))
}

fn day_span(start: NaiveDate, end: NaiveDate, how: &str) -> Resolved {
    Resolved {
        start,
        end,
        precision: DatePrecision::Day,
        how: how.to_string(),
    }
}

fn week_span(start: NaiveDate, how: &str) -> Resolved {
    Resolved {
        start,
        end: start + Days::new(6),
        precision: DatePrecision::Week,
        how: how.to_string(),
    }
}

fn month_span(first: NaiveDate, how: &str) -> Resolved {
    Resolved {
        start: first,
        end: last_of_month(first),
        precision: DatePrecision::Month,
        how: how.to_string(),
    }
}

fn year_span(year: i32, how: &str) -> Resolved {
    let day = |m, d| NaiveDate::from_ymd_opt(year, m, d).unwrap_or(NaiveDate::MIN);
    Resolved {
        start: day(1, 1),
        end: day(12, 31),
        precision: DatePrecision::Year,
        how: how.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    const PUBLISHED: Option<NaiveDate> = NaiveDate::from_ymd_opt(2021, 1, 11);

    /// (start, end, precision, words, relation) of each date in `text`.
    fn dates(text: &str) -> Vec<(String, String, &'static str, String, DateRelation)> {
        find_dates(text, PUBLISHED, clause_tense(text))
            .into_iter()
            .map(|d| {
                (
                    d.start.to_string(),
                    d.end.to_string(),
                    d.precision.as_str(),
                    d.text,
                    d.relation,
                )
            })
            .collect()
    }

    fn first(text: &str) -> (String, &'static str, DateRelation) {
        let all = dates(text);
        let d = all.first().unwrap_or_else(|| panic!("no date in {text:?}"));
        (d.0.clone(), d.2, d.4)
    }

    #[test]
    fn the_seed_articles_dates() {
        assert_eq!(
            first("ओवैसी 12 जनवरी को वाराणसी, आजमगढ़ और जौनपुर का दौरा करेंगे।"),
            ("2021-01-12".into(), "day", DateRelation::On)
        );
        assert_eq!(
            first("फरवरी के पहले सप्ताह से विधायकों के दौरे शुरू होंगे।"),
            ("2021-02-01".into(), "week", DateRelation::From)
        );
        let deadline = dates("दिसंबर-21 से पहले बूथ स्तर पर संगठन तैयार करना है।");
        assert_eq!(deadline[0].0, "2021-12-01");
        assert_eq!(deadline[0].1, "2021-12-31");
        assert_eq!(deadline[0].2, "month");
        assert_eq!(deadline[0].3, "दिसंबर-21 से पहले");
        assert_eq!(deadline[0].4, DateRelation::By);
        assert_eq!(
            first("2022 के विधानसभा चुनाव की तैयारी।"),
            ("2022-01-01".into(), "year", DateRelation::On)
        );
    }

    #[test]
    fn spelling_variants_and_devanagari_digits() {
        assert_eq!(first("१२ जनवरी को सभा होगी।").0, "2021-01-12");
        assert_eq!(first("सितम्बर में रैली हुई थी।").0, "2020-09-01");
        assert_eq!(first("सितंबर में रैली होगी।").0, "2021-09-01");
        assert_eq!(first("अक्तूबर 2021 में").0, "2021-10-01");
        assert_eq!(first("15 फ़रवरी 2021 को").0, "2021-02-15");
    }

    #[test]
    fn kal_follows_the_tense() {
        assert_eq!(first("कल गोरखपुर में सभा हुई।").0, "2021-01-10");
        assert_eq!(first("कल गोरखपुर में सभा होगी।").0, "2021-01-12");
        assert_eq!(first("आज सभा है।").0, "2021-01-11");
        assert_eq!(first("परसों रैली करेंगे।").0, "2021-01-13");
    }

    #[test]
    fn relative_weeks_months_years_and_weekdays() {
        // 11 Jan 2021 is a Monday.
        assert_eq!(
            first("अगले सप्ताह दौरा करेंगे।"),
            ("2021-01-18".into(), "week", DateRelation::On)
        );
        assert_eq!(
            first("पिछले महीने सम्मेलन हुआ।"),
            ("2020-12-01".into(), "month", DateRelation::On)
        );
        assert_eq!(
            first("इस साल चुनाव होंगे।"),
            ("2021-01-01".into(), "year", DateRelation::On)
        );
        assert_eq!(first("बुधवार को रैली होगी।").0, "2021-01-13");
        assert_eq!(first("शनिवार को रैली हुई।").0, "2021-01-09");
        assert_eq!(first("अगले सोमवार को पहुंचेंगे।").0, "2021-01-18");
    }

    #[test]
    fn english_forms() {
        assert_eq!(
            first("Owaisi will tour the district on January 12.").0,
            "2021-01-12"
        );
        assert_eq!(
            first("Tours begin in the first week of February."),
            ("2021-02-01".into(), "week", DateRelation::On)
        );
        assert_eq!(
            first("Booth committees will be formed by December."),
            ("2021-12-01".into(), "month", DateRelation::By)
        );
        assert_eq!(
            first("The rally was held on 12th March 2020.").0,
            "2020-03-12"
        );
        assert_eq!(first("He visited Gorakhpur yesterday.").0, "2021-01-10");
        assert!(dates("You may march with them.").is_empty());
        assert!(dates("May the best side win.").is_empty());
    }

    #[test]
    fn spans_numeric_dates_and_counts() {
        let span = dates("12 से 14 जनवरी तक यात्रा चलेगी।");
        assert_eq!(
            (span[0].0.as_str(), span[0].1.as_str()),
            ("2021-01-12", "2021-01-14")
        );
        let joined = dates("12 जनवरी से 14 जनवरी तक यात्रा चलेगी।");
        assert_eq!(joined.len(), 1, "{joined:?}");
        assert_eq!(joined[0].1, "2021-01-14");
        assert_eq!(first("11.01.2021 को बैठक हुई।").0, "2021-01-11");
        assert!(dates("2000 कार्यकर्ता पहुंचे और 5 सीटें जीतीं।").is_empty());
        assert!(dates("रेवतीपुर के 2000 बच्चों ने यात्रा निकाली।").is_empty());
        assert_eq!(first("2022 विधानसभा चुनाव की तैयारी।").0, "2022-01-01");
        assert_eq!(first("सन 1984 ई. में पार्टी बनी।").0, "1984-01-01");
        assert_eq!(last_of_month(ymd(2024, 2, 10)), ymd(2024, 2, 29));
    }

    #[test]
    fn a_hindi_month_alone_needs_a_postposition() {
        assert_eq!(first("मार्च में रैली होगी।").0, "2021-03-01");
        assert!(dates("कार्यकर्ताओं ने राजघाट तक मार्च निकाला।").is_empty());
        assert_eq!(
            first("The state goes to polls next February.").0,
            "2021-02-01"
        );
        assert_eq!(first("पिछले मार्च में सम्मेलन हुआ था।").0, "2020-03-01");
    }

    #[test]
    fn a_past_day_without_a_year_is_at_most_half_a_year_old() {
        // Published 11 January: "3 January" is days ago, "12 February" in a
        // past sentence is the coming one rather than eleven months back.
        assert_eq!(first("3 जनवरी को सभा हुई थी।").0, "2021-01-03");
        assert_eq!(first("The polls were held on February 12.").0, "2021-02-12");
        assert_eq!(first("सितम्बर में रैली हुई थी।").0, "2020-09-01");
    }

    #[test]
    fn days_in_words_and_deadlines_ahead() {
        assert_eq!(first("तीन मार्च को मतदान होगा।").0, "2021-03-03");
        assert!(dates("तीन लोग पहुंचे।").is_empty());
        // Published 11 January 2021: a deadline with no year is ahead.
        let by = dates("दिसंबर तक हर बूथ पर कमेटी।");
        assert_eq!(
            (by[0].0.as_str(), by[0].4),
            ("2021-12-01", DateRelation::By)
        );
        assert_eq!(first("Committees in place by December.").0, "2021-12-01");
    }

    #[test]
    fn pahle_after_ko_is_first_not_before() {
        let d = dates("१५ अप्रैल को पहले चरण का मतदान होगा।");
        assert_eq!(d[0].4, DateRelation::On);
        assert_eq!(d[0].3, "१५ अप्रैल");
        assert_eq!(dates("१५ अप्रैल से पहले मतदान होगा।")[0].4, DateRelation::By);
    }

    #[test]
    fn a_year_far_ahead_is_a_name() {
        assert!(dates("विकसित भारत-2047 संकल्प पर संवाद किया गया।").is_empty());
        assert_eq!(first("2027 में चुनाव लड़ेंगे।").0, "2027-01-01");
    }

    #[test]
    fn without_a_publication_day_only_absolute_dates() {
        let found = find_dates("कल 12 जनवरी 2021 को और 12 जनवरी को", None, Tense::Future);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].start, ymd(2021, 1, 12));
    }

    #[test]
    fn tense_from_verbs() {
        assert_eq!(clause_tense("ओवैसी दौरा करेंगे।"), Tense::Future);
        assert_eq!(clause_tense("प्रशिक्षण दिया जा रहा है।"), Tense::Present);
        assert_eq!(clause_tense("बिहार में पांच सीटें जीती थीं।"), Tense::Past);
        assert_eq!(
            clause_tense("उन्होंने बताया कि पार्टी चुनाव लड़ेगी।"),
            Tense::Future
        );
        assert_eq!(
            clause_tense("The party is holding meetings."),
            Tense::Present
        );
        assert_eq!(clause_tense("Owaisi visited Azamgarh."), Tense::Past);
        assert_eq!(clause_tense("लगे हाथ आगे की बात।"), Tense::Unknown);
        assert_eq!(clause_tense("सभा का आयोजन"), Tense::Unknown);
    }
}
