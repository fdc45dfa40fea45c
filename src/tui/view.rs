//! Drawing: reads the `App` and paints one frame. Nothing here changes
//! state. Every piece of article text passes `strip_controls` before it
//! reaches the terminal, and every column is cut by display width at a
//! grapheme-cluster boundary, so Devanagari never spills into the next.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::canvas::{Canvas, Points};
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, ListState, Paragraph, Wrap};

use super::app::{App, Detail, ExportDialog, Focus, InputKind, Mark, Popup, Script, Tab};
use super::keymap::Action;
use super::picker::Picker;
use super::theme::Theme;
use crate::export::ExportFormat;
use crate::extract::Field;
use crate::model::{
    DatePrecision, EventKind, EventStatus, EventSummary, MONTHS_EN, MONTHS_HI, display_date,
};
use crate::text::{display_width, pad_to_width, romanise, strip_controls, truncate_to_width};
use unicode_segmentation::UnicodeSegmentation;

/// Below this the screen says it is too small.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

/// Where each part of the screen goes, for drawing and for mouse clicks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    pub tree: Option<Rect>,
    /// The saved views, under the place tree when there is room.
    pub views: Option<Rect>,
    pub tabs: Rect,
    /// The tab's content (the timeline's includes its chart).
    pub list: Rect,
    pub detail: Option<Rect>,
    pub keys: Rect,
}

impl Areas {
    /// The timeline's chart of events per week, when there is room.
    pub fn chart(&self) -> Option<Rect> {
        (self.list.height >= 16).then_some(Rect {
            height: 7,
            ..self.list
        })
    }

    /// The timeline's list, under its chart.
    pub fn timeline_list(&self) -> Rect {
        match self.chart() {
            Some(chart) => Rect {
                y: self.list.y + chart.height,
                height: self.list.height - chart.height,
                ..self.list
            },
            None => self.list,
        }
    }

    pub fn tab_at(&self, at: Position) -> Option<Tab> {
        if !self.tabs.contains(at) {
            return None;
        }
        let mut x = self.tabs.x;
        for tab in Tab::ALL {
            let w = tab_label(tab).len() as u16;
            if at.x >= x && at.x < x + w {
                return Some(tab);
            }
            x += w;
        }
        None
    }
}

fn tab_label(tab: Tab) -> String {
    let n = Tab::ALL.iter().position(|t| *t == tab).unwrap_or(0) + 1;
    format!(" {n} {} ", tab.title())
}

/// The screen's areas at `size`, or `None` when it is too small to use.
pub fn layout(size: Rect, app: &App) -> Option<Areas> {
    if size.width < MIN_WIDTH || size.height < MIN_HEIGHT {
        return None;
    }
    let [header, body, keys] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(size);
    let wide = size.width >= 110;
    let left_focused = matches!(app.focus, Focus::Places | Focus::Views);
    let (tree, rest) = if left_focused && size.width < 70 {
        (Some(body), Rect { width: 0, ..body })
    } else if size.width >= 70 {
        let [tree, rest] = Layout::horizontal([
            Constraint::Length(if wide { 28 } else { 24 }),
            Constraint::Fill(1),
        ])
        .areas(body);
        (Some(tree), rest)
    } else {
        (None, body)
    };
    let (main, detail) = if wide {
        let [main, detail] =
            Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)])
                .areas(rest);
        (main, Some(detail))
    } else if app.focus == Focus::Detail {
        (Rect { height: 0, ..rest }, Some(rest))
    } else {
        (rest, None)
    };
    let [tabs, list] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(main);
    // The views share the left column with the tree, which keeps at least
    // a few rows of its own.
    let (tree, views) = match tree {
        Some(left) if left.height >= app.views.height() + 5 => {
            let [tree, views] =
                Layout::vertical([Constraint::Fill(1), Constraint::Length(app.views.height())])
                    .areas(left);
            (Some(tree), Some(views))
        }
        other => (other, None),
    };
    Some(Areas {
        header,
        tree,
        views,
        tabs,
        list,
        detail,
        keys,
    })
}

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    let Some(areas) = layout(area, app) else {
        let text = format!("Terminal too small: chunav needs at least {MIN_WIDTH}×{MIN_HEIGHT}.");
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
        return;
    };
    draw_header(frame, app, theme, areas.header);
    if let Some(tree) = areas.tree {
        draw_tree(frame, app, theme, tree);
    }
    if let Some(views) = areas.views {
        super::views_pane::draw(frame, app, theme, views);
    }
    if areas.list.height > 0 && areas.list.width > 0 {
        draw_tabs(frame, app, theme, areas.tabs);
        if app.counts.total_articles == Some(0) {
            draw_empty(frame, theme, areas.list);
        } else {
            match app.tab {
                Tab::Articles => draw_articles(frame, app, theme, areas.list),
                Tab::Timeline => {
                    if let Some(chart) = areas.chart() {
                        draw_chart(frame, app, theme, chart);
                    }
                    draw_timeline(frame, app, theme, areas.timeline_list());
                }
                Tab::Map => draw_map(frame, app, theme, areas.list),
            }
        }
    }
    if let Some(detail) = areas.detail {
        draw_detail(frame, app, theme, detail);
    }
    draw_keys(frame, app, theme, areas.keys);
    match &app.popup {
        Some(Popup::Help) => draw_help(frame, app, theme, area),
        Some(Popup::PlacePicker(p) | Popup::PartyPicker(p)) => {
            draw_picker(frame, app, theme, p, area)
        }
        Some(Popup::Input(input)) => {
            let tags_title = marks_title(app);
            let (title, hint) = match input.kind {
                InputKind::Search => (
                    "Search",
                    "Hindi or Latin words, all must occur; results as you type",
                ),
                InputKind::Dates => (
                    "Date range",
                    "2021 · 2021-01..2021-03 · ..2021-06 · empty clears",
                ),
                InputKind::Query => (
                    "Query",
                    "district:गोरखपुर party:aimim,sp -kind:statement date:2021 words",
                ),
                InputKind::ViewName => (
                    "Save the filters as a view",
                    "a name for the view; Enter on it in the views pane applies it",
                ),
                InputKind::EditEvent => (
                    "Correct the event",
                    "KIND DATE: rally 2021-01-12 · tour week 2021-02-01 · organisation 2021-12",
                ),
                InputKind::Tags => (
                    tags_title.as_str(),
                    "+tag adds (a bare word too), -tag removes: +urgent -done",
                ),
                InputKind::Note => ("Note", "one line; empty removes the note"),
            };
            draw_input(
                frame,
                theme,
                area,
                title,
                hint,
                &input.text,
                input.error.as_deref(),
            );
        }
        Some(Popup::OfferDemo) => draw_offer(frame, theme, area),
        Some(Popup::Export(dialog)) => draw_export(frame, app, theme, dialog, area),
        None => {}
    }
}

