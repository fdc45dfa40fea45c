//! Domain types shared by the store, import and the command line.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[serde(rename = "hi")]
    Hindi,
    #[serde(rename = "en")]
    English,
    #[serde(rename = "other")]
    Other,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::Hindi => "hi",
            Language::English => "en",
            Language::Other => "other",
        }
    }
}

impl FromStr for Language {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "hi" | "hin" | "hindi" | "हिंदी" | "हिन्दी" => {
                Ok(Language::Hindi)
            }
            "en" | "eng" | "english" => Ok(Language::English),
            "other" => Ok(Language::Other),
            other => Err(format!("unknown language {other:?} (use hi or en)")),
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The levels of the place hierarchy, from the country down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceKind {
    Country,
    State,
    Region,
    Division,
    District,
    AssemblyConstituency,
    Town,
}

impl PlaceKind {
    pub const ALL: [PlaceKind; 7] = [
        PlaceKind::Country,
        PlaceKind::State,
        PlaceKind::Region,
        PlaceKind::Division,
        PlaceKind::District,
        PlaceKind::AssemblyConstituency,
        PlaceKind::Town,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Country => "country",
            PlaceKind::State => "state",
            PlaceKind::Region => "region",
            PlaceKind::Division => "division",
            PlaceKind::District => "district",
            PlaceKind::AssemblyConstituency => "assembly_constituency",
            PlaceKind::Town => "town",
        }
    }
}

impl FromStr for PlaceKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PlaceKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| format!("unknown place kind {s:?}"))
    }
}

/// An article as it arrives from any import format, before it is stored.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewArticle {
    /// The record's own id in its source (a JSON Lines or CSV `id`).
    pub external_id: Option<String>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub title: String,
    pub standfirst: Option<String>,
    pub author: Option<String>,
    pub editor: Option<String>,
    /// The dateline as written ("गोरखपुर, जेएनएन").
    pub dateline: Option<String>,
    pub published: Option<DateTime<FixedOffset>>,
    pub updated: Option<DateTime<FixedOffset>>,
    /// `None` means: detect from the script.
    pub language: Option<Language>,
    pub body: String,
}

/// One row of an article listing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleSummary {
    pub id: i64,
    pub published_at: Option<String>,
    pub outlet: Option<String>,
    pub title: String,
    pub language: Language,
    pub url: Option<String>,
    /// Districts the article is tied to (dateline and mentions), English names.
    pub districts: Vec<String>,
    /// The user's tags, as first written.
    pub tags: Vec<String>,
    /// The user's note.
    pub note: Option<String>,
    /// The keyset position of this row (publication or import time, Unix s).
    #[serde(skip)]
    pub sort_time: i64,
}

/// A stored article with everything needed to show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Article {
    pub id: i64,
    pub external_id: Option<String>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub title: String,
    pub standfirst: Option<String>,
    pub author: Option<String>,
    pub editor: Option<String>,
    pub dateline: Option<String>,
    pub dateline_place: Option<String>,
    pub published_at: Option<String>,
    pub updated_at: Option<String>,
    pub language: Language,
    pub body: String,
    pub source_file: Option<String>,
    pub imported_at: String,
    pub sample: bool,
    pub districts: Vec<String>,
    /// The user's tags, as first written.
    pub tags: Vec<String>,
    /// The user's note.
    pub note: Option<String>,
}

/// A gazetteer place with its counts, for the place tree.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlaceNode {
    pub id: i64,
    pub kind: PlaceKind,
    pub name_en: String,
    pub name_hi: Option<String>,
    pub code: Option<String>,
    /// A region the user defined (`chunav regions`), not the gazetteer.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub user: bool,
    pub articles: u64,
    /// Events there, rejected ones left out.
    pub events: u64,
    pub children: Vec<PlaceNode>,
}

impl PlaceNode {
    /// Sets this node's and its descendants' (articles, events) from
    /// counts by place id; a place missing from `counts` has none.
    pub fn fill_counts(&mut self, counts: &HashMap<i64, (u64, u64)>) {
        (self.articles, self.events) = counts.get(&self.id).copied().unwrap_or((0, 0));
        for child in &mut self.children {
            child.fill_counts(counts);
        }
    }
}

