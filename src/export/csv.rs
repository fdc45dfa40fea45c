//! CSV (RFC 4180): one row per event. Text cells that a spreadsheet would
//! run as a formula are neutralised.

use std::borrow::Cow;
use std::cell::RefCell;
use std::io::{self, Write};
use std::rc::Rc;

use super::{ExportOptions, ExportRecord, Sink};

/// The columns that open every CSV of events, the export's and the
/// `events` listing's.
pub const EVENT_COLUMNS: [&str; 8] = [
    "id",
    "date_start",
    "date_end",
    "date_precision",
    "date_text",
    "status",
    "kind",
    "party",
];

/// The export's columns after [`EVENT_COLUMNS`].
const MORE_COLUMNS: [&str; 17] = [
    "people",
    "state",
    "region",
    "division",
    "district",
    "constituency",
    "latitude",
    "longitude",
    "summary",
    "evidence",
    "source_titles",
    "source_urls",
    "outlets",
    "published_at",
    "review_state",
    "tags",
    "note",
];

/// Separates the values of a list in one cell.
const LIST: &str = "; ";

pub(super) struct Csv {
    bom: bool,
    /// Formats one row at a time into `row`, which is then copied out.
    writer: csv::Writer<Row>,
    row: Row,
}

/// A buffer shared between the CSV writer and the sink.
#[derive(Clone, Default)]
struct Row(Rc<RefCell<Vec<u8>>>);

impl Write for Row {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Csv {
    pub(super) fn new(options: &ExportOptions) -> Self {
        let row = Row::default();
        Csv {
            bom: options.excel,
            writer: csv::Writer::from_writer(row.clone()),
            row,
        }
    }

    fn emit(&mut self, out: &mut dyn Write, cells: &[Cow<'_, str>]) -> io::Result<()> {
        self.writer
            .write_record(cells.iter().map(|c| c.as_bytes()))?;
        self.writer.flush()?;
        let mut row = self.row.0.borrow_mut();
        out.write_all(&row)?;
        row.clear();
        Ok(())
    }
}

impl Sink for Csv {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.bom {
            out.write_all("\u{FEFF}".as_bytes())?;
        }
        let header: Vec<Cow<str>> = EVENT_COLUMNS
            .iter()
            .chain(&MORE_COLUMNS)
            .map(|h| Cow::Borrowed(*h))
            .collect();
        self.emit(out, &header)
    }

    fn record(&mut self, out: &mut dyn Write, r: &ExportRecord) -> io::Result<()> {
        let opt = |s: &Option<String>| Cow::Owned(s.clone().unwrap_or_default());
        let list = |items: &[String]| spreadsheet_safe(&items.join(LIST)).into_owned().into();
        let sources = |f: &dyn Fn(&crate::model::EventSource) -> Option<&str>| {
            let items: Vec<&str> = r.sources.iter().map(|s| f(s).unwrap_or("")).collect();
            Cow::Owned(spreadsheet_safe(&items.join(LIST)).into_owned())
        };
        let number = |n: Option<f64>| Cow::Owned(n.map(|n| n.to_string()).unwrap_or_default());
        let p = &r.places;
        let cells = [
            Cow::Owned(r.id.to_string()),
            opt(&r.date_start),
            opt(&r.date_end),
            r.date_precision.as_str().into(),
            spreadsheet_safe(r.date_text.as_deref().unwrap_or("")),
            r.status.as_str().into(),
            r.kind.as_str().into(),
            opt(&r.party),
            list(&r.people),
            list(&p.states),
            list(&p.regions),
            list(&p.divisions),
            list(&p.districts),
            list(&p.constituencies),
            number(p.latitude),
            number(p.longitude),
            spreadsheet_safe(&r.summary),
            spreadsheet_safe(&r.evidence),
            sources(&|s| Some(&s.title)),
            sources(&|s| s.url.as_deref()),
            sources(&|s| s.outlet.as_deref()),
            sources(&|s| s.published_at.as_deref()),
            r.review_state.as_str().into(),
            list(&r.tags),
            spreadsheet_safe(r.note.as_deref().unwrap_or("")),
        ];
        self.emit(out, &cells)
    }

    fn finish(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

/// A cell a spreadsheet will show as text rather than run as a formula:
/// one starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
/// leading single quote.
pub fn spreadsheet_safe(s: &str) -> Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(spreadsheet_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(spreadsheet_safe("+1"), "'+1");
        assert_eq!(spreadsheet_safe("-2"), "'-2");
        assert_eq!(spreadsheet_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(spreadsheet_safe("\tx"), "'\tx");
        assert_eq!(spreadsheet_safe("\rx"), "'\rx");
        assert_eq!(spreadsheet_safe("रैली 1 = 2"), "रैली 1 = 2");
    }
}