/// The tags box's title: the shown item's tags now.
fn marks_title(app: &App) -> String {
    let tags = match &app.detail {
        Detail::Article { article, .. } => &article.tags,
        Detail::Event { event, .. } => &event.tags,
        _ => return "Tags".into(),
    };
    if tags.is_empty() {
        "Tags (none yet)".into()
    } else {
        format!("Tags: {}", strip_controls(&tags.join(" ")))
    }
}

/// A mark before a listed row the user has marked: ⚑ on the follow-up
/// list, • with other tags or a note; nothing otherwise.
/// A row's last column: its marks (if tagged or noted), then `text` in the
/// chosen script, cut to `width` columns in all.
fn push_marked(
    spans: &mut Vec<Span<'static>>,
    app: &App,
    theme: &Theme,
    (tags, note): (&[String], bool),
    text: &str,
    width: usize,
) {
    let marker = marks_marker(tags, note);
    if let Some(m) = marker {
        spans.push(Span::styled(m, theme.key()));
    }
    spans.push(Span::raw(truncate_to_width(
        &text_in_script(app, text),
        width.saturating_sub(marker.map_or(0, display_width)),
    )));
}

fn marks_marker(tags: &[String], note: bool) -> Option<&'static str> {
    if tags
        .iter()
        .any(|t| t.eq_ignore_ascii_case(crate::model::FOLLOW_UP))
    {
        Some("⚑ ")
    } else if !tags.is_empty() || note {
        Some("• ")
    } else {
        None
    }
}

/// The detail pane's lines for the user's tags and note, if any.
fn marks_lines(theme: &Theme, tags: &[String], note: Option<&str>) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    if !tags.is_empty() {
        lines.push(Line::from(vec![
            Span::styled("tags      ", theme.dim()),
            Span::styled(strip_controls(&tags.join(" ")), theme.key()),
        ]));
    }
    if let Some(note) = note {
        lines.push(Line::from(vec![
            Span::styled("note      ", theme.dim()),
            Span::raw(strip_controls(note)),
        ]));
    }
    lines
}

/// A number, or an ellipsis while it is being counted.
fn count_text(n: Option<u64>) -> String {
    n.map_or_else(|| "…".into(), |n| n.to_string())
}

/// A name as the chosen script shows it.
fn shown(app: &App, hindi: &str, english: &str) -> String {
    match app.script {
        Script::Devanagari => strip_controls(hindi),
        Script::Latin => strip_controls(english),
    }
}

/// Article text in the chosen script.
fn text_in_script(app: &App, s: &str) -> String {
    let clean = strip_controls(s);
    match app.script {
        Script::Devanagari => clean,
        Script::Latin => romanise(&clean),
    }
}

/// A place listed by its English name, in the chosen script.
fn place_name(app: &App, english: &str) -> String {
    match (app.script, app.hindi_names.get(english)) {
        (Script::Devanagari, Some(hi)) => hi.clone(),
        _ => english.to_string(),
    }
}

pub(super) fn pane(title: String, focused: bool, theme: &Theme) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(if focused { theme.focus() } else { theme.dim() })
        .title(Span::styled(
            title,
            if focused {
                theme.focus()
            } else {
                Style::default()
            },
        ))
}

fn draw_header(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let mut top = vec![
        Span::styled(" चुनाव chunav ", theme.title()),
        Span::raw(format!(
            " {} articles · {} events",
            count_text(app.counts.articles),
            count_text(app.counts.events)
        )),
    ];
    if app.counts.sample_articles > 0 {
        top.push(Span::raw("  "));
        top.push(Span::styled(
            format!(
                " SAMPLE DATA: {} of {} articles ",
                app.counts.sample_articles,
                count_text(app.counts.total_articles)
            ),
            theme.warning(),
        ));
    }
    let mut filters = vec![Span::styled(" Filters: ", theme.dim())];
    if app.filters.is_empty() {
        filters.push(Span::styled(
            "none  (d district · p party · t dates · / search · : query)",
            theme.dim(),
        ));
    } else {
        let text = app.filters.query_text(app.script == Script::Devanagari);
        filters.push(Span::styled(strip_controls(&text), theme.filter()));
    }
    let lines = vec![Line::from(top), Line::from(filters)];
    frame.render_widget(Paragraph::new(lines), area);
}