/// Store-wide counts for `chunav stats`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub articles: u64,
    pub articles_hindi: u64,
    pub articles_english: u64,
    pub sample_articles: u64,
    pub outlets: u64,
    pub places: u64,
    pub districts: u64,
    pub parties: u64,
    pub people: u64,
    pub earliest: Option<String>,
    pub latest: Option<String>,
    pub store_bytes: u64,
}

/// How exactly an event's date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    Day,
    /// Dated by the week's first day.
    Week,
    Month,
    Quarter,
    Year,
    /// No date in the text: dated by the article's publication.
    Reported,
}

impl DatePrecision {
    pub const ALL: [DatePrecision; 6] = [
        DatePrecision::Day,
        DatePrecision::Week,
        DatePrecision::Month,
        DatePrecision::Quarter,
        DatePrecision::Year,
        DatePrecision::Reported,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DatePrecision::Day => "day",
            DatePrecision::Week => "week",
            DatePrecision::Month => "month",
            DatePrecision::Quarter => "quarter",
            DatePrecision::Year => "year",
            DatePrecision::Reported => "reported",
        }
    }
}

/// Month names as a reader sees them, January first.
pub const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Month names as Hindi papers write them, जनवरी first.
pub const MONTHS_HI: [&str; 12] = [
    "जनवरी",
    "फरवरी",
    "मार्च",
    "अप्रैल",
    "मई",
    "जून",
    "जुलाई",
    "अगस्त",
    "सितंबर",
    "अक्टूबर",
    "नवंबर",
    "दिसंबर",
];

/// An event's date as a reader should see it: only as exact as it is known.
/// "2021-01-12", "week of 2021-02-01", "2021-12", "2022-Q1", "2022",
/// "reported 2021-01-11".
pub fn display_date(start: Option<&str>, precision: DatePrecision) -> String {
    let Some(start) = start else {
        return "undated".into();
    };
    let month: u32 = start.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(1);
    match precision {
        DatePrecision::Day => start.to_string(),
        DatePrecision::Week => format!("week of {start}"),
        DatePrecision::Month => start.get(..7).unwrap_or(start).to_string(),
        DatePrecision::Quarter => format!(
            "{}-Q{}",
            start.get(..4).unwrap_or(start),
            (month - 1) / 3 + 1
        ),
        DatePrecision::Year => start.get(..4).unwrap_or(start).to_string(),
        DatePrecision::Reported => format!("reported {start}"),
    }
}

impl FromStr for DatePrecision {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DatePrecision::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| format!("unknown date precision {s:?}"))
    }
}

/// What kind of campaign happening an event is (see the label guide in the README).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Tour,
    Rally,
    Training,
    MembershipDrive,
    Organisation,
    ContestPlan,
    Candidates,
    Alliance,
    Joining,
    Statement,
    Protest,
    Result,
    Nomination,
    Polling,
}

impl EventKind {
    pub const ALL: [EventKind; 14] = [
        EventKind::Tour,
        EventKind::Rally,
        EventKind::Training,
        EventKind::MembershipDrive,
        EventKind::Organisation,
        EventKind::ContestPlan,
        EventKind::Candidates,
        EventKind::Alliance,
        EventKind::Joining,
        EventKind::Statement,
        EventKind::Protest,
        EventKind::Result,
        EventKind::Nomination,
        EventKind::Polling,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Tour => "tour",
            EventKind::Rally => "rally",
            EventKind::Training => "training",
            EventKind::MembershipDrive => "membership_drive",
            EventKind::Organisation => "organisation",
            EventKind::ContestPlan => "contest_plan",
            EventKind::Candidates => "candidates",
            EventKind::Alliance => "alliance",
            EventKind::Joining => "joining",
            EventKind::Statement => "statement",
            EventKind::Protest => "protest",
            EventKind::Result => "result",
            EventKind::Nomination => "nomination",
            EventKind::Polling => "polling",
        }
    }
}

impl FromStr for EventKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim().to_lowercase().replace('-', "_");
        EventKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                let all: Vec<&str> = EventKind::ALL.iter().map(|k| k.as_str()).collect();
                format!("unknown event kind {s:?} (one of {})", all.join(", "))
            })
    }
}

/// Whether an event is still ahead, under way, over, or called off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EventStatus {
    Planned,
    Ongoing,
    Happened,
    Cancelled,
}

