//! JSON: an array of events, one per line, or JSON Lines. Both follow
//! `db/export/event.schema.json`.

use std::io::{self, Write};

use super::{ExportRecord, Sink};

pub(super) struct Json {
    array: bool,
    first: bool,
}

impl Json {
    pub(super) fn array() -> Self {
        Json {
            array: true,
            first: true,
        }
    }

    pub(super) fn lines() -> Self {
        Json {
            array: false,
            first: true,
        }
    }
}

impl Sink for Json {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.array {
            out.write_all(b"[")?;
        }
        Ok(())
    }

    fn record(&mut self, out: &mut dyn Write, r: &ExportRecord) -> io::Result<()> {
        if self.array {
            out.write_all(if self.first { b"\n" } else { b",\n" })?;
        }
        self.first = false;
        serde_json::to_writer(&mut *out, r)?;
        if !self.array {
            out.write_all(b"\n")?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.array {
            out.write_all(b"\n]\n")?;
        }
        Ok(())
    }
}