fn draw_tree(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let block = pane(
        "Places  articles/events".into(),
        app.focus == Focus::Places,
        theme,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let rows: Vec<Line> = app
        .tree
        .rows
        .iter()
        .enumerate()
        .skip(app.tree.offset)
        .take(inner.height as usize)
        .map(|(i, row)| {
            let marker = match (row.has_children, row.expanded) {
                (true, true) => "▾ ",
                (true, false) => "▸ ",
                _ => "  ",
            };
            let counts = if row.id.is_none() || !app.tree.counted {
                String::new()
            } else {
                format!(" {}/{}", row.articles, row.events)
            };
            let indent = "  ".repeat(row.depth);
            let name_room = width.saturating_sub(indent.len() + 2 + counts.len());
            let mut name = shown(app, &row.name_hi, &row.name_en);
            if row.user {
                name.push_str(match app.script {
                    Script::Devanagari => " (आपका)",
                    Script::Latin => " (yours)",
                });
            }
            let name = pad_to_width(&name, name_room);
            let chosen = app.filters.place.as_ref().map(|p| p.id) == row.id
                && (row.id.is_some() || app.filters.place.is_none());
            let mut style = if chosen {
                theme.filter()
            } else {
                Style::default()
            };
            if i == app.tree.selected && app.focus == Focus::Places {
                style = style.patch(theme.selected());
            }
            Line::from(vec![
                Span::styled(format!("{indent}{marker}{name}"), style),
                Span::styled(counts, theme.dim()),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(rows), inner);
}

fn draw_tabs(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let spans: Vec<Span> = Tab::ALL
        .iter()
        .map(|&tab| {
            let style = if tab == app.tab {
                theme.selected()
            } else {
                theme.dim()
            };
            Span::styled(tab_label(tab), style)
        })
        .collect();
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn draw_empty(frame: &mut Frame, theme: &Theme, area: Rect) {
    let text = vec![
        Line::styled("No articles yet.", theme.title()),
        Line::raw(""),
        Line::raw("Import your own: quit and run  chunav import PATH"),
        Line::raw("(copied pages as .txt, JSON Lines or CSV; folders are read recursively)"),
        Line::raw(""),
        Line::raw("Or load the sample articles: quit and run  chunav demo"),
        Line::raw("(they were written for chunav and are marked as sample data)"),
    ];
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: true })
            .block(pane("Welcome".into(), false, theme)),
        area,
    );
}

fn draw_articles(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let block = pane(
        format!(
            "Articles, newest first ({})",
            count_text(app.counts.articles)
        ),
        app.focus == Focus::List,
        theme,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let (outlet_w, places_w) = if width >= 90 {
        (16, 20)
    } else if width >= 60 {
        (0, 16)
    } else {
        (0, 0)
    };
    let title_w = width.saturating_sub(11 + outlet_w + places_w);
    let lines: Vec<Line> = app
        .articles
        .rows
        .iter()
        .enumerate()
        .skip(app.articles.offset)
        .take(inner.height as usize)
        .map(|(i, a)| {
            let date = a
                .published_at
                .as_deref()
                .and_then(|p| p.get(..10))
                .unwrap_or("undated");
            let mut spans = vec![Span::styled(format!("{date:<10} "), theme.dim())];
            if outlet_w > 0 {
                spans.push(Span::raw(
                    pad_to_width(
                        &strip_controls(a.outlet.as_deref().unwrap_or("-")),
                        outlet_w - 1,
                    ) + " ",
                ));
            }
            if places_w > 0 {
                let places: Vec<String> = a.districts.iter().map(|d| place_name(app, d)).collect();
                spans.push(Span::styled(
                    pad_to_width(&places.join(", "), places_w - 1) + " ",
                    theme.place(),
                ));
            }
            push_marked(
                &mut spans,
                app,
                theme,
                (&a.tags, a.note.is_some()),
                &a.title,
                title_w,
            );
            let line = Line::from(spans);
            if i == app.articles.selected {
                line.style(theme.selected())
            } else {
                line
            }
        })
        .collect();
    if lines.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled(
                "No article matches the filters (c clears them).",
                theme.dim(),
            )),
            inner,
        );
    } else {
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

/// One line of the timeline: a month heading or an event.
enum TimelineLine<'a> {
    Month(String),
    /// The Monday of a week, for events dated to a day or a week.
    Week(chrono::NaiveDate),
    Event(usize, &'a EventSummary),
}

/// Events under month headings, and under week headings inside a month
/// for those dated to a day or a week (a month- or year-long date sits
/// under its month alone).
fn timeline_lines(events: &[EventSummary]) -> Vec<TimelineLine<'_>> {
    let mut out = Vec::with_capacity(events.len() + 24);
    let mut month: Option<&str> = None;
    let mut week: Option<chrono::NaiveDate> = None;
    for (i, e) in events.iter().enumerate() {
        let m = e
            .date_start
            .as_deref()
            .and_then(|d| d.get(..7))
            .unwrap_or("undated");
        if month != Some(m) {
            out.push(TimelineLine::Month(m.to_string()));
            month = Some(m);
            week = None;
        }
        let dated = matches!(
            e.date_precision,
            DatePrecision::Day | DatePrecision::Week | DatePrecision::Reported
        );
        if let Some(day) = e
            .date_start
            .as_deref()
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            && dated
        {
            let monday = day
                - chrono::Days::new(u64::from(
                    chrono::Datelike::weekday(&day).num_days_from_monday(),
                ));
            if week != Some(monday) {
                out.push(TimelineLine::Week(monday));
                week = Some(monday);
            }
        }
        out.push(TimelineLine::Event(i, e));
    }
    out
}

/// The line (month headings counted) on which event `selected` is drawn.
pub fn timeline_position(events: &[EventSummary], selected: usize) -> usize {
    timeline_lines(events)
        .iter()
        .position(|l| matches!(l, TimelineLine::Event(i, _) if *i == selected))
        .unwrap_or(0)
}

/// The event drawn on `line` of the timeline, if that line is an event.
pub fn timeline_event_at(events: &[EventSummary], line: usize) -> Option<usize> {
    match timeline_lines(events).get(line) {
        Some(TimelineLine::Event(i, _)) => Some(*i),
        _ => None,
    }
}

fn month_heading(app: &App, month: &str) -> String {
    let (Some(year), Some(m)) = (
        month.get(..4),
        month.get(5..7).and_then(|m| m.parse::<usize>().ok()),
    ) else {
        return "undated".into();
    };
    let names = match app.script {
        Script::Devanagari => &MONTHS_HI,
        Script::Latin => &MONTHS_EN,
    };
    format!("{} {year}", names.get(m.wrapping_sub(1)).unwrap_or(&"?"))
}

fn week_heading(app: &App, monday: chrono::NaiveDate) -> String {
    let (day, month) = (
        chrono::Datelike::day(&monday),
        chrono::Datelike::month0(&monday) as usize,
    );
    match app.script {
        Script::Devanagari => format!("   {day} {} से सप्ताह", MONTHS_HI[month]),
        Script::Latin => format!("   week of {day} {}", &MONTHS_EN[month][..3]),
    }
}

/// The date as exactly as it is known: a week-only date never looks like a day.
fn event_date(e: &EventSummary) -> String {
    display_date(e.date_start.as_deref(), e.date_precision)
}

/// The date in 14 columns, still only as exact as it is known: "2021-01-12",
/// "wk 2021-02-01", "2021-12", "2022-Q1", "2022", "rep 2021-01-11".
fn short_date(e: &EventSummary) -> String {
    match (e.date_precision, e.date_start.as_deref()) {
        (DatePrecision::Week, Some(d)) => format!("wk {d}"),
        (DatePrecision::Reported, Some(d)) => format!("rep {d}"),
        _ => event_date(e),
    }
}

fn kind_label(kind: EventKind) -> &'static str {
    match kind {
        EventKind::MembershipDrive => "membership",
        EventKind::ContestPlan => "contest plan",
        other => other.as_str(),
    }
}

