//! Timeline export: the events a filter selects, written as CSV, JSON,
//! JSON Lines, Markdown, iCalendar, TimelineJS or a self-contained HTML page.
//!
//! Every format is written from the same rows, [`ExportRecord`], which
//! [`records`] reads from the store a page at a time, so an export streams
//! into its writer and never holds the whole result. The same store and
//! filters give byte-identical output: rows come in (date, id) order and
//! nothing depends on the clock.

mod csv;
mod html;
mod ical;
mod json;
mod markdown;
mod timelinejs;

use std::borrow::Borrow;
use std::collections::VecDeque;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::model::{
    DatePrecision, EventKind, EventPlaces, EventSource, EventStatus, EventSummary, display_date,
};
use crate::query::{EventFilter, EventPage};
use crate::store::{PartyInfo, Store};
use crate::text::{nfc, strip_controls, truncate_to_width};
use crate::{Error, Result};

pub use self::csv::{EVENT_COLUMNS, spreadsheet_safe};
pub use self::html::escape as escape_html;

/// How wide (in terminal columns) an event's summary is at most: a line
/// of a calendar or a table.
const SUMMARY_WIDTH: usize = 160;

/// The output formats of `chunav export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum ExportFormat {
    /// One row per event (RFC 4180).
    Csv,
    /// One JSON array of events.
    Json,
    /// One JSON object per line.
    Jsonl,
    /// Grouped by month, one line per event.
    #[value(alias = "md")]
    Markdown,
    /// An iCalendar file (RFC 5545), one all-day event per event.
    #[value(alias = "ical", alias = "icalendar")]
    Ics,
    /// The JSON that TimelineJS reads.
    #[value(alias = "timeline")]
    Timelinejs,
    /// One self-contained page with a vertical timeline.
    Html,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 7] = [
        ExportFormat::Html,
        ExportFormat::Csv,
        ExportFormat::Markdown,
        ExportFormat::Ics,
        ExportFormat::Json,
        ExportFormat::Jsonl,
        ExportFormat::Timelinejs,
    ];

    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
            ExportFormat::Jsonl => "jsonl",
            ExportFormat::Markdown => "markdown",
            ExportFormat::Ics => "ics",
            ExportFormat::Timelinejs => "timelinejs",
            ExportFormat::Html => "html",
        }
    }
}

/// One exported event with everything every format needs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportRecord {
    pub id: i64,
    pub kind: EventKind,
    pub status: EventStatus,
    /// ISO date, the first day the precision allows.
    pub date_start: Option<String>,
    /// ISO date, the last day the precision allows.
    pub date_end: Option<String>,
    pub date_precision: DatePrecision,
    /// The date only as exact as it is known ("2021-02", "week of 2021-02-01").
    pub date_display: String,
    /// The date as the article wrote it.
    pub date_text: Option<String>,
    /// Party code ("AIMIM").
    pub party: Option<String>,
    pub party_name: Option<String>,
    /// `#RRGGBB`, from the gazetteer.
    pub party_colour: Option<String>,
    pub people: Vec<String>,
    #[serde(flatten)]
    pub places: EventPlaces,
    /// The evidence cut to a headline's width.
    pub summary: String,
    /// The first source's evidence sentence.
    pub evidence: String,
    pub sources: Vec<EventSource>,
    /// unreviewed, confirmed or edited.
    pub review_state: String,
    /// The user's tags, as first written.
    pub tags: Vec<String>,
    /// The user's note.
    pub note: Option<String>,
    pub confidence: f64,
    /// Reported only by demo articles written for chunav.
    pub sample: bool,
}

/// Text as every format carries it: composed (NFC), with nothing that
/// could drive a terminal or reorder text, whether the export is read in
/// one or printed to it.
fn exported(s: &str) -> String {
    strip_controls(&nfc(s))
}

