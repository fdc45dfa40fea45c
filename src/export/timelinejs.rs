//! The JSON that TimelineJS3 reads: a title slide and one slide per dated
//! event, grouped by party. Dates carry only the fields their precision
//! allows: a month has no day, a year no month. TimelineJS shows slide text
//! as HTML, so all of it is escaped.

use std::io::{self, Write};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::html::{escape, source_link};
use super::{ExportOptions, ExportRecord, Sink};
use crate::model::DatePrecision;

pub(super) struct TimelineJs {
    title: Text,
    first: bool,
}

impl TimelineJs {
    pub(super) fn new(options: &ExportOptions) -> Self {
        TimelineJs {
            title: Text {
                headline: escape(&options.title),
                text: format!("Filters: {}", escape(&options.filters_line())),
            },
            first: true,
        }
    }
}

#[derive(Serialize)]
struct Text {
    headline: String,
    text: String,
}

#[derive(Serialize)]
struct Title<'a> {
    text: &'a Text,
}

#[derive(Serialize)]
struct Date {
    year: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<u32>,
}

#[derive(Serialize)]
struct Media<'a> {
    url: &'a str,
}

#[derive(Serialize)]
struct Slide<'a> {
    start_date: Date,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<Date>,
    display_date: &'a str,
    text: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    media: Option<Media<'a>>,
    unique_id: String,
}

impl Sink for TimelineJs {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b"{\"title\":")?;
        serde_json::to_writer(&mut *out, &Title { text: &self.title })?;
        out.write_all(b",\"events\":[")
    }

    fn record(&mut self, out: &mut dyn Write, r: &ExportRecord) -> io::Result<()> {
        let Some((start_date, end_date)) = dates(r) else {
            // TimelineJS needs a start date; an undated event has none.
            return Ok(());
        };
        let slide = Slide {
            start_date,
            end_date,
            display_date: &r.date_display,
            text: Text {
                headline: escape(&r.headline()),
                text: text(r),
            },
            group: r.party.as_deref(),
            media: r.first_url().map(|url| Media { url }),
            unique_id: format!("event-{}", r.id),
        };
        out.write_all(if self.first { b"\n" } else { b",\n" })?;
        self.first = false;
        serde_json::to_writer(&mut *out, &slide)?;
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b"\n]}\n")
    }
}

/// The start and end dates, each only as exact as the precision allows.
fn dates(r: &ExportRecord) -> Option<(Date, Option<Date>)> {
    let parse = |s: Option<&str>| s.and_then(|s| s.parse::<NaiveDate>().ok());
    let start = parse(r.date_start.as_deref())?;
    let end = parse(r.date_end.as_deref()).filter(|e| *e > start);
    let day = |d: NaiveDate| Date {
        year: d.year(),
        month: Some(d.month()),
        day: Some(d.day()),
    };
    let month = |d: NaiveDate| Date {
        year: d.year(),
        month: Some(d.month()),
        day: None,
    };
    Some(match r.date_precision {
        DatePrecision::Day | DatePrecision::Reported => (day(start), None),
        DatePrecision::Week => (day(start), end.map(day)),
        DatePrecision::Month => (month(start), None),
        DatePrecision::Quarter => (month(start), end.map(month)),
        DatePrecision::Year => (
            Date {
                year: start.year(),
                month: None,
                day: None,
            },
            None,
        ),
    })
}

/// The slide text, as HTML: what happened, the evidence, the sources and
/// the user's tags and note.
fn text(r: &ExportRecord) -> String {
    let mut t = String::new();
    let places = r.place_names();
    if !places.is_empty() {
        t.push_str(&format!("<p>{}</p>", escape(&places.join(", "))));
    }
    t.push_str(&format!("<blockquote>{}</blockquote>", escape(&r.evidence)));
    if !r.sources.is_empty() {
        let links: Vec<String> = r
            .sources
            .iter()
            .map(|s| source_link(&s.title, s.url.as_deref()))
            .collect();
        t.push_str(&format!("<p>Sources: {}</p>", links.join(", ")));
    }
    if r.sample {
        t.push_str("<p>Sample data written for chunav's demo, not real reporting.</p>");
    }
    if !r.tags.is_empty() {
        t.push_str(&format!("<p>Tags: {}</p>", escape(&r.tags.join(", "))));
    }
    if let Some(note) = &r.note {
        t.push_str(&format!("<p>Note: {}</p>", escape(note)));
    }
    t
}