/// Planned, ongoing, happened and cancelled at a glance, for narrow panes.
fn status_glyph(status: EventStatus) -> &'static str {
    match status {
        EventStatus::Planned => "○",
        EventStatus::Ongoing => "◐",
        EventStatus::Happened => "●",
        EventStatus::Cancelled => "✗",
    }
}

fn status_label(status: EventStatus) -> &'static str {
    match status {
        EventStatus::Planned => "planned",
        EventStatus::Ongoing => "ongoing",
        EventStatus::Happened => "happened",
        EventStatus::Cancelled => "cancelled",
    }
}

fn draw_timeline(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let block = pane(
        format!(
            "Timeline ({} events)  ○ planned ◐ ongoing ● happened ✗ cancelled",
            count_text(app.counts.events)
        ),
        app.focus == Focus::List,
        theme,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if app.events.rows.is_empty() {
        let empty = if app.events_pending {
            "Searching…"
        } else {
            "No event matches the filters (c clears them)."
        };
        frame.render_widget(Paragraph::new(Line::styled(empty, theme.dim())), inner);
        return;
    }
    let width = inner.width as usize;
    let words = width >= 80;
    let places_w = if width >= 90 {
        18
    } else if width >= 70 {
        12
    } else {
        0
    };
    let status_w = if words { 10 } else { 2 };
    let fixed = 15 + status_w + 13 + 7 + places_w + 4;
    let evidence_w = width.saturating_sub(fixed);
    let items: Vec<ListItem> = timeline_lines(&app.events.rows)
        .into_iter()
        .map(|line| match line {
            TimelineLine::Month(m) => ListItem::new(Line::styled(
                format!("── {} ", month_heading(app, &m)),
                theme.heading(),
            )),
            TimelineLine::Week(monday) => {
                ListItem::new(Line::styled(week_heading(app, monday), theme.dim()))
            }
            TimelineLine::Event(i, e) => {
                let status = if words {
                    pad_to_width(status_label(e.status), 9)
                } else {
                    status_glyph(e.status).to_string()
                };
                let mut spans = vec![
                    Span::styled(
                        pad_to_width(&short_date(e), 14) + " ",
                        precision_style(theme, e.date_precision),
                    ),
                    Span::styled(status + " ", theme.status(e.status)),
                    Span::raw(pad_to_width(kind_label(e.kind), 12) + " "),
                    Span::styled(
                        pad_to_width(e.party.as_deref().unwrap_or("-"), 6) + " ",
                        theme.party(e.party.as_deref()),
                    ),
                ];
                if places_w > 0 {
                    let places: Vec<String> = e.places.iter().map(|p| place_name(app, p)).collect();
                    spans.push(Span::styled(
                        pad_to_width(&places.join(", "), places_w - 1) + " ",
                        theme.place(),
                    ));
                }
                let sources = e.sources;
                spans.push(Span::styled(
                    format!("{:>2}× ", sources.min(99)),
                    theme.dim(),
                ));
                push_marked(
                    &mut spans,
                    app,
                    theme,
                    (&e.tags, e.note.is_some()),
                    &e.evidence,
                    evidence_w,
                );
                let line = Line::from(spans);
                ListItem::new(if i == app.events.selected {
                    line.style(theme.selected())
                } else {
                    line
                })
            }
        })
        .collect();
    let mut state = ListState::default().with_offset(app.events.offset);
    frame.render_stateful_widget(List::new(items), inner, &mut state);
}

fn precision_style(theme: &Theme, precision: DatePrecision) -> Style {
    match precision {
        DatePrecision::Day => Style::default(),
        DatePrecision::Reported => theme.dim(),
        _ => theme.approximate(),
    }
}

/// Events per week, stacked by party, oldest week on the left.
fn draw_chart(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let title = match &app.weeks {
        Some(_) => "Events per week, by party",
        None => "Events per week, by party: counting…",
    };
    let block = pane(title.into(), false, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(all_weeks) = app.weeks.as_deref() else {
        return;
    };
    if inner.height < 2 || inner.width < 8 || all_weeks.is_empty() {
        return;
    }
    let weeks: Vec<&str> = {
        let mut w: Vec<&str> = all_weeks.iter().map(|w| w.week.as_str()).collect();
        w.dedup();
        w
    };
    let legend_w = 12u16.min(inner.width / 3);
    let bars = Rect {
        width: inner.width - legend_w,
        height: inner.height - 1,
        ..inner
    };
    // Several weeks share a column when there are more weeks than columns.
    let per_column = weeks.len().div_ceil(bars.width as usize).max(1);
    let columns: Vec<Vec<(Option<&str>, u64)>> = weeks
        .chunks(per_column)
        .map(|chunk| {
            let mut parties: Vec<(Option<&str>, u64)> = Vec::new();
            for w in all_weeks
                .iter()
                .filter(|w| chunk.contains(&w.week.as_str()))
            {
                match parties.iter_mut().find(|(p, _)| *p == w.party.as_deref()) {
                    Some((_, n)) => *n += w.events,
                    None => parties.push((w.party.as_deref(), w.events)),
                }
            }
            parties
        })
        .collect();
    let tallest = columns
        .iter()
        .map(|c| c.iter().map(|p| p.1).sum::<u64>())
        .max()
        .unwrap_or(1)
        .max(1);
    // Few weeks get wider bars, with a gap between them.
    let bar_w = (bars.width as usize / columns.len().max(1)).clamp(1, 4) as u16;
    let buf = frame.buffer_mut();
    for (n_column, column) in columns.iter().enumerate() {
        let x = bars.x + n_column as u16 * bar_w;
        let mut y = bars.bottom();
        for (party, n) in column {
            let cells = ((*n as f64 / tallest as f64) * bars.height as f64)
                .round()
                .max(1.0) as u16;
            for _ in 0..cells {
                if y <= bars.y {
                    break;
                }
                y -= 1;
                for dx in 0..bar_w.saturating_sub(1).max(1) {
                    if let Some(cell) = buf.cell_mut(Position::new(x + dx, y)) {
                        cell.set_symbol("█").set_style(theme.party(*party));
                    }
                }
            }
        }
    }
    let first = weeks.first().copied().unwrap_or_default();
    let last = weeks.last().copied().unwrap_or_default();
    let axis = format!("{first} … {last}  (max {tallest}/column)");
    buf.set_stringn(
        bars.x,
        bars.bottom(),
        truncate_to_width(&axis, bars.width as usize),
        bars.width as usize,
        theme.dim(),
    );
    let mut parties: Vec<Option<&str>> = all_weeks.iter().map(|w| w.party.as_deref()).collect();
    parties.sort();
    parties.dedup();
    let legend_x = bars.right() + 1;
    for (row, party) in parties.iter().take(inner.height as usize).enumerate() {
        buf.set_stringn(
            legend_x,
            inner.y + row as u16,
            format!("█ {}", party.unwrap_or("none")),
            legend_w.saturating_sub(1) as usize,
            theme.party(*party),
        );
    }
}

fn draw_map(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let title = if app.map.counting {
        "Map: district headquarters, events under the filters: counting…"
    } else {
        "Map: district headquarters, events under the filters"
    };
    let block = pane(title.into(), app.focus == Focus::List, theme);
    let points = &app.map.points;
    let selected = points.get(app.map.selected);
    let canvas = Canvas::default()
        .block(block)
        .marker(Marker::Braille)
        .x_bounds([77.0, 84.8])
        .y_bounds([23.8, 30.5])
        .paint(|ctx| {
            let quiet: Vec<(f64, f64)> = points
                .iter()
                .filter(|p| p.events == 0)
                .map(|p| (p.longitude, p.latitude))
                .collect();
            ctx.draw(&Points {
                coords: &quiet,
                color: theme.map_quiet(),
            });
            let busy: Vec<(f64, f64)> = points
                .iter()
                .filter(|p| p.events > 0)
                .map(|p| (p.longitude, p.latitude))
                .collect();
            ctx.draw(&Points {
                coords: &busy,
                color: theme.map_busy(),
            });
            ctx.layer();
            for p in points.iter().filter(|p| p.events > 0) {
                ctx.print(
                    p.longitude,
                    p.latitude,
                    Span::styled(p.events.to_string(), theme.map_count()),
                );
            }
            if let Some(p) = selected {
                let name = place_name(app, &p.name_en);
                ctx.print(
                    p.longitude,
                    p.latitude,
                    Span::styled(format!("◆{name} {}", p.events), theme.selected()),
                );
            }
        });
    frame.render_widget(canvas, area);
}

fn draw_detail(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let focused = app.focus == Focus::Detail;
    let (title, text) = match &app.detail {
        Detail::None => (
            "Detail".to_string(),
            Text::styled("Nothing selected.", theme.dim()),
        ),
        Detail::Article {
            article,
            marks,
            events,
        } => (
            "Article".to_string(),
            article_text(app, theme, article, marks, events),
        ),
        Detail::Event { event, sources } => {
            ("Event".to_string(), event_text(app, theme, event, sources))
        }
        Detail::District(p) => {
            let name = format!(
                "{} / {}",
                p.name_hi.as_deref().unwrap_or(&p.name_en),
                p.name_en
            );
            (
                "District".to_string(),
                Text::from(vec![
                    Line::styled(strip_controls(&name), theme.title()),
                    Line::raw(format!("{} events under the current filters", p.events)),
                    Line::raw(format!(
                        "headquarters at {:.3}°N {:.3}°E",
                        p.latitude, p.longitude
                    )),
                    Line::raw(""),
                    Line::styled(
                        "Arrows move between districts; Enter filters to this one.",
                        theme.dim(),
                    ),
                ]),
            )
        }
    };
    let lines = super::wrap::wrap(text.lines, area.width.saturating_sub(2) as usize);
    let paragraph = Paragraph::new(lines)
        .scroll((app.detail_scroll, 0))
        .block(pane(title, focused, theme));
    frame.render_widget(paragraph, area);
}

fn article_text(
    app: &App,
    theme: &Theme,
    a: &crate::model::Article,
    marks: &[(Field, std::ops::Range<usize>, Mark)],
    events: &[EventSummary],
) -> Text<'static> {
    let mut lines = Vec::new();
    if a.sample {
        lines.push(Line::styled(
            "SAMPLE DATA: written for chunav, not real reporting",
            theme.warning(),
        ));
    }
    lines.extend(marked_lines(
        app,
        theme,
        &a.title,
        Field::Title,
        marks,
        theme.title(),
    ));
    let meta: Vec<String> = [
        a.outlet.clone(),
        a.published_at.as_deref().map(published_label),
        a.author.as_ref().map(|x| format!("by {x}")),
        a.dateline_place
            .as_ref()
            .map(|d| format!("dateline {}", place_name(app, d))),
    ]
    .into_iter()
    .flatten()
    .collect();
    lines.push(Line::styled(
        text_in_script(app, &meta.join(" · ")),
        theme.dim(),
    ));
    if !a.districts.is_empty() {
        let places: Vec<String> = a.districts.iter().map(|d| place_name(app, d)).collect();
        lines.push(Line::styled(
            format!("districts: {}", places.join(", ")),
            theme.place(),
        ));
    }
    if let Some(url) = &a.url {
        lines.push(Line::styled(strip_controls(url), theme.dim()));
    }
    lines.extend(marks_lines(theme, &a.tags, a.note.as_deref()));
    lines.push(Line::raw(""));
    if let Some(s) = &a.standfirst {
        lines.extend(marked_lines(
            app,
            theme,
            s,
            Field::Standfirst,
            marks,
            Style::default().add_modifier(Modifier::ITALIC),
        ));
        lines.push(Line::raw(""));
    }
    lines.extend(marked_lines(
        app,
        theme,
        &a.body,
        Field::Body,
        marks,
        Style::default(),
    ));
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!("Events found in this article ({})", events.len()),
        theme.heading(),
    ));
    for e in events {
        lines.extend(event_summary_lines(app, theme, e));
    }
    Text::from(lines)
}

