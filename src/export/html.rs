//! One self-contained HTML page: a vertical timeline with month headings,
//! party colours, precision markers and source links. No scripts and no
//! external assets; every piece of text is escaped.

use std::io::{self, Write};

use super::{ExportOptions, ExportRecord, Sink, is_colour, is_web_url, month_key, month_title};
use crate::model::DatePrecision;

const STYLE: &str = "
:root { --line: #b8b8c0; --muted: #5b5b66; }
body { font: 16px/1.5 system-ui, 'Noto Sans', 'Noto Sans Devanagari', sans-serif;
       margin: 0 auto; max-width: 52rem; padding: 1rem 1.5rem; color: #1d1d24; }
h1 { margin-bottom: .25rem; }
.filters { color: var(--muted); margin-top: 0; }
.timeline { list-style: none; margin: 2rem 0; padding: 0 0 0 1.5rem; border-left: 3px solid var(--line); }
.month h2 { margin: 2rem 0 .75rem -1.5rem; padding-left: 1.5rem; font-size: 1.2rem; }
.event { position: relative; margin: 0 0 1.25rem; padding: .5rem .75rem;
         border-left: 6px solid var(--party, #888); background: #f6f6f9; border-radius: 4px; }
.event::before { content: ''; position: absolute; left: -2.05rem; top: .9rem; width: .8rem; height: .8rem;
                 border-radius: 50%; background: var(--party, #888); border: 2px solid #fff; }
.date { font-weight: 600; }
.precision { font-size: .8rem; font-weight: 400; padding: 0 .35rem; margin-left: .4rem;
             border: 1px dashed var(--muted); border-radius: 3px; color: var(--muted); }
.party { font-weight: 600; color: var(--party, inherit); }
.status, .where, .sources, .sample { color: var(--muted); font-size: .9rem; }
.evidence { margin: .4rem 0; padding-left: .75rem; border-left: 2px solid var(--line); }
.sources { margin: .25rem 0 0; padding-left: 1.1rem; }
.tags { margin: .25rem 0 0; }
.tag { font-size: .8rem; padding: 0 .35rem; margin-right: .3rem; border-radius: 3px; background: #e4e4ee; }
.note { margin: .25rem 0 0; white-space: pre-line; font-style: italic; }
footer { color: var(--muted); font-size: .9rem; border-top: 1px solid var(--line); padding-top: .5rem; }
";

pub(super) struct Html {
    title: String,
    filters: Vec<(String, String)>,
    month: Option<String>,
    count: u64,
}

impl Html {
    pub(super) fn new(options: &ExportOptions) -> Self {
        Html {
            title: options.title.clone(),
            filters: options.filters.clone(),
            month: None,
            count: 0,
        }
    }
}

impl Sink for Html {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let title = escape(&self.title);
        write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
             <header>\n<h1>{title}</h1>\n<p class=\"filters\">Filters: "
        )?;
        if self.filters.is_empty() {
            write!(out, "none")?;
        }
        for (i, (flag, value)) in self.filters.iter().enumerate() {
            let sep = if i == 0 { "" } else { "; " };
            write!(out, "{sep}{} <b>{}</b>", escape(flag), escape(value))?;
        }
        write!(out, "</p>\n</header>\n<main>\n<ol class=\"timeline\">\n")
    }

    fn record(&mut self, out: &mut dyn Write, r: &ExportRecord) -> io::Result<()> {
        let key = month_key(r);
        if self.month.as_deref() != Some(key.as_str()) {
            writeln!(
                out,
                "<li class=\"month\"><h2>{}</h2></li>",
                escape(&month_title(&key))
            )?;
            self.month = Some(key);
        }
        self.count += 1;
        let style = r
            .party_colour
            .as_deref()
            .filter(|c| is_colour(c))
            .map(|c| format!(" style=\"--party: {c}\""))
            .unwrap_or_default();
        writeln!(
            out,
            "<li class=\"event precision-{}\" id=\"event-{}\"{style}>",
            r.date_precision.as_str(),
            r.id
        )?;
        let marker = match r.date_precision {
            DatePrecision::Day => String::new(),
            DatePrecision::Reported => {
                " <span class=\"precision\" title=\"no date in the text: the day it was reported\">reported</span>"
                    .to_string()
            }
            p => format!(
                " <span class=\"precision\" title=\"date known only to the {0}\">≈ {0}</span>",
                p.as_str()
            ),
        };
        let date = r
            .date_start
            .as_deref()
            .map(|_| r.date_display.trim_start_matches("reported "))
            .unwrap_or("undated");
        writeln!(out, "<div class=\"date\">{}{marker}</div>", escape(date))?;
        write!(out, "<div class=\"what\">")?;
        if let Some(party) = &r.party {
            let name = r.party_name.as_deref().unwrap_or(party);
            write!(
                out,
                "<span class=\"party\" title=\"{}\">{}</span> ",
                escape(name),
                escape(party)
            )?;
        }
        writeln!(
            out,
            "{} <span class=\"status\">{}</span></div>",
            escape(&r.kind.as_str().replace('_', " ")),
            escape(r.status.as_str())
        )?;
        let places = r.place_names();
        if !places.is_empty() {
            writeln!(
                out,
                "<div class=\"where\">{}</div>",
                escape(&places.join(", "))
            )?;
        }
        if !r.people.is_empty() {
            writeln!(
                out,
                "<div class=\"where\">with {}</div>",
                escape(&r.people.join(", "))
            )?;
        }
        writeln!(
            out,
            "<blockquote class=\"evidence\">{}</blockquote>",
            escape(&r.evidence)
        )?;
        if !r.sources.is_empty() {
            writeln!(out, "<ul class=\"sources\">")?;
            for s in &r.sources {
                write!(out, "<li>{}", source_link(&s.title, s.url.as_deref()))?;
                for detail in [&s.outlet, &s.published_at].into_iter().flatten() {
                    write!(out, " · {}", escape(detail))?;
                }
                writeln!(out, "</li>")?;
            }
            writeln!(out, "</ul>")?;
        }
        if r.sample {
            writeln!(
                out,
                "<div class=\"sample\">Sample data written for chunav's demo, not real reporting.</div>"
            )?;
        }
        if !r.tags.is_empty() {
            write!(out, "<div class=\"tags\">")?;
            for tag in &r.tags {
                write!(out, "<span class=\"tag\">{}</span>", escape(tag))?;
            }
            writeln!(out, "</div>")?;
        }
        if let Some(note) = &r.note {
            writeln!(out, "<div class=\"note\">Note: {}</div>", escape(note))?;
        }
        writeln!(out, "</li>")
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let events = match self.count {
            0 => "No events match.".to_string(),
            1 => "1 event.".to_string(),
            n => format!("{n} events."),
        };
        write!(
            out,
            "</ol>\n</main>\n<footer>{events} Exported by chunav.</footer>\n</body>\n</html>\n"
        )
    }
}

/// A source's title, as a link when its URL is a web address.
pub(super) fn source_link(title: &str, url: Option<&str>) -> String {
    match url.filter(|u| is_web_url(u)) {
        Some(url) => format!(
            "<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>",
            escape(url.trim()),
            escape(title)
        ),
        None => escape(title),
    }
}

/// Text safe anywhere in HTML, in content or in a quoted attribute.
pub fn escape(s: &str) -> String {
    super::escape_ascii(s, |b| match b {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        b'\'' => Some("&#39;"),
        b'\n' => Some("\n"),
        b'\t' => Some("\t"),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped() {
        assert_eq!(
            escape("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
        assert_eq!(escape("गोरखपुर"), "गोरखपुर");
    }

    #[test]
    fn only_web_urls_become_links() {
        assert_eq!(source_link("t", Some("javascript:alert(1)")), "t");
        assert_eq!(
            source_link("<t>", Some("https://e.x/?a=1&b=\"2\"")),
            "<a href=\"https://e.x/?a=1&amp;b=&quot;2&quot;\" rel=\"noopener noreferrer\">&lt;t&gt;</a>"
        );
    }
}
