//! iCalendar (RFC 5545): one all-day VEVENT per dated event. A date known
//! only to the week, month, quarter or year spans that whole period and is
//! marked approximate; an undated sentence's event sits on its article's
//! publication day, marked as reported. Lines end in CRLF and are folded at
//! 75 octets without splitting a UTF-8 character.

use std::io::{self, Write};

use chrono::{DateTime, NaiveDate, Utc};
use sha2::{Digest, Sha256};

use super::{ExportOptions, ExportRecord, Sink};
use crate::model::{DatePrecision, EventStatus};

/// The longest content line, in octets, before it is folded.
const LINE_OCTETS: usize = 75;

pub(super) struct Ical {
    title: String,
    description: String,
    stamp: Option<DateTime<Utc>>,
}

impl Ical {
    pub(super) fn new(options: &ExportOptions) -> Self {
        Ical {
            title: options.title.clone(),
            description: format!("Filters: {}", options.filters_line()),
            stamp: options.stamp,
        }
    }
}

impl Sink for Ical {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        line(out, "BEGIN:VCALENDAR")?;
        line(out, "VERSION:2.0")?;
        line(out, "PRODID:-//chunav//campaign timeline//EN")?;
        line(out, "CALSCALE:GREGORIAN")?;
        line(out, &format!("X-WR-CALNAME:{}", text(&self.title)))?;
        line(out, &format!("X-WR-CALDESC:{}", text(&self.description)))
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
        line(out, "BEGIN:VEVENT")?;
        line(out, &format!("UID:{}", uid(r)))?;
        line(out, &format!("DTSTAMP:{}", stamp.format("%Y%m%dT%H%M%SZ")))?;
        line(
            out,
            &format!("DTSTART;VALUE=DATE:{}", start.format("%Y%m%d")),
        )?;
        let end = last.succ_opt().unwrap_or(last);
        line(out, &format!("DTEND;VALUE=DATE:{}", end.format("%Y%m%d")))?;
        let summary = format!("{}{marker}: {}", r.headline(), r.summary);
        line(out, &format!("SUMMARY:{}", text(&summary)))?;
        line(out, &format!("DESCRIPTION:{}", text(&description(r))))?;
        let places = r.place_names();
        if !places.is_empty() {
            line(out, &format!("LOCATION:{}", text(&places.join(", "))))?;
        }
        if let (Some(lat), Some(lon)) = (r.places.latitude, r.places.longitude) {
            line(out, &format!("GEO:{lat};{lon}"))?;
        }
        let mut categories = vec![text(r.kind.as_str())];
        categories.extend(r.party.as_deref().map(text));
        line(out, &format!("CATEGORIES:{}", categories.join(",")))?;
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
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
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
    let hash = crate::gazetteer::hex(&h.finalize());
    format!("event-{}-{}@chunav", r.id, &hash[..12])
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

fn description(r: &ExportRecord) -> String {
    let mut d = format!("Date: {}", r.date_display);
    if let Some(written) = &r.date_text {
        d.push_str(&format!(" (\"{written}\")"));
    }
    d.push_str(&format!(
        "\nStatus: {}\n\n{}",
        r.status.as_str(),
        r.evidence
    ));
    if !r.sources.is_empty() {
        d.push_str("\n\nSources:");
        for s in &r.sources {
            d.push_str(&format!("\n- {}", s.title));
            if let Some(outlet) = &s.outlet {
                d.push_str(&format!(", {outlet}"));
            }
            if let Some(published) = &s.published_at {
                d.push_str(&format!(", {published}"));
            }
            if let Some(url) = &s.url {
                d.push_str(&format!(" <{url}>"));
            }
        }
    }
    if r.sample {
        d.push_str("\n\nSample data written for chunav's demo, not real reporting.");
    }
    d
}

/// A TEXT value: backslash, semicolon and comma escaped, line breaks as `\n`.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes one content line, folded so that no line is longer than 75
/// octets (continuation lines start with a space), ending in CRLF.
fn line(out: &mut dyn Write, content: &str) -> io::Result<()> {
    let mut used = 0;
    let mut from = 0;
    for (i, c) in content.char_indices() {
        if used + c.len_utf8() > LINE_OCTETS {
            out.write_all(&content.as_bytes()[from..i])?;
            out.write_all(b"\r\n ")?;
            from = i;
            used = 1;
        }
        used += c.len_utf8();
    }
    out.write_all(&content.as_bytes()[from..])?;
    out.write_all(b"\r\n")
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
        assert_eq!(text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