fn event_summary_lines(app: &App, theme: &Theme, e: &EventSummary) -> Vec<Line<'static>> {
    let places: Vec<String> = e.places.iter().map(|p| place_name(app, p)).collect();
    vec![
        Line::from(vec![
            Span::styled(event_date(e), precision_style(theme, e.date_precision)),
            Span::raw(" "),
            Span::styled(status_label(e.status), theme.status(e.status)),
            Span::raw(format!(" {} ", e.kind.as_str())),
            Span::styled(
                e.party.clone().unwrap_or_else(|| "-".into()),
                theme.party(e.party.as_deref()),
            ),
            Span::styled(format!(" {}", places.join(", ")), theme.place()),
        ]),
        Line::styled(
            format!("  “{}”", text_in_script(app, &e.evidence)),
            theme.dim(),
        ),
    ]
}

/// "2021-01-11 15:07 IST", or the stamp as stored when it does not parse.
fn published_label(stamp: &str) -> String {
    match crate::ingest::parse_timestamp(stamp) {
        Some(t) if t.offset().local_minus_utc() == 19_800 => {
            t.format("%Y-%m-%d %H:%M IST").to_string()
        }
        Some(t) => t.format("%Y-%m-%d %H:%M %:z").to_string(),
        None => stamp.to_string(),
    }
}

