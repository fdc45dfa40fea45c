//! iCalendar (RFC 5545): one all-day VEVENT per dated event. A date known
//! only to the week, month, quarter or year spans that whole period and is
//! marked approximate; an undated sentence's event sits on its article's
//! publication day, marked as reported. Lines end in CRLF and are folded at
//! 75 octets without splitting a UTF-8 character.

use std::io::{self, Write};

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use sha2::{Digest, Sha256};

use super::{ExportOptions, ExportRecord, Sink};
use crate::model::{DatePrecision, EventStatus};

/// The longest content line, in octets, before it is folded.
const LINE_OCTETS: usize = 75;

pub(super) struct Ical {
    title: String,
    description: String,
    stamp: Option<DateTime<Utc>>,
    /// The content line being written, reused for every line.
    line: String,
    /// An event's description, reused for every event.
    text: String,
}

impl Ical {
    pub(super) fn new(options: &ExportOptions) -> Self {
        Ical {
            title: options.title.clone(),
            description: format!("Filters: {}", options.filters_line()),
            stamp: options.stamp,
            line: String::with_capacity(1024),
            text: String::with_capacity(1024),
        }
    }
}

/// Writes the property `name` with a TEXT `value`.
fn text_line(out: &mut dyn Write, buf: &mut String, name: &str, value: &str) -> io::Result<()> {
    buf.clear();
    buf.push_str(name);
    buf.push(':');
    escape_text(buf, value);
    line(out, buf)
}

impl Sink for Ical {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        line(out, "BEGIN:VCALENDAR")?;
        line(out, "VERSION:2.0")?;
        line(out, "PRODID:-//chunav//campaign timeline//EN")?;
        line(out, "CALSCALE:GREGORIAN")?;
        text_line(out, &mut self.line, "X-WR-CALNAME", &self.title)?;
        text_line(out, &mut self.line, "X-WR-CALDESC", &self.description)
    }

    fn record(&mut self, out: &mut dyn Write, r: &ExportRecord) -> io::Result<()> {
        let Some(start) = r.date_start.as_deref().and_then(parse_date) else {
            // A calendar event needs a day; an undated event has none.
            return Ok(());
        };
        let last = match r.date_precision {
            DatePrecision::Day | DatePrecision::Reported => start,
            _ => r
                .date_end
                .as_deref()
                .and_then(parse_date)
                .filter(|end| *end >= start)
                .unwrap_or(start),
        };
        let marker = match r.date_precision {
            DatePrecision::Day => "",
            DatePrecision::Reported => " (reported)",
            _ => " (approx.)",
        };
        let stamp = self.stamp.or_else(|| latest_source(r)).unwrap_or_else(|| {
            start
                .and_hms_opt(0, 0, 0)
                .expect("midnight exists")
                .and_utc()
        });
        let end = last.succ_opt().unwrap_or(last);
        let buf = &mut self.line;
        line(out, "BEGIN:VEVENT")?;
        line(out, &format!("UID:{}", uid(r)))?;
        line(out, &format!("DTSTAMP:{}", basic_utc(stamp)))?;
        line(out, &format!("DTSTART;VALUE=DATE:{}", basic_date(start)))?;
        line(out, &format!("DTEND;VALUE=DATE:{}", basic_date(end)))?;
        let summary = format!("{}{marker}: {}", r.headline(), r.summary);
        text_line(out, buf, "SUMMARY", &summary)?;
        describe(&mut self.text, r);
        text_line(out, buf, "DESCRIPTION", &self.text)?;
        let places = r.place_names();
        if !places.is_empty() {
            text_line(out, buf, "LOCATION", &places.join(", "))?;
        }
        if let (Some(lat), Some(lon)) = (r.places.latitude, r.places.longitude) {
            line(out, &format!("GEO:{lat};{lon}"))?;
        }
        // A list: its commas separate values and are not escaped.
        buf.clear();
        buf.push_str("CATEGORIES:");
        escape_text(buf, r.kind.as_str());
        for value in r.party.iter().chain(&r.tags) {
            buf.push(',');
            escape_text(buf, value);
        }
        line(out, buf)?;
        let status = match r.status {
            EventStatus::Planned => "TENTATIVE",
            EventStatus::Cancelled => "CANCELLED",
            EventStatus::Ongoing | EventStatus::Happened => "CONFIRMED",
        };
        line(out, &format!("STATUS:{status}"))?;
        line(out, "TRANSP:TRANSPARENT")?;
        if let Some(url) = r.first_url().filter(|u| !u.contains(char::is_whitespace)) {
            line(out, &format!("URL:{url}"))?;
        }
        line(
            out,
            &format!("X-CHUNAV-PRECISION:{}", r.date_precision.as_str()),
        )?;
        line(out, "END:VEVENT")
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        line(out, "END:VCALENDAR")
    }
}

