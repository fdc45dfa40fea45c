//! Articles as records with named fields: JSON Lines and CSV.
//!
//! Field names: `id`, `title`, `url`, `outlet`, `published`, `updated`,
//! `author`, `editor`, `language`, `standfirst`, `dateline` and `body`
//! (`text` is read as `body`). Unknown fields are ignored.

use std::cell::Cell;
use std::io::{BufRead, BufReader, Read};
use std::rc::Rc;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};

use super::MAX_RECORD_BYTES;
use crate::model::NewArticle;
use crate::query::ist;
use crate::text;
use crate::{Error, Result as StoreResult};

/// Receives each record read, or why it is not an article, with its line.
/// An error from it (the store failing) stops the reading.
pub type Sink<'a> = dyn FnMut(Result<NewArticle, String>, u64) -> StoreResult<()> + 'a;

/// Builds an article from a record's fields. `get` returns a field's text,
/// `None` when absent or empty.
pub fn article_from_fields(get: impl Fn(&str) -> Option<String>) -> Result<NewArticle, String> {
    let clean = |name: &str| get(name).map(|v| text::clean(&v)).filter(|v| !v.is_empty());
    let title = clean("title").or_else(|| clean("headline"));
    let body = clean("body").or_else(|| clean("text"));
    let title = match (title, &body) {
        (Some(t), _) => t,
        (None, None) => return Err("record has neither a title nor a body".into()),
        (None, Some(_)) => return Err("record has no title".into()),
    };
    let date = |name: &str| -> Result<Option<DateTime<FixedOffset>>, String> {
        clean(name)
            .map(|v| parse_timestamp(&v).ok_or_else(|| format!("{name}: cannot read date {v:?}")))
            .transpose()
    };
    let language = clean("language")
        .map(|l| l.parse().map_err(|e: String| format!("language: {e}")))
        .transpose()?;
    Ok(NewArticle {
        external_id: clean("id"),
        // Only a real address identifies an article ("None", "n/a" do not).
        url: clean("url").filter(|u| u.starts_with("http://") || u.starts_with("https://")),
        outlet: clean("outlet"),
        title,
        standfirst: clean("standfirst"),
        author: clean("author"),
        editor: clean("editor"),
        dateline: clean("dateline"),
        published: date("published")?,
        updated: date("updated")?,
        language,
        body: body.unwrap_or_default(),
    })
}

/// A timestamp in any of the forms exports commonly use. Without a zone,
/// the time is taken as IST; a bare date is midnight IST.
pub fn parse_timestamp(s: &str) -> Option<DateTime<FixedOffset>> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t);
    }
    if let Ok(t) = DateTime::parse_from_rfc2822(s) {
        return Some(t);
    }
    for format in [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, format) {
            return ist().from_local_datetime(&t).single();
        }
    }
    let day = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?;
    ist()
        .from_local_datetime(&day.and_hms_opt(0, 0, 0)?)
        .single()
}

/// One JSON Lines line: an object with the fields above.
pub fn from_json_line(line: &str) -> Result<NewArticle, String> {
    let value: serde_json::Value =
        serde_json::from_str(line).map_err(|e| format!("invalid JSON: {e}"))?;
    let object = value
        .as_object()
        .ok_or("expected a JSON object with article fields")?;
    article_from_fields(|name| match object.get(name)? {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    })
}

/// Reads JSON Lines, one record per non-blank line. A line over
/// `MAX_RECORD_BYTES` is reported and skipped without being held whole, so
/// memory stays bounded whatever the input.
pub fn read_json_lines(reader: impl Read, name: &str, sink: &mut Sink) -> StoreResult<()> {
    let io = |source| Error::Io {
        path: name.into(),
        source,
    };
    let mut reader = BufReader::new(reader);
    let mut buf = Vec::new();
    let mut line_no = 0u64;
    loop {
        buf.clear();
        let n = (&mut reader)
            .take(MAX_RECORD_BYTES as u64 + 1)
            .read_until(b'\n', &mut buf)
            .map_err(io)?;
        if n == 0 {
            return Ok(());
        }
        line_no += 1;
        if buf.len() > MAX_RECORD_BYTES {
            let reason = format!("line longer than {} MB", MAX_RECORD_BYTES >> 20);
            sink(Err(reason), line_no)?;
            skip_line(&mut reader).map_err(io)?;
            continue;
        }
        let record = match std::str::from_utf8(&buf) {
            Ok(line) => {
                let line = line.trim_start_matches('\u{FEFF}').trim();
                if line.is_empty() {
                    continue;
                }
                from_json_line(line)
            }
            Err(e) => Err(format!(
                "invalid UTF-8 at byte {} of the line",
                e.valid_up_to() + 1
            )),
        };
        sink(record, line_no)?;
    }
}

/// Consumes the rest of a line, a buffer at a time.
fn skip_line(reader: &mut impl BufRead) -> std::io::Result<()> {
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        match buf.iter().position(|&b| b == b'\n') {
            Some(at) => {
                reader.consume(at + 1);
                return Ok(());
            }
            None => {
                let n = buf.len();
                reader.consume(n);
            }
        }
    }
}