/// Text split into lines, with the marked spans styled.
fn marked_lines(
    app: &App,
    theme: &Theme,
    text: &str,
    field: Field,
    marks: &[(Field, std::ops::Range<usize>, Mark)],
    base: Style,
) -> Vec<Line<'static>> {
    let mut lines = vec![Line::default()];
    let mut at = 0;
    let push = |lines: &mut Vec<Line<'static>>, piece: &str, style: Style| {
        for (n, part) in piece.split('\n').enumerate() {
            if n > 0 {
                lines.push(Line::default());
            }
            if !part.is_empty() {
                lines
                    .last_mut()
                    .expect("one line")
                    .push_span(Span::styled(text_in_script(app, part), style));
            }
        }
    };
    for (_, range, mark) in marks.iter().filter(|(f, _, _)| *f == field) {
        if range.start < at
            || range.end > text.len()
            || !text.is_char_boundary(range.start)
            || !text.is_char_boundary(range.end)
        {
            continue;
        }
        push(&mut lines, &text[at..range.start], base);
        let style = match mark {
            Mark::Place => theme.place(),
            Mark::Party => theme.party_mark(),
            Mark::Person => theme.person(),
            Mark::Date => theme.date(),
            Mark::SearchHit => theme.search_hit(),
        };
        push(&mut lines, &text[range.clone()], base.patch(style));
        at = range.end;
    }
    push(&mut lines, &text[at..], base);
    lines
}

