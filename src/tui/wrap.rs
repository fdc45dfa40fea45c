//! Word wrapping of styled lines by grapheme cluster and display width.
//!
//! We wrap before handing text to ratatui instead of using its `Wrap`: its
//! wrapper can emit a line wider than the area when a cluster is two
//! columns wide (a Devanagari conjunct such as स्था), which spills over the
//! border or panics at the buffer's edge.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;

use crate::text::display_width;

/// `lines` wrapped to `width` columns: at spaces where possible, inside a
/// word (between clusters) only when the word alone is too wide. No output
/// line is wider than `width`; a line's own style carries over.
pub fn wrap(lines: Vec<Line<'static>>, width: usize) -> Vec<Line<'static>> {
    let width = width.max(1);
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        let cells: Vec<(String, Style, usize)> = line
            .spans
            .iter()
            .flat_map(|span| {
                let style = line.style.patch(span.style);
                span.content
                    .graphemes(true)
                    .map(move |g| (g.to_string(), style, display_width(g)))
                    .collect::<Vec<_>>()
            })
            .collect();
        let mut rows: Vec<Vec<(String, Style, usize)>> = vec![Vec::new()];
        let mut used = 0;
        let mut i = 0;
        while i < cells.len() {
            // A word: the spaces before it and the non-spaces of it.
            let start = i;
            while i < cells.len() && cells[i].0 == " " {
                i += 1;
            }
            let word_start = i;
            while i < cells.len() && cells[i].0 != " " {
                i += 1;
            }
            let spaces: usize = cells[start..word_start].iter().map(|c| c.2).sum();
            let word: usize = cells[word_start..i].iter().map(|c| c.2).sum();
            if used + spaces + word <= width {
                rows.last_mut()
                    .expect("a row")
                    .extend(cells[start..i].iter().cloned());
                used += spaces + word;
                continue;
            }
            if word <= width && used > 0 {
                rows.push(cells[word_start..i].to_vec());
                used = word;
                continue;
            }
            // Too wide for any row: cut between clusters.
            for cell in cells[start..i].iter().cloned() {
                if used + cell.2 > width && used > 0 {
                    rows.push(Vec::new());
                    used = 0;
                    if cell.0 == " " {
                        continue;
                    }
                }
                if cell.2 <= width {
                    used += cell.2;
                    rows.last_mut().expect("a row").push(cell);
                }
            }
        }
        for row in rows {
            let mut spans: Vec<Span<'static>> = Vec::new();
            for (g, style, _) in row {
                match spans.last_mut() {
                    Some(last) if last.style == style => last.content.to_mut().push_str(&g),
                    _ => spans.push(Span::styled(g, style)),
                }
            }
            out.push(Line::from(spans).style(line.style));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn widths(lines: &[Line]) -> Vec<usize> {
        lines
            .iter()
            .map(|l| display_width(&l.to_string()))
            .collect()
    }

    #[test]
    fn words_wrap_at_spaces_and_never_exceed_the_width() {
        let text = "प्रबुद्ध वर्ग विचार गोष्ठी, सतीश चंद्र मिश्र ने की अगुवाई";
        for width in 4..40 {
            let lines = wrap(vec![Line::raw(text)], width);
            assert!(
                widths(&lines).iter().all(|w| *w <= width),
                "{width}: {lines:?}"
            );
            let joined: String = lines
                .iter()
                .map(|l| l.to_string())
                .collect::<Vec<_>>()
                .join(" ");
            assert_eq!(
                joined.replace(' ', ""),
                text.replace(' ', ""),
                "nothing lost at {width}"
            );
        }
        assert!(
            widths(&wrap(vec![Line::raw(text)], 1))
                .iter()
                .all(|w| *w <= 1)
        );
        // Where the words fit, they are never cut.
        let words = ["सतीश", "चंद्र", "मिश्र"];
        let lines = wrap(
            vec![Line::raw(words.join(" "))],
            display_width("सतीश चंद्र") + 1,
        );
        assert_eq!(lines.len(), 2);
        assert!(
            lines
                .iter()
                .flat_map(|l| l
                    .to_string()
                    .split(' ')
                    .map(str::to_string)
                    .collect::<Vec<_>>())
                .all(|w| words.contains(&w.as_str()))
        );
    }

    #[test]
    fn styles_survive_and_empty_lines_stay() {
        let bold = Style::default().add_modifier(ratatui::style::Modifier::BOLD);
        let lines = wrap(
            vec![
                Line::from(vec![
                    Span::raw("आज "),
                    Span::styled("गोरखपुर", bold),
                    Span::raw(" में"),
                ]),
                Line::raw(""),
            ],
            8,
        );
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[1].spans[0].style, bold);
        assert_eq!(lines[2].to_string(), "");
    }
}