impl ExportRecord {
    /// The record for one listed event, with its sources and places.
    pub fn from_store(store: &Store, event: EventSummary, parties: &[PartyInfo]) -> Result<Self> {
        let party = event
            .party
            .as_deref()
            .and_then(|code| parties.iter().find(|p| p.code == code));
        let mut sources = store.event_sources(event.id)?;
        for s in &mut sources {
            s.title = exported(&s.title);
            s.evidence = exported(&s.evidence);
            s.outlet = s.outlet.as_deref().map(exported);
            s.url = s.url.as_deref().map(exported);
        }
        Ok(ExportRecord {
            id: event.id,
            kind: event.kind,
            status: event.status,
            date_display: display_date(event.date_start.as_deref(), event.date_precision),
            date_start: event.date_start,
            date_end: event.date_end,
            date_precision: event.date_precision,
            date_text: event.date_text.as_deref().map(exported),
            party_name: party.map(|p| p.name_en.clone()),
            party_colour: party.and_then(|p| p.colour.clone()),
            party: event.party,
            people: event.people,
            places: store.event_places(event.id)?,
            summary: exported(&truncate_to_width(&event.evidence, SUMMARY_WIDTH)),
            evidence: exported(&event.evidence),
            sample: !sources.is_empty() && sources.iter().all(|s| s.sample),
            sources,
            review_state: event.review_state,
            tags: event.tags.iter().map(|t| exported(t)).collect(),
            note: event.note.as_deref().map(exported),
            confidence: event.confidence,
        })
    }

    /// The first source's URL, when it is a web address.
    pub fn first_url(&self) -> Option<&str> {
        self.sources
            .iter()
            .filter_map(|s| s.url.as_deref())
            .find(|u| is_web_url(u))
    }

    /// "rally", "AIMIM rally", "AIMIM rally (planned)".
    pub fn headline(&self) -> String {
        let mut h = self.kind.as_str().replace('_', " ");
        if let Some(party) = &self.party {
            h = format!("{party} {h}");
        }
        if self.status != EventStatus::Happened {
            h = format!("{h} ({})", self.status.as_str());
        }
        h
    }

    /// The most specific places: districts, else divisions, regions, states.
    pub fn place_names(&self) -> &[String] {
        let p = &self.places;
        [&p.districts, &p.divisions, &p.regions, &p.states]
            .into_iter()
            .find(|l| !l.is_empty())
            .map(Vec::as_slice)
            .unwrap_or_default()
    }
}

/// Whether a URL may become a link: http and https only, never `javascript:`.
pub fn is_web_url(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// What an export says about itself, besides its rows.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportOptions {
    /// The timeline's title (HTML, Markdown, TimelineJS, the calendar's name).
    pub title: String,
    /// The filters used, as (flag, value), shown in the document formats.
    pub filters: Vec<(String, String)>,
    /// CSV: start with a UTF-8 byte order mark, so Excel reads UTF-8.
    pub excel: bool,
    /// iCalendar: the DTSTAMP of every event. Without it each event's stamp
    /// is its latest source's publication time, so output never depends on
    /// the clock.
    pub stamp: Option<DateTime<Utc>>,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            title: "chunav campaign timeline".into(),
            filters: Vec::new(),
            excel: false,
            stamp: None,
        }
    }
}

impl ExportOptions {
    /// "district: Gorakhpur; party: AIMIM", or "none".
    pub fn filters_line(&self) -> String {
        if self.filters.is_empty() {
            return "none".into();
        }
        let parts: Vec<String> = self
            .filters
            .iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect();
        parts.join("; ")
    }
}

/// One format's writer, fed one record at a time.
trait Sink {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()>;
    fn record(&mut self, out: &mut dyn Write, record: &ExportRecord) -> io::Result<()>;
    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()>;
}

/// Writes `records` in `format` to `out`, one at a time. The first error
/// from `records` stops the export and is returned. Write errors come back
/// as [`Error::Io`] with the path `<output>`.
pub fn write<I, R>(
    format: ExportFormat,
    records: I,
    options: &ExportOptions,
    out: impl Write,
) -> Result<()>
where
    I: IntoIterator<Item = Result<R>>,
    R: Borrow<ExportRecord>,
{
    let mut sink: Box<dyn Sink + '_> = match format {
        ExportFormat::Csv => Box::new(csv::Csv::new(options)),
        ExportFormat::Json => Box::new(json::Json::array()),
        ExportFormat::Jsonl => Box::new(json::Json::lines()),
        ExportFormat::Markdown => Box::new(markdown::Markdown::new(options)),
        ExportFormat::Ics => Box::new(ical::Ical::new(options)),
        ExportFormat::Timelinejs => Box::new(timelinejs::TimelineJs::new(options)),
        ExportFormat::Html => Box::new(html::Html::new(options)),
    };
    let mut out = BufWriter::with_capacity(1 << 16, out);
    sink.begin(&mut out).map_err(output_error)?;
    for record in records {
        sink.record(&mut out, record?.borrow())
            .map_err(output_error)?;
    }
    sink.finish(&mut out).map_err(output_error)?;
    out.flush().map_err(output_error)
}