fn event_text(
    app: &App,
    theme: &Theme,
    e: &EventSummary,
    sources: &[crate::model::ArticleSummary],
) -> Text<'static> {
    let places: Vec<String> = e.places.iter().map(|p| place_name(app, p)).collect();
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("{} ", e.kind.as_str()), theme.title()),
            Span::styled(status_label(e.status), theme.status(e.status)),
        ]),
        Line::from(vec![
            Span::styled("date      ", theme.dim()),
            Span::styled(event_date(e), precision_style(theme, e.date_precision)),
            Span::styled(
                format!("  ({} precision)", e.date_precision.as_str()),
                theme.dim(),
            ),
        ]),
    ];
    if let Some(t) = &e.date_text {
        lines.push(Line::from(vec![
            Span::styled("written   ", theme.dim()),
            Span::styled(text_in_script(app, t), theme.date()),
        ]));
    }
    lines.push(Line::from(vec![
        Span::styled("party     ", theme.dim()),
        Span::styled(
            e.party.clone().unwrap_or_else(|| "-".into()),
            theme.party(e.party.as_deref()),
        ),
    ]));
    lines.push(Line::from(vec![
        Span::styled("places    ", theme.dim()),
        Span::styled(places.join(", "), theme.place()),
    ]));
    if !e.people.is_empty() {
        lines.push(Line::from(vec![
            Span::styled("people    ", theme.dim()),
            Span::styled(e.people.join(", "), theme.person()),
        ]));
    }
    lines.push(Line::from(vec![
        Span::styled("review    ", theme.dim()),
        Span::raw(format!(
            "{}  (confidence {:.1})",
            e.review_state, e.confidence
        )),
    ]));
    lines.extend(marks_lines(theme, &e.tags, e.note.as_deref()));
    lines.push(Line::raw(""));
    lines.push(Line::styled("Evidence", theme.heading()));
    lines.push(Line::raw(text_in_script(app, &e.evidence)));
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!("Sources ({})", e.sources),
        theme.heading(),
    ));
    for s in sources {
        let date = s
            .published_at
            .as_deref()
            .and_then(|p| p.get(..10))
            .unwrap_or("undated");
        lines.push(Line::from(vec![
            Span::styled(format!("{date} "), theme.dim()),
            Span::raw(text_in_script(app, &s.title)),
        ]));
        if let Some(outlet) = &s.outlet {
            lines.push(Line::styled(
                format!("           {}", strip_controls(outlet)),
                theme.dim(),
            ));
        }
    }
    if let Some(more) = e
        .sources
        .checked_sub(sources.len() as u64)
        .filter(|n| *n > 0)
    {
        lines.push(Line::styled(
            format!("… and {more} more (all are in an export of the timeline)"),
            theme.dim(),
        ));
    }
    lines.push(Line::raw(""));
    let keys = |a: Action| app.keymap.keys_for(a).join("/");
    lines.push(Line::styled(
        format!(
            "{} confirm · {} reject · {} correct kind and date",
            keys(Action::Confirm),
            keys(Action::Reject),
            keys(Action::Edit)
        ),
        theme.dim(),
    ));
    Text::from(lines)
}

fn draw_keys(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    if let Some(m) = &app.message {
        let style = if m.error {
            theme.error()
        } else {
            theme.filter()
        };
        frame.render_widget(
            Paragraph::new(Line::styled(format!(" {}", strip_controls(&m.text)), style)),
            area,
        );
        return;
    }
    let mut spans = Vec::new();
    let mut bar = [
        Action::Help,
        Action::Search,
        Action::PickDistrict,
        Action::PickParty,
        Action::DateRange,
        Action::ClearFilters,
        Action::Export,
    ]
    .to_vec();
    if app.tab == Tab::Timeline {
        bar.extend([Action::Confirm, Action::Reject, Action::Edit]);
    }
    bar.extend([Action::ToggleScript, Action::NextPane, Action::Quit]);
    for action in bar {
        let key = app
            .keymap
            .keys_for(action)
            .into_iter()
            .next()
            .unwrap_or_default();
        let what = match action {
            Action::Help => "help",
            Action::PickDistrict => "district",
            Action::PickParty => "party",
            Action::DateRange => "dates",
            Action::ClearFilters => "clear",
            Action::Export => "export",
            Action::ToggleScript => "अ/a",
            Action::NextPane => "pane",
            Action::Confirm => "confirm",
            Action::Reject => "reject",
            Action::Edit => "edit",
            Action::Search => "search",
            _ => action.name(),
        };
        spans.push(Span::styled(format!(" {key}"), theme.key()));
        spans.push(Span::raw(format!(" {what} ")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// A box of `w`×`h` in the middle of `area`, cleared.
fn popup_area(frame: &mut Frame, area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    let r = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    };
    frame.render_widget(Clear, r);
    // A cluster of two or more columns just left of the box (स्थि takes
    // three) would reach under its border; blank it so the border is whole.
    let buf = frame.buffer_mut();
    for y in r.top()..r.bottom() {
        for back in 1..=r.x.min(4) {
            if let Some(cell) = buf.cell_mut(Position::new(r.x - back, y))
                && display_width(cell.symbol()) > back as usize
            {
                cell.set_symbol(" ");
            }
        }
    }
    r
}

fn draw_help(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    // Two columns when one would not fit the screen's height.
    let two = Action::ALL.len() as u16 + 4 > area.height;
    let column = if two {
        (area.width.saturating_sub(4) / 2).min(52)
    } else {
        52
    } as usize;
    let entries: Vec<Line> = Action::ALL
        .iter()
        .map(|&a| {
            let keys = app.keymap.keys_for(a).join(" ");
            Line::from(vec![
                Span::styled(pad_to_width(&keys, 10), theme.key()),
                Span::raw(pad_to_width(a.describe(), column.saturating_sub(11))),
            ])
        })
        .collect();
    let rows = if two {
        entries.len().div_ceil(2)
    } else {
        entries.len()
    };
    let mut lines: Vec<Line> = (0..rows)
        .map(|i| {
            let mut line = entries[i].clone();
            if two && let Some(right) = entries.get(i + rows) {
                line.spans.push(Span::raw(" "));
                line.spans.extend(right.spans.iter().cloned());
            }
            line
        })
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "Mouse: the wheel scrolls, a click selects. Any key closes this.",
        theme.dim(),
    ));
    let width = if two {
        column as u16 * 2 + 3
    } else {
        column as u16 + 2
    };
    let r = popup_area(frame, area, width, lines.len() as u16 + 2);
    frame.render_widget(
        Paragraph::new(lines).block(pane("Keys".into(), true, theme)),
        r,
    );
}

fn draw_picker(frame: &mut Frame, app: &App, theme: &Theme, picker: &Picker, area: Rect) {
    let r = popup_area(frame, area, 64, 20);
    let block = pane(
        format!("{} (type to narrow, Enter chooses)", picker.title),
        true,
        theme,
    );
    let inner = block.inner(r);
    frame.render_widget(block, r);
    if inner.height == 0 {
        return;
    }
    let input = Line::from(vec![
        Span::styled("> ", theme.key()),
        Span::raw(strip_controls(&picker.input)),
        Span::styled("▏", theme.key()),
    ]);
    frame.render_widget(Paragraph::new(input), Rect { height: 1, ..inner });
    let rows = inner.height.saturating_sub(1) as usize;
    let skip = picker.selected.saturating_sub(rows.saturating_sub(1));
    let width = inner.width as usize;
    let lines: Vec<Line> = picker
        .matched()
        .enumerate()
        .skip(skip)
        .take(rows)
        .map(|(i, c)| {
            let (first, second) = match app.script {
                Script::Devanagari => (&c.label_hi, &c.label_en),
                Script::Latin => (&c.label_en, &c.label_en),
            };
            let name = if first == second {
                strip_controls(first)
            } else {
                format!("{} {}", strip_controls(first), strip_controls(second))
            };
            let note_w = display_width(&c.note).min(width / 3);
            let line = Line::from(vec![
                Span::raw(pad_to_width(&name, width.saturating_sub(note_w + 1))),
                Span::styled(
                    format!(" {}", truncate_to_width(&c.note, note_w)),
                    theme.dim(),
                ),
            ]);
            if i == picker.selected {
                line.style(theme.selected())
            } else {
                line
            }
        })
        .collect();
    let list_area = Rect {
        y: inner.y + 1,
        height: inner.height - 1,
        ..inner
    };
    if lines.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled("nothing matches", theme.dim())),
            list_area,
        );
    } else {
        frame.render_widget(Paragraph::new(lines), list_area);
    }
}