/// Reads CSV with a header row naming the fields. A row with the wrong
/// number of fields or invalid UTF-8 is reported and the rest read; a
/// record over `MAX_RECORD_BYTES` (an unclosed quote, say) ends the file,
/// since where the next record starts cannot be known.
pub fn read_csv(reader: impl Read, sink: &mut Sink) -> StoreResult<()> {
    let limit = Rc::new(Cell::new(MAX_RECORD_BYTES as u64));
    let capped = RecordCap {
        inner: reader,
        read: 0,
        limit: Rc::clone(&limit),
    };
    let mut csv = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(capped);
    let headers = match csv.headers() {
        Ok(h) => h
            .iter()
            .map(|h| h.trim().trim_start_matches('\u{FEFF}').to_lowercase())
            .collect::<Vec<_>>(),
        Err(e) => return sink(Err(format!("cannot read the CSV header: {e}")), 1),
    };
    if !headers.iter().any(|h| h == "title" || h == "headline") {
        return sink(Err("CSV header has no title column".into()), 1);
    }
    let mut record = csv::ByteRecord::new();
    loop {
        let line = csv.position().line();
        limit.set(csv.position().byte() + MAX_RECORD_BYTES as u64 + RECORD_SLACK);
        match csv.read_byte_record(&mut record) {
            Ok(false) => return Ok(()),
            Ok(true) => {
                let line = record.position().map_or(line, |p| p.line());
                let article = match record
                    .iter()
                    .map(std::str::from_utf8)
                    .collect::<Result<Vec<_>, _>>()
                {
                    Ok(fields) => article_from_fields(|field| {
                        let i = headers.iter().position(|h| h == field)?;
                        fields.get(i).map(|s| s.to_string())
                    }),
                    Err(_) => Err("invalid UTF-8".into()),
                };
                sink(article, line)?;
            }
            Err(e) => {
                let line = e.position().map_or(line, |p| p.line());
                let reason = match e.kind() {
                    csv::ErrorKind::UnequalLengths {
                        expected_len, len, ..
                    } => format!("{len} fields where the header has {expected_len}"),
                    _ => e.to_string(),
                };
                sink(Err(reason), line)?;
                if !matches!(
                    e.kind(),
                    csv::ErrorKind::UnequalLengths { .. } | csv::ErrorKind::Utf8 { .. }
                ) {
                    return Ok(()); // nothing more can be read
                }
            }
        }
    }
}

/// The CSV reader reads ahead of the record it parses by its buffer; the
/// cap allows for that.
const RECORD_SLACK: u64 = 1 << 16;

/// A reader that fails once it passes `limit` bytes, so that one endless
/// CSV record cannot fill memory: the CSV reader keeps a record whole.
struct RecordCap<R> {
    inner: R,
    read: u64,
    limit: Rc<Cell<u64>>,
}

impl<R: Read> Read for RecordCap<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.read >= self.limit.get() {
            return Err(std::io::Error::other(format!(
                "a record longer than {} MB (an unclosed quote?); the rest of the file is not read",
                MAX_RECORD_BYTES >> 20
            )));
        }
        let room = (self.limit.get() - self.read).min(buf.len() as u64) as usize;
        let n = self.inner.read(&mut buf[..room])?;
        self.read += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_in_common_forms() {
        let iso = |s: &str| parse_timestamp(s).map(|t| t.to_rfc3339());
        assert_eq!(
            iso("2021-01-11T15:07:00+05:30").unwrap(),
            "2021-01-11T15:07:00+05:30"
        );
        assert_eq!(
            iso("2021-01-11T09:37:00Z").unwrap(),
            "2021-01-11T09:37:00+00:00"
        );
        assert_eq!(
            iso("2021-01-11 15:07").unwrap(),
            "2021-01-11T15:07:00+05:30"
        );
        assert_eq!(iso("2021-01-11").unwrap(), "2021-01-11T00:00:00+05:30");
        assert_eq!(
            iso("Mon, 11 Jan 2021 15:07:00 +0530").unwrap(),
            "2021-01-11T15:07:00+05:30"
        );
        assert_eq!(iso("2021-02-31"), None);
        assert_eq!(iso("yesterday"), None);
    }

    #[test]
    fn json_records_need_a_title() {
        let a = from_json_line(r#"{"title":"शीर्षक","text":"पाठ","url":"None","id":7}"#).unwrap();
        assert_eq!(a.body, "पाठ");
        assert_eq!(a.url, None);
        assert_eq!(a.external_id.as_deref(), Some("7"));
        assert!(
            from_json_line(r#"{"url":"https://x.example/a"}"#)
                .unwrap_err()
                .contains("neither")
        );
        assert!(
            from_json_line(r#"{"body":"x"}"#)
                .unwrap_err()
                .contains("no title")
        );
        assert!(from_json_line("[1,2]").unwrap_err().contains("object"));
        assert!(
            from_json_line("{oops")
                .unwrap_err()
                .contains("invalid JSON")
        );
        assert!(
            from_json_line(r#"{"title":"t","language":"xx"}"#)
                .unwrap_err()
                .contains("language")
        );
    }
}
