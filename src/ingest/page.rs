//! Articles as users copy them from a news page in a browser: a title, a
//! standfirst, a byline run together with "Published:"/"Updated:" stamps,
//! the title again, a photo caption, a body that opens with a dateline, and
//! the site's furniture scattered through it.

use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone};
use regex::Regex;

use crate::model::NewArticle;
use crate::query::ist;
use crate::text;

/// The furniture rules, kept as data in `db/rules/furniture.txt`.
static FURNITURE: LazyLock<Vec<Rule>> =
    LazyLock::new(|| parse_rules(include_str!("../../db/rules/furniture.txt")));

#[derive(Debug, Clone, PartialEq)]
enum Rule {
    Line(String),
    Prefix(String),
    Suffix(String),
    Contains(String),
}

fn parse_rules(source: &str) -> Vec<Rule> {
    source
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (kind, pattern) = l.split_once(':').expect("furniture rule is kind: text");
            let pattern = text::nfc(pattern.trim()).to_lowercase();
            match kind.trim() {
                "line" => Rule::Line(pattern),
                "prefix" => Rule::Prefix(pattern),
                "suffix" => Rule::Suffix(pattern),
                "contains" => Rule::Contains(pattern),
                other => panic!("unknown furniture rule kind {other:?}"),
            }
        })
        .collect()
}

pub(crate) fn is_furniture(line: &str) -> bool {
    let line = line.to_lowercase();
    FURNITURE.iter().any(|rule| match rule {
        Rule::Line(p) => line == *p,
        Rule::Prefix(p) => line.starts_with(p.as_str()),
        Rule::Suffix(p) => line.ends_with(p.as_str()),
        Rule::Contains(p) => line.contains(p.as_str()),
    })
}

static BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:By|द्वारा|लेखक:)\s+(.+?)\s*(?:Edited By:|Published:|Updated:|$)").unwrap()
});
static EDITED_BY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"Edited By:\s*(.*?)\s*(?:Published:|Updated:|$)").unwrap());
static STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(Published|Publish Date|First published|Updated|Update Date|Last updated)\s*:?\s*(?:[a-z]{3,9},?\s+)?(\d{1,2})\s+([a-z]{3,9})\.?,?\s+(\d{4})[,\s]+(\d{1,2}):(\d{2})\s*([ap]\.?m\.?)?\s*\(?\s*(IST|UTC|GMT)?\s*\)?",
    )
    .unwrap()
});
/// "गोरखपुर, जेएनएन।", "आजमगढ़, संवाद सहयोगी।", "देवरिया।": one to three
/// words of place, then an optional agency, then a danda.
static HINDI_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([^\s,।:]+(?:\s[^\s,।:]+){0,2})(?:\s*,\s*([^,।]{1,30}))?\s*।").unwrap()
});
/// "VARANASI:", "Gorakhpur (Uttar Pradesh):", "LUCKNOW, Jan 12:".
static ENGLISH_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^([A-Z][A-Za-z]+(?:\s[A-Z][A-Za-z]+){0,2})(?:\s*\([^)]{1,30}\))?(?:,\s*[^:]{1,20})?:\s",
    )
    .unwrap()
});

/// Parses one copied page. `None` when no title can be found (the text is
/// empty, or nothing but furniture).
pub fn parse(raw: &str) -> Option<NewArticle> {
    let cleaned = text::clean(raw.trim_start_matches('\u{FEFF}'));
    let lines: Vec<&str> = cleaned
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let content: Vec<(usize, &str)> = lines
        .iter()
        .copied()
        .enumerate()
        .filter(|(_, l)| !is_furniture(l))
        .collect();
    let &(title_at, title) = content.first()?;
    let mut article = NewArticle {
        title: title.to_string(),
        ..NewArticle::default()
    };

    // The byline block: consecutive lines carrying "By", "Edited By" or stamps.
    let is_byline = |l: &str| BY.is_match(l) || EDITED_BY.is_match(l) || STAMP.is_match(l);
    let byline = lines.iter().position(|l| is_byline(l));
    let body_from = match byline {
        Some(start) => {
            let mut end = start;
            while end < lines.len() && is_byline(lines[end]) {
                read_byline(lines[end], &mut article);
                end += 1;
            }
            let standfirst: Vec<&str> = content
                .iter()
                .filter(|(i, _)| *i > title_at && *i < start)
                .map(|(_, l)| *l)
                .collect();
            if !standfirst.is_empty() {
                article.standfirst = Some(standfirst.join(" "));
            }
            end
        }
        None => title_at + 1,
    };

    let mut body: Vec<&str> = content
        .iter()
        .filter(|(i, _)| *i >= body_from)
        .map(|(_, l)| *l)
        .collect();
    // Between the byline and the dateline paragraph a page repeats its
    // title and shows photo captions: drop them when a dateline is found.
    if let Some(at) = body.iter().take(4).position(|l| dateline(l).is_some()) {
        article.dateline = dateline(body[at]);
        if byline.is_some() {
            body.drain(..at);
        }
    }
    body.retain(|l| *l != article.title);
    article.body = body.join("\n\n");
    Some(article)
}