const OUTPUT: &str = "<output>";

fn output_error(source: io::Error) -> Error {
    Error::Io {
        path: OUTPUT.into(),
        source,
    }
}

/// The events `filter` selects, as export records, read from the store in
/// keyset pages of [`PAGE_SIZE`].
pub fn records<'a>(store: &'a Store, filter: &EventFilter) -> Result<Records<'a>> {
    records_paged(store, filter, PAGE_SIZE)
}

/// As [`records`], reading `page_size` events per store query.
pub fn records_paged<'a>(
    store: &'a Store,
    filter: &EventFilter,
    page_size: usize,
) -> Result<Records<'a>> {
    Ok(Records {
        store,
        filter: filter.clone(),
        page: EventPage {
            after: None,
            limit: page_size.max(1),
        },
        parties: store.parties()?,
        buffer: VecDeque::new(),
        done: false,
    })
}

/// Events read per store query.
pub const PAGE_SIZE: usize = 500;

/// An iterator over export records, one store page at a time.
pub struct Records<'a> {
    store: &'a Store,
    filter: EventFilter,
    page: EventPage,
    parties: Vec<PartyInfo>,
    buffer: VecDeque<EventSummary>,
    done: bool,
}

impl Iterator for Records<'_> {
    type Item = Result<ExportRecord>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.buffer.is_empty() && !self.done {
            match self.store.events(&self.filter, &self.page) {
                Ok(rows) => {
                    self.done = rows.len() < self.page.limit;
                    if let Some(last) = rows.last() {
                        self.page.after =
                            Some((last.date_start.clone().unwrap_or_default(), last.id));
                    }
                    self.buffer.extend(rows);
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            }
        }
        let event = self.buffer.pop_front()?;
        Some(ExportRecord::from_store(self.store, event, &self.parties))
    }
}

/// Where an export goes: standard output, or a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    Stdout,
    /// A file, replaced only with `force`.
    File {
        path: PathBuf,
        force: bool,
    },
}

impl Destination {
    /// `None` and `-` mean standard output.
    pub fn new(path: Option<PathBuf>, force: bool) -> Self {
        match path {
            Some(path) if path.as_os_str() != "-" => Destination::File { path, force },
            _ => Destination::Stdout,
        }
    }
}

/// Runs `export` into `destination`. A file is written to a temporary file
/// beside it and renamed into place only when the export succeeded, so a
/// failed export leaves nothing behind and an existing file untouched.
pub fn write_to(
    destination: &Destination,
    export: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let (path, force) = match destination {
        Destination::Stdout => {
            let mut out = io::stdout().lock();
            return export(&mut out).map_err(|e| at_path(e, Path::new("<stdout>")));
        }
        Destination::File { path, force } => (path.as_path(), *force),
    };
    let exists = || {
        Error::Invalid(format!(
            "{}: already exists; add --force to replace it",
            path.display()
        ))
    };
    if !force && path.exists() {
        return Err(exists());
    }
    let io_error = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".chunav-export-");
    #[cfg(unix)]
    {
        // A temporary file is private; the export gets the replaced file's
        // permissions, or the usual ones for a new file.
        use std::os::unix::fs::PermissionsExt;
        let permissions = std::fs::metadata(path)
            .map(|m| m.permissions())
            .unwrap_or_else(|_| std::fs::Permissions::from_mode(0o644));
        builder.permissions(permissions);
    }
    let mut temp = builder
        .tempfile_in(dir)
        .map_err(|e| io_error(without_temp_path(e)))?;
    export(temp.as_file_mut()).map_err(|e| at_path(e, path))?;
    temp.as_file().sync_all().map_err(io_error)?;
    let persisted = if force {
        temp.persist(path)
    } else {
        temp.persist_noclobber(path)
    };
    persisted.map_err(|e| {
        if e.error.kind() == io::ErrorKind::AlreadyExists {
            exists()
        } else {
            io_error(e.error)
        }
    })?;
    Ok(())
}

