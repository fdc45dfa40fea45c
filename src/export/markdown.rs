//! Markdown: a heading per month, one line per event with its date as
//! exact as it is known, party, place, what happened and links to sources.

use std::io::{self, Write};

use super::{ExportOptions, ExportRecord, Sink, is_web_url, month_key, month_title};

pub(super) struct Markdown {
    title: String,
    filters: String,
    month: Option<String>,
}

impl Markdown {
    pub(super) fn new(options: &ExportOptions) -> Self {
        Markdown {
            title: escape(&options.title),
            filters: escape(&options.filters_line()),
            month: None,
        }
    }
}

impl Sink for Markdown {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        write!(out, "# {}\n\nFilters: {}\n", self.title, self.filters)
    }

    fn record(&mut self, out: &mut dyn Write, r: &ExportRecord) -> io::Result<()> {
        let key = month_key(r);
        if self.month.as_deref() != Some(key.as_str()) {
            write!(out, "\n## {}\n\n", month_title(&key))?;
            self.month = Some(key);
        }
        write!(
            out,
            "- **{}** · {}",
            escape(&r.date_display),
            escape(&r.headline())
        )?;
        let places = r.place_names();
        if !places.is_empty() {
            write!(out, " · {}", escape(&places.join(", ")))?;
        }
        write!(out, ": {}", escape(&r.summary))?;
        let mut sep = " — ";
        for s in &r.sources {
            let title = escape(&s.title);
            match s.url.as_deref().filter(|u| is_web_url(u)) {
                Some(url) => write!(out, "{sep}[{title}]({})", link_target(url))?,
                None => write!(out, "{sep}{title}")?,
            }
            sep = ", ";
        }
        if r.sample {
            write!(out, " (sample data)")?;
        }
        if !r.tags.is_empty() {
            write!(out, " · tags: {}", escape(&r.tags.join(", ")))?;
        }
        if let Some(note) = &r.note {
            write!(out, " · note: {}", escape(note))?;
        }
        writeln!(out)
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.month.is_none() {
            writeln!(out, "\nNo events match.")?;
        }
        Ok(())
    }
}

/// Text that Markdown shows as written: characters that start emphasis,
/// links, code, HTML, tables or entities are backslash-escaped, and line
/// breaks become spaces so a value stays on its line.
fn escape(s: &str) -> String {
    super::escape_ascii(s, |b| match b {
        b'\\' => Some("\\\\"),
        b'`' => Some("\\`"),
        b'*' => Some("\\*"),
        b'_' => Some("\\_"),
        b'[' => Some("\\["),
        b']' => Some("\\]"),
        b'<' => Some("\\<"),
        b'>' => Some("\\>"),
        b'|' => Some("\\|"),
        b'~' => Some("\\~"),
        b'&' => Some("\\&"),
        b'#' => Some("\\#"),
        b'!' => Some("\\!"),
        b'\n' | b'\r' | b'\t' => Some(" "),
        _ => None,
    })
}

/// A URL as a link target: the characters that would end it or break out
/// of it are percent-encoded.
fn link_target(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.trim().chars() {
        match c {
            ' ' | '(' | ')' | '<' | '>' | '\\' | '`' | '"' => {
                out.push_str(&format!("%{:02X}", c as u32));
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_characters_are_escaped() {
        assert_eq!(
            escape("*bold* [x](y) <b> a_b\nनई"),
            "\\*bold\\* \\[x\\](y) \\<b\\> a\\_b नई"
        );
        assert_eq!(link_target("https://e.x/a (b)"), "https://e.x/a%20%28b%29");
    }
}