fn read_byline(line: &str, article: &mut NewArticle) {
    if let Some(c) = BY.captures(line) {
        article.author = Some(c[1].trim().to_string());
    }
    if let Some(c) = EDITED_BY.captures(line) {
        let editor = c[1].trim();
        if !editor.is_empty() {
            article.editor = Some(editor.to_string());
        }
    }
    for c in STAMP.captures_iter(line) {
        let Some(time) = stamp(&c) else { continue };
        if c[1].to_lowercase().contains("updat") {
            article.updated = Some(time);
        } else {
            article.published = Some(time);
        }
    }
}

/// A stamp's date and time; without a zone it is taken as IST, which is how
/// Indian news sites print their times.
fn stamp(c: &regex::Captures) -> Option<DateTime<FixedOffset>> {
    let day: u32 = c[2].parse().ok()?;
    let month = month_number(&c[3])?;
    let year: i32 = c[4].parse().ok()?;
    let mut hour: u32 = c[5].parse().ok()?;
    let minute: u32 = c[6].parse().ok()?;
    if let Some(ampm) = c.get(7) {
        let pm = ampm.as_str().to_lowercase().starts_with('p');
        if hour == 0 || hour > 12 {
            return None;
        }
        hour = match (pm, hour) {
            (false, 12) => 0,
            (true, 12) => 12,
            (true, h) => h + 12,
            (false, h) => h,
        };
    }
    let local = NaiveDate::from_ymd_opt(year, month, day)?
        .and_time(NaiveTime::from_hms_opt(hour, minute, 0)?);
    let zone = match c.get(8).map(|m| m.as_str().to_uppercase()).as_deref() {
        Some("UTC" | "GMT") => FixedOffset::east_opt(0)?,
        _ => ist(),
    };
    zone.from_local_datetime(&local).single()
}

pub(crate) fn month_number(name: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let prefix: String = name.to_lowercase().chars().take(3).collect();
    MONTHS
        .iter()
        .position(|m| *m == prefix)
        .map(|i| i as u32 + 1)
}

/// The dateline a paragraph opens with, as written without its final
/// punctuation ("गोरखपुर, जेएनएन", "VARANASI").
pub(crate) fn dateline(paragraph: &str) -> Option<String> {
    if let Some(c) = HINDI_DATELINE.captures(paragraph) {
        // A dateline place is short; a whole short sentence is not one.
        let place = &c[1];
        if place.chars().any(text::is_devanagari) && place.split_whitespace().count() <= 3 {
            return Some(c[0].trim_end_matches('।').trim().to_string());
        }
    }
    let c = ENGLISH_DATELINE.captures(paragraph)?;
    Some(c[0].trim().trim_end_matches(':').trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_parses_and_matches_its_own_text() {
        assert!(FURNITURE.len() > 10);
        assert!(is_furniture("prime article banner"));
        assert!(is_furniture("PRIME ARTICLE BANNER"));
        assert!(is_furniture("कार्यक्रम में मौजूद नेता। फोटो: संवाद"));
        assert!(!is_furniture("पार्टी ने बैठक की। फोटो खिंचवाने वालों की भीड़ रही"));
    }

    #[test]
    fn stamps_in_ist_with_twelve_o_clock_edges() {
        let mut a = NewArticle::default();
        read_byline(
            "By Asha RaiEdited By: Published: Mon, 11 Jan 2021 12:07 AM (IST)Updated: Mon, 11 Jan 2021 12:12 PM (IST)",
            &mut a,
        );
        assert_eq!(a.author.as_deref(), Some("Asha Rai"));
        assert_eq!(a.editor, None);
        assert_eq!(
            a.published.unwrap().to_rfc3339(),
            "2021-01-11T00:07:00+05:30"
        );
        assert_eq!(a.updated.unwrap().to_rfc3339(), "2021-01-11T12:12:00+05:30");
    }

    #[test]
    fn impossible_stamps_are_ignored() {
        let mut a = NewArticle::default();
        read_byline("Published: Sun, 31 Feb 2021 03:07 PM (IST)", &mut a);
        assert_eq!(a.published, None);
        read_byline("Published: 11 Jan 2021 13:07 PM", &mut a);
        assert_eq!(a.published, None);
    }

    #[test]
    fn datelines_hindi_and_english() {
        assert_eq!(
            dateline("गोरखपुर, जेएनएन। बिहार में").as_deref(),
            Some("गोरखपुर, जेएनएन")
        );
        assert_eq!(dateline("देवरिया। पंचायत चुनाव").as_deref(), Some("देवरिया"));
        assert_eq!(
            dateline("संत कबीर नगर, संवाददाता। सपा").as_deref(),
            Some("संत कबीर नगर, संवाददाता")
        );
        assert_eq!(
            dateline("VARANASI: The district").as_deref(),
            Some("VARANASI")
        );
        assert_eq!(dateline("पार्टी ने आज एक लंबी बैठक की और फैसला लिया।"), None);
        assert_eq!(dateline("The party said: yes"), None);
    }

    #[test]
    fn minimal_page_is_title_and_body() {
        let a = parse("शीर्षक यहां\n\nदेवरिया। पहला पैरा।\n\nदूसरा पैरा।").unwrap();
        assert_eq!(a.title, "शीर्षक यहां");
        assert_eq!(a.standfirst, None);
        assert_eq!(a.dateline.as_deref(), Some("देवरिया"));
        assert_eq!(a.body, "देवरिया। पहला पैरा।\n\nदूसरा पैरा।");
        assert_eq!(parse("\n prime article banner \n"), None);
    }
}