impl EventStatus {
    pub const ALL: [EventStatus; 4] = [
        EventStatus::Planned,
        EventStatus::Ongoing,
        EventStatus::Happened,
        EventStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventStatus::Planned => "planned",
            EventStatus::Ongoing => "ongoing",
            EventStatus::Happened => "happened",
            EventStatus::Cancelled => "cancelled",
        }
    }
}

impl FromStr for EventStatus {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        EventStatus::ALL
            .into_iter()
            .find(|k| k.as_str() == s.trim().to_lowercase())
            .ok_or_else(|| {
                format!("unknown status {s:?} (planned, ongoing, happened or cancelled)")
            })
    }
}

/// One row of an event listing: an event, where it was, who was there,
/// and how many articles report it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventSummary {
    pub id: i64,
    pub kind: EventKind,
    pub party: Option<String>,
    pub date_start: Option<String>,
    pub date_end: Option<String>,
    pub date_precision: DatePrecision,
    pub date_text: Option<String>,
    pub status: EventStatus,
    pub places: Vec<String>,
    pub people: Vec<String>,
    pub confidence: f64,
    pub review_state: String,
    /// The first source's evidence sentence.
    pub evidence: String,
    /// How many articles report the event.
    pub sources: u64,
    /// The user's tags, as first written.
    pub tags: Vec<String>,
    /// The user's note.
    pub note: Option<String>,
}

/// One article reporting an event, with the sentence that is its evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventSource {
    pub article_id: i64,
    pub title: String,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub published_at: Option<String>,
    pub evidence: String,
    /// A demo article written for chunav, not real reporting.
    pub sample: bool,
}

/// Where an event takes place, through the whole place hierarchy: the
/// places it names and every place above them (English names, sorted).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EventPlaces {
    pub states: Vec<String>,
    pub regions: Vec<String>,
    pub divisions: Vec<String>,
    pub districts: Vec<String>,
    pub constituencies: Vec<String>,
    /// The headquarters of the first district (or the first state's centre).
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
}

/// What a user decided about an extracted event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ReviewState {
    Unreviewed,
    Confirmed,
    /// Corrected: the kind or date was changed.
    Edited,
    Rejected,
}

impl ReviewState {
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewState::Unreviewed => "unreviewed",
            ReviewState::Confirmed => "confirmed",
            ReviewState::Edited => "edited",
            ReviewState::Rejected => "rejected",
        }
    }
}

/// What a user's tags and note are on: an article or an event, by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Item {
    Article(i64),
    Event(i64),
}

impl Item {
    pub fn id(self) -> i64 {
        match self {
            Item::Article(id) | Item::Event(id) => id,
        }
    }

    /// "article" or "event".
    pub fn noun(self) -> &'static str {
        match self {
            Item::Article(_) => "article",
            Item::Event(_) => "event",
        }
    }
}

impl fmt::Display for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.noun(), self.id())
    }
}

/// The tag of the follow-up list (`chunav followup`, `f` in the interface).
pub const FOLLOW_UP: &str = "follow-up";

/// The longest tag, in characters.
const TAG_CHARS: usize = 40;

/// A tag as typed, checked and in NFC: one word (no spaces or commas, so
/// that `tag:a,b` and "+a -b" stay unambiguous), not starting with `-` or
/// `+`, without quotes or control characters, at most 40 characters.
pub fn check_tag(tag: &str) -> Result<String, String> {
    let tag = crate::text::nfc(tag.trim());
    if tag.is_empty() {
        return Err("a tag cannot be empty".into());
    }
    if tag.starts_with(['-', '+']) {
        return Err(format!("a tag cannot start with - or +: {tag:?}"));
    }
    if tag.contains(|c: char| c.is_whitespace() || c.is_control() || c == ',' || c == '"') {
        return Err(format!(
            "a tag is one word without commas or quotes: {tag:?}"
        ));
    }
    if tag.chars().count() > TAG_CHARS {
        return Err(format!("a tag has at most {TAG_CHARS} characters: {tag:?}"));
    }
    Ok(tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_single_words() {
        assert_eq!(check_tag(" follow-up ").unwrap(), "follow-up");
        assert_eq!(check_tag("जांच").unwrap(), "जांच");
        for bad in [
            "",
            "two words",
            "a,b",
            "-done",
            "+x",
            "say\"",
            "a\u{7}",
            &"x".repeat(41),
        ] {
            assert!(check_tag(bad).is_err(), "{bad:?}");
        }
    }
}