fn parse_date(s: &str) -> Option<NaiveDate> {
    s.parse().ok()
}

/// A UID that stays the same across exports of the same event: its id and
/// a hash of its kind and date, so a corrected event gets a new one.
fn uid(r: &ExportRecord) -> String {
    let mut h = Sha256::new();
    h.update(r.kind.as_str());
    h.update([0]);
    h.update(r.date_start.as_deref().unwrap_or(""));
    h.update([0]);
    h.update(r.date_precision.as_str());
    let hash = crate::gazetteer::hex(&h.finalize()[..6]);
    format!("event-{}-{hash}@chunav", r.id)
}

/// The latest publication time among an event's sources: when what the
/// calendar says about it was last revised.
fn latest_source(r: &ExportRecord) -> Option<DateTime<Utc>> {
    r.sources
        .iter()
        .filter_map(|s| s.published_at.as_deref())
        .filter_map(|p| DateTime::parse_from_rfc3339(p).ok())
        .map(|p| p.with_timezone(&Utc))
        .max()
}

/// Writes an event's description into `d`: its date, status, the user's
/// note, evidence and sources.
fn describe(d: &mut String, r: &ExportRecord) {
    use std::fmt::Write as _;
    d.clear();
    // Writing to a String cannot fail.
    let _ = write!(d, "Date: {}", r.date_display);
    if let Some(written) = &r.date_text {
        let _ = write!(d, " (\"{written}\")");
    }
    let _ = write!(d, "\nStatus: {}", r.status.as_str());
    if let Some(note) = &r.note {
        let _ = write!(d, "\nNote: {note}");
    }
    let _ = write!(d, "\n\n{}", r.evidence);
    if !r.sources.is_empty() {
        d.push_str("\n\nSources:");
        for s in &r.sources {
            let _ = write!(d, "\n- {}", s.title);
            for detail in [&s.outlet, &s.published_at].into_iter().flatten() {
                let _ = write!(d, ", {detail}");
            }
            if let Some(url) = &s.url {
                let _ = write!(d, " <{url}>");
            }
        }
    }
    if r.sample {
        d.push_str("\n\nSample data written for chunav's demo, not real reporting.");
    }
}

/// Appends a TEXT value: backslash, semicolon and comma escaped, line
/// breaks as `\n`.
fn escape_text(out: &mut String, s: &str) {
    super::escape_ascii_into(out, s, |b| match b {
        b'\\' => Some("\\\\"),
        b';' => Some("\\;"),
        b',' => Some("\\,"),
        b'\n' => Some("\\n"),
        _ => None,
    })
}

/// Writes one content line, folded so that no line is longer than 75
/// octets (continuation lines start with a space), ending in CRLF.
fn line(out: &mut dyn Write, content: &str) -> io::Result<()> {
    let bytes = content.as_bytes();
    let mut from = 0;
    // The first line holds 75 octets; a continuation line 74 after its space.
    let mut room = LINE_OCTETS;
    while bytes.len() - from > room {
        let mut to = from + room;
        while !content.is_char_boundary(to) {
            to -= 1;
        }
        out.write_all(&bytes[from..to])?;
        out.write_all(b"\r\n ")?;
        from = to;
        room = LINE_OCTETS - 1;
    }
    out.write_all(&bytes[from..])?;
    out.write_all(b"\r\n")
}

/// `20210112`, without chrono's format parser in the loop.
fn basic_date(d: NaiveDate) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

/// `20210110T040000Z`.
fn basic_utc(t: DateTime<Utc>) -> String {
    format!(
        "{}T{:02}{:02}{:02}Z",
        basic_date(t.date_naive()),
        t.hour(),
        t.minute(),
        t.second()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_on_character_boundaries() {
        let content = format!("SUMMARY:{}", "गोरखपुर में रैली ".repeat(8));
        let mut out = Vec::new();
        line(&mut out, &content).unwrap();
        let folded = String::from_utf8(out).expect("still UTF-8");
        for l in folded.split("\r\n") {
            assert!(l.len() <= LINE_OCTETS, "{} octets: {l}", l.len());
        }
        assert_eq!(folded.replace("\r\n ", ""), format!("{content}\r\n"));
    }

    #[test]
    fn text_values_are_escaped() {
        let mut out = String::new();
        escape_text(&mut out, "a,b;c\\d\ne");
        assert_eq!(out, "a\\,b\\;c\\\\d\\ne");
    }
}
