//! A drawn screen as an SVG picture, for the README's screenshots: one
//! `<text>` per cell run, in the terminal's palette, each cluster stretched
//! to exactly the columns it takes so Devanagari stays on its grid.

use std::fmt::Write;

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

use crate::text::display_width;

const CELL_W: f64 = 9.0;
const CELL_H: f64 = 19.0;
const FOREGROUND: &str = "#d8d8d8";
const BACKGROUND: &str = "#1c1c1c";

/// The xterm colour of a ratatui colour; `None` is the default.
fn hex(c: Color) -> Option<String> {
    let named = match c {
        Color::Reset => return None,
        Color::Black => "#000000",
        Color::Red => "#cd3131",
        Color::Green => "#0dbc79",
        Color::Yellow => "#e5e510",
        Color::Blue => "#2472c8",
        Color::Magenta => "#bc3fbc",
        Color::Cyan => "#11a8cd",
        Color::Gray => "#e5e5e5",
        Color::DarkGray => "#767676",
        Color::LightRed => "#f14c4c",
        Color::LightGreen => "#23d18b",
        Color::LightYellow => "#f5f543",
        Color::LightBlue => "#3b8eea",
        Color::LightMagenta => "#d670d6",
        Color::LightCyan => "#29b8db",
        Color::White => "#ffffff",
        Color::Rgb(r, g, b) => return Some(format!("#{r:02x}{g:02x}{b:02x}")),
        Color::Indexed(i) => return Some(format!("#{0:02x}{0:02x}{0:02x}", i)),
    };
    Some(named.to_string())
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// How one run of cells is drawn.
#[derive(Clone, PartialEq)]
struct Look {
    fg: String,
    bg: Option<String>,
    modifier: Modifier,
}

fn look(cell: &ratatui::buffer::Cell) -> Look {
    let mut fg = hex(cell.fg).unwrap_or_else(|| FOREGROUND.into());
    let mut bg = hex(cell.bg);
    if cell.modifier.contains(Modifier::REVERSED) {
        let old_fg = fg.clone();
        fg = bg.unwrap_or_else(|| BACKGROUND.into());
        bg = Some(old_fg);
    }
    Look {
        fg,
        bg,
        modifier: cell.modifier,
    }
}

/// The screen in `buf` as a standalone SVG document. Each run of cells in
/// one style is one `<text>`, so the font shapes Devanagari whole words at
/// a time (conjuncts, vowel signs), stretched to exactly the run's columns
/// so the next run starts on its own cell.
pub fn svg(buf: &Buffer) -> String {
    let area = buf.area;
    let (w, h) = (area.width as f64 * CELL_W, area.height as f64 * CELL_H);
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="DejaVu Sans Mono, Noto Sans Devanagari, monospace" font-size="15">"#
    );
    let _ = writeln!(
        out,
        r#"<rect width="100%" height="100%" fill="{BACKGROUND}"/>"#
    );
    for y in 0..area.height {
        let mut x = 0;
        while x < area.width {
            let first = look(&buf[(area.x + x, area.y + y)]);
            let start = x;
            let mut text = String::new();
            while x < area.width {
                let cell = &buf[(area.x + x, area.y + y)];
                if look(cell) != first {
                    break;
                }
                text.push_str(cell.symbol());
                x += display_width(cell.symbol()).max(1) as u16;
            }
            let (px, py, width) = (
                start as f64 * CELL_W,
                y as f64 * CELL_H,
                (x - start) as f64 * CELL_W,
            );
            if let Some(bg) = &first.bg {
                let _ = writeln!(
                    out,
                    r#"<rect x="{px}" y="{py}" width="{width}" height="{CELL_H}" fill="{bg}"/>"#
                );
            }
            let shown = text.trim_end();
            if shown.trim().is_empty() {
                continue;
            }
            // Stretch only the written part; trailing blanks stay blank.
            let columns = display_width(shown) as f64 * CELL_W;
            let mut attrs = String::new();
            if first.modifier.contains(Modifier::BOLD) {
                attrs.push_str(r#" font-weight="bold""#);
            }
            if first.modifier.contains(Modifier::ITALIC) {
                attrs.push_str(r#" font-style="italic""#);
            }
            if first.modifier.contains(Modifier::UNDERLINED) {
                attrs.push_str(r#" text-decoration="underline""#);
            } else if first.modifier.contains(Modifier::CROSSED_OUT) {
                attrs.push_str(r#" text-decoration="line-through""#);
            }
            let _ = writeln!(
                out,
                r#"<text x="{px}" y="{}" fill="{}" textLength="{columns}" lengthAdjust="spacingAndGlyphs" xml:space="preserve"{attrs}>{}</text>"#,
                py + CELL_H * 0.75,
                first.fg,
                escape(shown)
            );
        }
    }
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    #[test]
    fn cells_become_escaped_text_on_their_grid() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, 2));
        buf.set_string(0, 0, "<a&b>", Style::default().fg(Color::Red));
        buf.set_string(
            0,
            1,
            "स्था x",
            Style::default().add_modifier(Modifier::REVERSED),
        );
        let svg = svg(&buf);
        assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>\n"));
        assert!(svg.contains(r##"fill="#cd3131" textLength="45" lengthAdjust="spacingAndGlyphs" xml:space="preserve">&lt;a&amp;b&gt;</text>"##), "{svg}");
        // स्था takes three columns: with the space and "x", five.
        assert!(
            svg.contains(r##"<rect x="0" y="19" width="45" height="19" fill="#d8d8d8"/>"##),
            "{svg}"
        );
        assert!(svg.contains(r#"textLength="45" lengthAdjust="spacingAndGlyphs" xml:space="preserve">स्था x</text>"#), "{svg}");
        assert!(!svg.contains('\u{1b}'));
    }
}