fn draw_input(
    frame: &mut Frame,
    theme: &Theme,
    area: Rect,
    title: &str,
    hint: &str,
    text: &str,
    error: Option<&str>,
) {
    // A query's mistake takes three lines: the reason, the query and a
    // caret under the word.
    let error_lines: Vec<&str> = error.map(|e| e.lines().collect()).unwrap_or_default();
    let r = popup_area(frame, area, 70, 5 + error_lines.len().max(1) as u16);
    // The end of what was typed, where the cursor is, stays in view.
    let room = r.width.saturating_sub(5) as usize;
    let typed = strip_controls(text);
    let mut shown: Vec<&str> = typed.graphemes(true).rev().collect();
    let mut used = 0;
    shown.retain(|g| {
        used += display_width(g);
        used <= room
    });
    shown.reverse();
    let mut lines = vec![
        Line::from(vec![
            Span::styled("> ", theme.key()),
            Span::raw(shown.concat()),
            Span::styled("▏", theme.key()),
        ]),
        Line::styled(hint.to_string(), theme.dim()),
    ];
    for e in error_lines {
        lines.push(Line::styled(strip_controls(e), theme.error()));
    }
    let block = pane(format!("{title} (Enter accepts, Esc cancels)"), true, theme);
    frame.render_widget(
        Paragraph::new(super::wrap::wrap(lines, r.width.saturating_sub(2) as usize)).block(block),
        r,
    );
}

fn draw_export(frame: &mut Frame, app: &App, theme: &Theme, dialog: &ExportDialog, area: Rect) {
    let formats: Vec<Span> = ExportFormat::ALL
        .iter()
        .flat_map(|&f| {
            let style = if f == dialog.format {
                theme.selected()
            } else {
                theme.dim()
            };
            [
                Span::styled(format!(" {} ", f.name()), style),
                Span::raw(" "),
            ]
        })
        .collect();
    let mut lines = vec![
        Line::raw(format!(
            "{} events under the current filters.",
            count_text(app.counts.events)
        )),
        Line::from(formats),
        Line::styled(
            "↑/↓ format · type the file name · Enter writes · Esc cancels",
            theme.dim(),
        ),
        Line::from(vec![
            Span::styled("file > ", theme.key()),
            Span::raw(strip_controls(&dialog.path)),
            Span::styled("▏", theme.key()),
        ]),
    ];
    if let Some(e) = &dialog.error {
        lines.push(Line::styled(strip_controls(e), theme.error()));
    }
    let r = popup_area(frame, area, 76, lines.len() as u16 + 4);
    let lines = super::wrap::wrap(lines, r.width.saturating_sub(2) as usize);
    frame.render_widget(
        Paragraph::new(lines).block(pane("Export the timeline".into(), true, theme)),
        r,
    );
}

fn draw_offer(frame: &mut Frame, theme: &Theme, area: Rect) {
    let r = popup_area(frame, area, 64, 9);
    let lines = vec![
        Line::styled("This store has no articles yet.", theme.title()),
        Line::raw(""),
        // One line, wrapped to the box: fixed breaks wrap again in a narrow one.
        Line::raw(
            "Load the sample articles? They follow AIMIM and other parties in Purvanchal, \
             2020–2022, were written for chunav, and are marked as sample data \
             (chunav demo --remove deletes them).",
        ),
        Line::raw(""),
        Line::styled("y load them · n not now · q quit", theme.key()),
    ];
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(pane(
            "Welcome to chunav".into(),
            true,
            theme,
        )),
        r,
    );
}

/// The screen as text, one line per row (for tests and screenshots).
pub fn buffer_text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buf[(x, y)].symbol();
            line.push_str(symbol);
            skip = display_width(symbol).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Colour names for the chart legend and tests.
pub fn colour_of(hex: &str) -> Option<Color> {
    let hex = hex.strip_prefix('#')?;
    if hex.len() != 6 {
        return None;
    }
    let n = u32::from_str_radix(hex, 16).ok()?;
    Some(Color::Rgb((n >> 16) as u8, (n >> 8) as u8, n as u8))
}