/// tempfile names its temporary file in its errors; the user only knows
/// the destination, which the error names instead.
fn without_temp_path(e: io::Error) -> io::Error {
    match e.to_string().split_once(" at path ") {
        Some((reason, _)) => io::Error::new(e.kind(), reason.to_string()),
        None => e,
    }
}

/// A write error from [`write`] with the real destination's name.
fn at_path(e: Error, path: &Path) -> Error {
    match e {
        Error::Io { path: p, source } if p == Path::new(OUTPUT) => Error::Io {
            path: path.to_path_buf(),
            source,
        },
        other => other,
    }
}

/// `s` with each ASCII character that `replace` maps replaced, and every
/// other control character (C0, DEL and C1) left out. Works on bytes and
/// copies unchanged runs whole, so long Devanagari text costs little.
fn escape_ascii(s: &str, replace: impl Fn(u8) -> Option<&'static str>) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 16);
    escape_ascii_into(&mut out, s, replace);
    out
}

/// As [`escape_ascii`], appending to `out`.
fn escape_ascii_into(out: &mut String, s: &str, replace: impl Fn(u8) -> Option<&'static str>) {
    let bytes = s.as_bytes();
    let (mut from, mut i) = (0, 0);
    while i < bytes.len() {
        let b = bytes[i];
        let (width, with) = if b < 0x80 {
            match replace(b) {
                Some(with) => (1, with),
                None if b < 0x20 || b == 0x7F => (1, ""),
                None => {
                    i += 1;
                    continue;
                }
            }
        } else if b == 0xC2 && bytes.get(i + 1).is_some_and(|n| (0x80..0xA0).contains(n)) {
            (2, "")
        } else {
            i += 1;
            continue;
        };
        out.push_str(&s[from..i]);
        out.push_str(with);
        i += width;
        from = i;
    }
    out.push_str(&s[from..]);
}

/// Whether a gazetteer colour is a plain `#RGB` or `#RRGGBB`, safe to put in CSS.
fn is_colour(c: &str) -> bool {
    let hex = c.strip_prefix('#').unwrap_or("");
    matches!(hex.len(), 3 | 6) && hex.chars().all(|c| c.is_ascii_hexdigit())
}

/// The heading a record is grouped under: its month ("2021-01"), or for
/// a date known only to the quarter or year, that period ("2022-Q1",
/// "2022"); "" when undated.
fn month_key(r: &ExportRecord) -> String {
    let Some(start) = r.date_start.as_deref() else {
        return String::new();
    };
    match r.date_precision {
        DatePrecision::Quarter | DatePrecision::Year => r.date_display.clone(),
        _ => start.get(..7).unwrap_or(start).to_string(),
    }
}

/// "January 2021" for "2021-01"; "2022-Q1" and "2022" stay as they are;
/// "Undated" for "".
fn month_title(key: &str) -> String {
    if key.is_empty() {
        return "Undated".into();
    }
    let month = key
        .get(5..7)
        .filter(|_| key.len() == 7)
        .and_then(|m| m.parse::<usize>().ok())
        .filter(|m| (1..=12).contains(m));
    match month {
        Some(m) => format!("{} {}", crate::model::MONTHS_EN[m - 1], &key[..4]),
        None => key.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_copies_devanagari_and_drops_controls() {
        let upper = |b: u8| (b == b'&').then_some("and");
        assert_eq!(
            escape_ascii("सपा & बसपा\u{1B}[31m\u{85}\u{7F}é", upper),
            "सपा and बसपा[31mé"
        );
        assert_eq!(escape_ascii("", upper), "");
    }

    #[test]
    fn months_and_periods_have_titles() {
        assert_eq!(month_title("2021-01"), "January 2021");
        assert_eq!(month_title("2022-Q1"), "2022-Q1");
        assert_eq!(month_title("2022"), "2022");
        assert_eq!(month_title(""), "Undated");
    }
}
