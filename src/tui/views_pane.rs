//! The saved views under the place tree: each view's name with how many
//! events and articles match it now. The counts come from the tally worker
//! (`TallyRequest::Views`), so listing them never waits on a keypress.

use std::collections::HashMap;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::app::{App, Focus};
use super::keymap::Action;
use super::theme::Theme;
use crate::query::ViewCounts;
use crate::store::View;
use crate::text::{display_width, pad_to_width, strip_controls};

/// The saved views, the one selected and their counts once counted.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ViewsPane {
    pub views: Vec<View>,
    /// (events, articles) by view name; `None` for a view whose query no
    /// longer resolves. Empty until the worker has counted.
    pub counts: HashMap<String, (Option<u64>, Option<u64>)>,
    pub selected: usize,
    pub offset: usize,
}

impl ViewsPane {
    /// New views from the store, keeping the selection on the same name.
    pub fn set_views(&mut self, views: Vec<View>) {
        let keep = self.current().map(|v| v.name.clone());
        self.views = views;
        self.counts.clear();
        self.selected = keep
            .and_then(|name| self.views.iter().position(|v| v.name == name))
            .unwrap_or(0)
            .min(self.views.len().saturating_sub(1));
    }

    pub fn current(&self) -> Option<&View> {
        self.views.get(self.selected)
    }

    pub fn select(&mut self, name: &str) {
        if let Some(i) = self.views.iter().position(|v| v.name == name) {
            self.selected = i;
        }
    }

    pub fn move_by(&mut self, delta: isize) {
        let last = self.views.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    /// Takes in the worker's counts; counts for views since renamed or
    /// removed are dropped.
    pub fn receive(&mut self, counted: Vec<ViewCounts>) {
        for c in counted {
            if self.views.iter().any(|v| v.name == c.view.name) {
                self.counts.insert(c.view.name, (c.events, c.articles));
            }
        }
    }

    /// Rows the pane takes on screen, borders included: one per view (at
    /// most eight, then it scrolls), or one line saying how to save one.
    pub fn height(&self) -> u16 {
        self.views.len().clamp(1, 8) as u16 + 2
    }
}

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let focused = app.focus == Focus::Views;
    let block = super::view::pane("Views  events/articles".into(), focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let pane = &app.views;
    if pane.views.is_empty() {
        let key = app
            .keymap
            .keys_for(Action::SaveView)
            .into_iter()
            .next()
            .unwrap_or_default();
        let hint = format!("{key} saves the filters");
        frame.render_widget(Paragraph::new(Line::styled(hint, theme.dim())), inner);
        return;
    }
    let width = inner.width as usize;
    let rows: Vec<Line> = pane
        .views
        .iter()
        .enumerate()
        .skip(pane.offset)
        .take(inner.height as usize)
        .map(|(i, v)| {
            let counts = match pane.counts.get(&v.name) {
                Some((Some(e), Some(a))) => format!(" {e}/{a}"),
                Some(_) => " ?".into(),
                None => " …".into(),
            };
            let name = pad_to_width(
                &strip_controls(&v.name),
                width.saturating_sub(display_width(&counts)),
            );
            let style = if i == pane.selected && focused {
                theme.selected()
            } else {
                Style::default()
            };
            Line::from(vec![
                Span::styled(name, style),
                Span::styled(counts, theme.dim()),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(rows), inner);
}
