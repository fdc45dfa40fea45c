//! The interface's state, as plain data, and `update`, the one place it
//! changes. Input becomes an `Action`; `update` applies it, asking the
//! store for pages of rows; drawing only reads what is here.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use ratatui::layout::{Position, Rect};

use super::keymap::{Action, Keymap};
use super::picker::{Choice, Picker};
use super::tally::{Tally, TallyRequest};
use super::view::{self, Areas};
use super::views_pane::ViewsPane;
use crate::export::{self, Destination, ExportFormat, ExportOptions};
use crate::extract::{Entity, Extractor, Field};
use crate::model::{
    Article, ArticleSummary, DatePrecision, EventKind, EventSummary, PlaceKind, PlaceNode,
};
use crate::query::{
    ArticleFilter, EventFilter, EventPage, FilterArgs, Page, Query, period_days, search_query,
    search_word_spans, search_words,
};
use crate::store::{DistrictPoint, EventReview, PartyInfo, Store, WeekCount};
use crate::{Error, Result};

mod annotate;

/// Rows fetched per page; more are fetched as the selection nears the end.
/// About three screens: each page costs a keypress as many row reads.
pub const PAGE: usize = 100;

/// Source articles listed under an event: a campaign's big events are
/// reported by hundreds, and reading them all would hold up a keypress.
pub const SOURCES_SHOWN: usize = 50;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tab {
    Articles,
    Timeline,
    Map,
}

impl Tab {
    pub const ALL: [Tab; 3] = [Tab::Articles, Tab::Timeline, Tab::Map];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Articles => "Articles",
            Tab::Timeline => "Timeline",
            Tab::Map => "Map",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Places,
    Views,
    List,
    Detail,
}

/// Names in Devanagari (the default) or Latin letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    Devanagari,
    Latin,
}

/// A place filter as the user chose it.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceChoice {
    pub id: i64,
    pub kind: PlaceKind,
    pub name_hi: String,
    pub name_en: String,
}

/// The date range filter: what was typed and the days it covers.
#[derive(Debug, Clone, PartialEq)]
pub struct DateRange {
    pub text: String,
    pub from: Option<String>,
    pub to: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    pub place: Option<PlaceChoice>,
    /// Party id and code.
    pub party: Option<(i64, String)>,
    pub dates: Option<DateRange>,
    pub search: Option<String>,
    /// Clauses of a query that none of the above holds (`kind:rally`,
    /// `-party:bjp`), as written.
    pub query: Option<String>,
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }

    /// The filters as the query module takes them: the place as a clause
    /// of its level before the other clauses, the rest as flags. Place names
    /// are written in Hindi for `hindi`; both resolve alike.
    pub fn args(&self, hindi: bool) -> FilterArgs {
        let place = self.place.as_ref().map(|p| {
            let field = match p.kind {
                PlaceKind::District => "district",
                PlaceKind::Division => "division",
                PlaceKind::State => "state",
                _ => "region",
            };
            let name = if hindi { &p.name_hi } else { &p.name_en };
            if name.contains([' ', ',']) {
                format!("{field}:\"{}\"", name.replace('"', ""))
            } else {
                format!("{field}:{name}")
            }
        });
        let query: Vec<String> = place.into_iter().chain(self.query.clone()).collect();
        FilterArgs {
            query: (!query.is_empty()).then(|| query.join(" ")),
            party: self.party.as_ref().map(|(_, code)| code.clone()),
            from: self.dates.as_ref().and_then(|d| d.from.clone()),
            to: self.dates.as_ref().and_then(|d| d.to.clone()),
            search: self.search.clone(),
            ..FilterArgs::default()
        }
    }

    /// The filters written as one query, as the header and the query box
    /// show them.
    pub fn query_text(&self, hindi: bool) -> String {
        self.args(hindi).written().unwrap_or_default()
    }

    fn articles(&self, store: &Store) -> Result<ArticleFilter> {
        self.args(false).resolve(store)
    }

    fn events(&self, store: &Store) -> Result<EventFilter> {
        self.args(false).resolve_events(store)
    }
}

/// "2021-01..2021-03", "2021", "..2021-06", "2021-02-01..".
pub fn parse_date_range(text: &str) -> Result<DateRange> {
    let text = text.trim();
    let (from, to) = match text.split_once("..") {
        Some((a, b)) => (a.trim(), b.trim()),
        None => (text, text),
    };
    let side = |s: &str| -> Result<Option<String>> {
        if s.is_empty() {
            return Ok(None);
        }
        period_days(s)?;
        Ok(Some(s.to_string()))
    };
    let range = DateRange {
        text: text.to_string(),
        from: side(from)?,
        to: side(to)?,
    };
    if range.from.is_none() && range.to.is_none() {
        return Err(Error::Invalid(
            "give a date, a range FROM..TO, or leave one side open".into(),
        ));
    }
    if let (Some(a), Some(b)) = (&range.from, &range.to)
        && period_days(a)?.0 >= period_days(b)?.1
    {
        return Err(Error::Invalid(format!("{a} is after {b}")));
    }
    Ok(range)
}

/// Rows fetched so far, the selected one and the first one on screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Paged<T> {
    pub rows: Vec<T>,
    pub selected: usize,
    pub offset: usize,
    /// No more rows after the last one fetched.
    pub done: bool,
}

impl<T> Default for Paged<T> {
    fn default() -> Self {
        Paged {
            rows: Vec::new(),
            selected: 0,
            offset: 0,
            done: true,
        }
    }
}

impl<T> Paged<T> {
    pub fn current(&self) -> Option<&T> {
        self.rows.get(self.selected)
    }
}

/// One visible row of the place tree.
#[derive(Debug, Clone, PartialEq)]
pub struct TreeRow {
    /// `None` is "all places".
    pub id: Option<i64>,
    pub depth: usize,
    pub kind: Option<PlaceKind>,
    pub name_hi: String,
    pub name_en: String,
    pub articles: u64,
    pub events: u64,
    pub has_children: bool,
    pub expanded: bool,
    /// A region the user defined.
    pub user: bool,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlaceTree {
    roots: Vec<PlaceNode>,
    expanded: HashSet<i64>,
    /// Whether the rows' counts have arrived.
    pub counted: bool,
    pub rows: Vec<TreeRow>,
    pub selected: usize,
    pub offset: usize,
}

impl PlaceTree {
    fn rebuild(&mut self) {
        let mut rows = vec![TreeRow {
            id: None,
            depth: 0,
            kind: None,
            name_hi: "सभी स्थान".into(),
            name_en: "All places".into(),
            articles: self.roots.iter().map(|r| r.articles).max().unwrap_or(0),
            events: 0,
            has_children: false,
            expanded: false,
            user: false,
        }];
        fn walk(node: &PlaceNode, depth: usize, tree: &PlaceTree, rows: &mut Vec<TreeRow>) {
            let expanded = tree.expanded.contains(&node.id);
            rows.push(TreeRow {
                id: Some(node.id),
                depth,
                kind: Some(node.kind),
                name_hi: node.name_hi.clone().unwrap_or_else(|| node.name_en.clone()),
                name_en: node.name_en.clone(),
                articles: node.articles,
                events: node.events,
                has_children: !node.children.is_empty(),
                expanded,
                user: node.user,
            });
            if expanded {
                for child in &node.children {
                    walk(child, depth + 1, tree, rows);
                }
            }
        }
        for root in &self.roots {
            // States with nothing in them only clutter the tree.
            if root.articles > 0 || !root.children.is_empty() {
                walk(root, 0, self, &mut rows);
            }
        }
        self.selected = self.selected.min(rows.len().saturating_sub(1));
        self.rows = rows;
    }

    fn set_expanded(&mut self, expand: bool) {
        let Some(row) = self.rows.get(self.selected) else {
            return;
        };
        let Some(id) = row.id else { return };
        if expand && row.has_children {
            self.expanded.insert(id);
        } else if !expand && row.expanded {
            self.expanded.remove(&id);
        } else if !expand {
            // On a leaf or a closed node, ← goes to the parent.
            let depth = row.depth;
            if let Some(parent) = self.rows[..self.selected]
                .iter()
                .rposition(|r| r.depth < depth)
            {
                self.selected = parent;
            }
            return;
        }
        self.rebuild();
    }
}

/// The map: every district's headquarters with its events.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MapView {
    pub points: Vec<DistrictPoint>,
    pub selected: usize,
    /// The points' counts are for earlier filters; new ones are coming.
    pub counting: bool,
}

impl MapView {
    /// The nearest district in a direction (dx, dy in longitude/latitude
    /// signs), within 60° of it.
    fn step(&mut self, dx: f64, dy: f64) {
        let Some(here) = self.points.get(self.selected) else {
            return;
        };
        let best = self
            .points
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != self.selected)
            .filter_map(|(i, p)| {
                let (x, y) = (p.longitude - here.longitude, p.latitude - here.latitude);
                let along = x * dx + y * dy;
                let across = (x * dy - y * dx).abs();
                (along > 0.0 && across <= along * 1.8).then_some((i, along + 2.0 * across))
            })
            .min_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((i, _)) = best {
            self.selected = i;
        }
    }
}

/// A word or date in an article's text to show highlighted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Place,
    Party,
    Person,
    Date,
    /// A word the search matched.
    SearchHit,
}

/// What the detail pane shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Detail {
    None,
    Article {
        article: Box<Article>,
        /// Byte spans to highlight, per field, sorted.
        marks: Vec<(Field, std::ops::Range<usize>, Mark)>,
        events: Vec<EventSummary>,
    },
    Event {
        event: Box<EventSummary>,
        /// (id, title, outlet, published) of each source article.
        sources: Vec<ArticleSummary>,
    },
    District(Box<DistrictPoint>),
}

/// What a text input is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    Search,
    Dates,
    EditEvent,
    /// "+urgent -done" for the selected article or event.
    Tags,
    Note,
    /// The filters as a query.
    Query,
    /// The name to save the filters under as a view.
    ViewName,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    pub kind: InputKind,
    pub text: String,
    pub error: Option<String>,
    /// The filters before a live search began, restored by Esc.
    before: Option<Filters>,
}

/// The export box: a format and a file.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportDialog {
    pub format: ExportFormat,
    pub path: String,
    /// The path still is the one chunav proposed, so a new format changes
    /// its extension.
    proposed: bool,
    /// The file exists and the user was told; Enter again replaces it.
    pub confirm_replace: bool,
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Popup {
    Help,
    Export(ExportDialog),
    PlacePicker(Picker),
    PartyPicker(Picker),
    Input(Input),
    /// The store is empty: offer the sample articles.
    OfferDemo,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// The header's numbers; `None` while being counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub articles: Option<u64>,
    pub events: Option<u64>,
    pub total_articles: Option<u64>,
    pub sample_articles: u64,
}

/// How the app gets its counts (see `tally`).
#[derive(Debug, Clone, PartialEq)]
enum Tallying {
    /// Counted as soon as asked, on the app's own connection: for tests
    /// and stores in memory.
    Inline,
    /// Queued for a worker thread; `take_tally_requests` hands them over.
    Deferred(Vec<TallyRequest>),
}

/// The whole interface state.
pub struct App {
    store: Store,
    pub keymap: Keymap,
    pub running: bool,
    pub size: Rect,
    pub tab: Tab,
    pub focus: Focus,
    pub script: Script,
    pub filters: Filters,
    pub tree: PlaceTree,
    pub views: ViewsPane,
    pub articles: Paged<ArticleSummary>,
    pub events: Paged<EventSummary>,
    /// The timeline's first page is being fetched by a worker (for search
    /// words as they are typed).
    pub events_pending: bool,
    /// Search words are being typed: a timeline page they need is fetched
    /// by a worker, so the next key need not wait for it.
    typing: bool,
    /// The timeline's chart; `None` while being counted.
    pub weeks: Option<Vec<WeekCount>>,
    pub map: MapView,
    pub detail: Detail,
    pub detail_scroll: u16,
    pub popup: Option<Popup>,
    pub counts: Counts,
    pub message: Option<Message>,
    pub parties: Vec<PartyInfo>,
    /// English place name to Hindi, for names the store lists in English.
    pub hindi_names: HashMap<String, String>,
    /// Tabs whose rows match the current filters.
    loaded: HashSet<Tab>,
    /// What the store holds with no filter, kept because clearing the
    /// filters is the most common change and these are the costliest
    /// numbers to count; renewed on import and review.
    unfiltered: Option<Unfiltered>,
    tallying: Tallying,
    /// The filters last resolved, with what they resolved to.
    resolved: Option<(Filters, ArticleFilter, EventFilter)>,
    /// Counts once for each change of the filters; answers to requests made
    /// for earlier filters are dropped.
    generation: u64,
}

#[derive(Debug, Clone, PartialEq)]
struct Unfiltered {
    articles: u64,
    events: u64,
    weeks: Vec<WeekCount>,
}

impl App {
    /// Opens the interface on `store`, at a terminal of `size`, counting
    /// everything before it returns. An empty store opens with the offer of
    /// the sample articles.
    pub fn new(store: Store, keymap: Keymap, size: Rect) -> Result<App> {
        App::open(store, keymap, size, Tallying::Inline)
    }

    /// Like `new`, but what takes counting is left to a `tally::Worker`:
    /// see `take_tally_requests` and `receive_tally`.
    pub fn deferred(store: Store, keymap: Keymap, size: Rect) -> Result<App> {
        App::open(store, keymap, size, Tallying::Deferred(Vec::new()))
    }

    fn open(store: Store, keymap: Keymap, size: Rect, tallying: Tallying) -> Result<App> {
        let hindi_names = store
            .place_choices(&[
                PlaceKind::State,
                PlaceKind::Region,
                PlaceKind::Division,
                PlaceKind::District,
            ])?
            .into_iter()
            .filter_map(|p| Some((p.name_en, p.name_hi?)))
            .collect();
        let mut app = App {
            parties: store.parties()?,
            store,
            keymap,
            running: true,
            size,
            tab: Tab::Articles,
            focus: Focus::List,
            script: Script::Devanagari,
            filters: Filters::default(),
            tree: PlaceTree::default(),
            views: ViewsPane::default(),
            articles: Paged::default(),
            events: Paged::default(),
            events_pending: false,
            typing: false,
            weeks: None,
            map: MapView::default(),
            detail: Detail::None,
            detail_scroll: 0,
            popup: None,
            counts: Counts::default(),
            message: None,
            hindi_names,
            loaded: HashSet::new(),
            unfiltered: None,
            tallying,
            resolved: None,
            generation: 0,
        };
        app.load_tree()?;
        app.views.set_views(app.store.views()?);
        app.load_totals()?;
        app.reload()?;
        if app.store.is_empty()? {
            app.popup = Some(Popup::OfferDemo);
        }
        Ok(app)
    }

    /// Requests made since last asked, for a worker to answer.
    pub fn take_tally_requests(&mut self) -> Vec<TallyRequest> {
        match &mut self.tallying {
            Tallying::Deferred(queue) => std::mem::take(queue),
            Tallying::Inline => Vec::new(),
        }
    }

    /// Takes in a worker's answer; one for filters since changed is dropped.
    pub fn receive_tally(&mut self, answer: Result<Tally>) {
        let current = self.generation;
        match answer {
            Err(e) => self.fail(e),
            Ok(Tally::Counts {
                generation,
                articles,
                events,
            }) if generation == current => {
                self.counts.articles = Some(articles);
                self.counts.events = events;
            }
            Ok(Tally::Events { generation, rows }) if generation == current => {
                self.events_pending = false;
                match rows {
                    Ok(rows) => {
                        self.events.done = rows.len() < PAGE;
                        self.events.rows = rows;
                        if self.tab == Tab::Timeline
                            && let Err(e) = self.load_detail()
                        {
                            self.fail(e);
                        }
                    }
                    // Not done: scrolling asks for the page again.
                    Err(reason) => self.say(&format!("the timeline could not be read: {reason}")),
                }
            }
            Ok(Tally::Weeks { generation, weeks }) if generation == current => {
                self.weeks = Some(weeks);
            }
            Ok(Tally::Map { generation, points }) if generation == current => {
                let keep = self.map.points.get(self.map.selected).map(|p| p.id);
                self.map.points = points;
                self.map.counting = false;
                self.map.selected = keep
                    .or_else(|| self.filters.place.as_ref().map(|p| p.id))
                    .and_then(|id| self.map.points.iter().position(|p| p.id == id))
                    .or_else(|| {
                        self.map
                            .points
                            .iter()
                            .position(|p| p.name_en == "Gorakhpur")
                    })
                    .unwrap_or(0);
            }
            Ok(Tally::Totals(totals)) => {
                self.counts.total_articles = Some(totals.articles);
                self.counts.sample_articles = totals.sample_articles;
                for root in &mut self.tree.roots {
                    root.fill_counts(&totals.places);
                }
                self.tree.counted = true;
                self.tree.rebuild();
                let all = Unfiltered {
                    articles: totals.articles,
                    events: totals.events,
                    weeks: totals.weeks,
                };
                if self.filters.is_empty() {
                    self.counts.articles = Some(all.articles);
                    self.counts.events = Some(all.events);
                    if self.loaded.contains(&Tab::Timeline) {
                        self.weeks = Some(all.weeks.clone());
                    }
                }
                self.unfiltered = Some(all);
            }
            Ok(Tally::Views(counted)) => self.views.receive(counted),
            // For filters since changed.
            Ok(_) => {}
        }
    }

    /// Asks for `request` to be counted: now, or by the worker.
    fn request(&mut self, request: TallyRequest) -> Result<()> {
        match &mut self.tallying {
            Tallying::Deferred(queue) => {
                queue.retain(|queued| !queued.same_kind(&request));
                queue.push(request);
            }
            Tallying::Inline => {
                let answer = request.answer(&self.store)?;
                self.receive_tally(Ok(answer));
            }
        }
        Ok(())
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Turns a terminal event into an action and applies it.
    pub fn handle_event(&mut self, event: &Event) {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.handle_key(key),
            Event::Paste(text) => self.type_text(text),
            Event::Resize(w, h) => self.resize(Rect::new(0, 0, *w, *h)),
            Event::Mouse(mouse) => {
                let at = Position::new(mouse.column, mouse.row);
                match mouse.kind {
                    MouseEventKind::ScrollDown => self.scroll_at(at, 3),
                    MouseEventKind::ScrollUp => self.scroll_at(at, -3),
                    MouseEventKind::Down(MouseButton::Left) => self.click(at),
                    _ => {}
                }
            }
            _ => {}
        }
    }

    pub fn resize(&mut self, size: Rect) {
        self.size = size;
        self.keep_visible();
    }

    fn handle_key(&mut self, key: &KeyEvent) {
        let text_popup = matches!(
            self.popup,
            Some(
                Popup::Input(_) | Popup::PlacePicker(_) | Popup::PartyPicker(_) | Popup::Export(_)
            )
        );
        if text_popup {
            match key.code {
                KeyCode::Esc => self.cancel_popup(),
                KeyCode::Enter => self.accept_popup(),
                KeyCode::Backspace => self.backspace(),
                KeyCode::Up => self.move_popup(-1),
                KeyCode::Down => self.move_popup(1),
                KeyCode::PageUp => self.move_popup(-10),
                KeyCode::PageDown => self.move_popup(10),
                KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                    self.cancel_popup()
                }
                KeyCode::Char(c) => self.type_text(&c.to_string()),
                _ => {}
            }
            return;
        }
        match self.popup {
            Some(Popup::OfferDemo) => {
                match key.code {
                    KeyCode::Char('y' | 'Y') | KeyCode::Enter => self.load_demo(),
                    KeyCode::Char('q') => self.running = false,
                    _ => self.popup = None,
                }
                return;
            }
            Some(Popup::Help) => {
                self.popup = None;
                return;
            }
            _ => {}
        }
        if let Some(action) = self.keymap.action(key) {
            self.update(action);
        }
    }

    /// Applies one action.
    pub fn update(&mut self, action: Action) {
        self.message = None;
        let result = self.apply(action);
        if let Err(e) = result {
            self.fail(e);
        }
        self.keep_visible();
    }

    fn apply(&mut self, action: Action) -> Result<()> {
        match action {
            Action::Quit => self.running = false,
            Action::Help => self.popup = Some(Popup::Help),
            Action::Up => self.move_by(-1)?,
            Action::Down => self.move_by(1)?,
            Action::PageUp => self.move_by(-(self.page_rows() as isize))?,
            Action::PageDown => self.move_by(self.page_rows() as isize)?,
            Action::Top => self.move_by(isize::MIN / 2)?,
            Action::Bottom => self.move_by(isize::MAX / 2)?,
            Action::Left => self.sideways(false)?,
            Action::Right => self.sideways(true)?,
            Action::NextPane => self.cycle_focus(1),
            Action::PrevPane => self.cycle_focus(-1),
            Action::ShowTab(tab) => {
                self.tab = tab;
                if self.focus == Focus::Detail {
                    self.focus = Focus::List;
                }
                self.load_tab()?;
                self.load_detail()?;
            }
            Action::Enter => self.enter()?,
            Action::Back => {
                if self.focus == Focus::Detail {
                    self.focus = Focus::List;
                }
            }
            Action::Search => {
                self.open_input(
                    InputKind::Search,
                    self.filters.search.clone().unwrap_or_default(),
                );
            }
            Action::DateRange => {
                let text = self
                    .filters
                    .dates
                    .as_ref()
                    .map(|d| d.text.clone())
                    .unwrap_or_default();
                self.open_input(InputKind::Dates, text);
            }
            Action::Query => {
                let text = self.filters.query_text(self.script == Script::Devanagari);
                self.open_input(InputKind::Query, text);
            }
            Action::SaveView if self.filters.is_empty() => {
                self.say("set some filters first: a view saves them under a name");
            }
            Action::SaveView => self.open_input(InputKind::ViewName, String::new()),
            Action::PickDistrict => self.open_place_picker()?,
            Action::PickParty => self.open_party_picker(),
            Action::ClearFilters => {
                self.filters = Filters::default();
                self.tree.selected = 0;
                self.reload()?;
                self.say("filters cleared");
            }
            Action::Export => {
                let format = ExportFormat::Html;
                self.popup = Some(Popup::Export(ExportDialog {
                    format,
                    path: proposed_export_path(&self.filters, format),
                    proposed: true,
                    confirm_replace: false,
                    error: None,
                }));
            }
            Action::ToggleScript => {
                self.script = match self.script {
                    Script::Devanagari => Script::Latin,
                    Script::Latin => Script::Devanagari,
                };
            }
            Action::Refresh => self.refresh()?,
            Action::Tag | Action::Note | Action::FollowUp => self.annotate(action)?,
            Action::Confirm => self.review(EventReview::Confirm)?,
            Action::Reject => self.review(EventReview::Reject)?,
            Action::Edit => {
                if let Some(e) = self.selected_event() {
                    let text = format!(
                        "{} {}",
                        e.kind.as_str(),
                        edit_date_text(e.date_start.as_deref(), e.date_precision)
                    );
                    self.open_input(InputKind::EditEvent, text);
                } else {
                    self.say("choose an event on the timeline to edit");
                }
            }
        }
        Ok(())
    }

    fn fail(&mut self, e: Error) {
        self.message = Some(Message {
            text: e.to_string(),
            error: true,
        });
    }

    fn say(&mut self, text: &str) {
        self.message = Some(Message {
            text: text.to_string(),
            error: false,
        });
    }

    pub fn areas(&self) -> Option<Areas> {
        view::layout(self.size, self)
    }

    /// Rows of the list pane that fit on screen.
    fn page_rows(&self) -> usize {
        self.areas()
            .map(|a| a.list.height.saturating_sub(2) as usize)
            .unwrap_or(1)
            .max(1)
    }

    fn cycle_focus(&mut self, step: isize) {
        let order = [Focus::Places, Focus::Views, Focus::List, Focus::Detail];
        let at = order.iter().position(|f| *f == self.focus).unwrap_or(2) as isize;
        self.focus = order[(at + step).rem_euclid(order.len() as isize) as usize];
    }

    fn move_by(&mut self, delta: isize) -> Result<()> {
        match (self.focus, self.tab) {
            (Focus::Places, _) => {
                let last = self.tree.rows.len().saturating_sub(1);
                self.tree.selected = self.tree.selected.saturating_add_signed(delta).min(last);
            }
            (Focus::Views, _) => self.views.move_by(delta),
            (Focus::Detail, _) => {
                let lines = delta.clamp(-10_000, 10_000) as i32;
                self.detail_scroll =
                    (self.detail_scroll as i32 + lines).clamp(0, u16::MAX as i32) as u16;
            }
            (Focus::List, Tab::Articles) => {
                move_in(&mut self.articles, delta);
                if self.articles.selected + PAGE / 2 >= self.articles.rows.len()
                    && !self.articles.done
                {
                    self.more_articles()?;
                    if delta == isize::MAX / 2 {
                        move_in(&mut self.articles, delta);
                    }
                }
                self.load_detail()?;
            }
            (Focus::List, Tab::Timeline) => {
                move_in(&mut self.events, delta);
                if self.events.selected + PAGE / 2 >= self.events.rows.len() && !self.events.done {
                    self.more_events()?;
                    if delta == isize::MAX / 2 {
                        move_in(&mut self.events, delta);
                    }
                }
                self.load_detail()?;
            }
            (Focus::List, Tab::Map) => {
                if delta.abs() == 1 {
                    self.map.step(0.0, -delta as f64);
                }
                self.load_detail()?;
            }
        }
        Ok(())
    }

    fn sideways(&mut self, right: bool) -> Result<()> {
        match (self.focus, self.tab) {
            (Focus::Places, _) => self.tree.set_expanded(right),
            (Focus::List, Tab::Map) => {
                self.map.step(if right { 1.0 } else { -1.0 }, 0.0);
                self.load_detail()?;
            }
            _ => {}
        }
        Ok(())
    }

    fn enter(&mut self) -> Result<()> {
        match (self.focus, self.tab) {
            (Focus::Places, _) => {
                let Some(row) = self.tree.rows.get(self.tree.selected) else {
                    return Ok(());
                };
                self.filters.place = row.id.map(|id| PlaceChoice {
                    id,
                    kind: row.kind.unwrap_or(PlaceKind::District),
                    name_hi: row.name_hi.clone(),
                    name_en: row.name_en.clone(),
                });
                self.reload()?;
            }
            (Focus::Views, _) => {
                if let Some(view) = self.views.current().cloned() {
                    self.apply_query(&view.query)?;
                    self.say(&format!("view {}: {}", view.name, view.query));
                }
            }
            (Focus::List, Tab::Map) => {
                let Some(p) = self.map.points.get(self.map.selected) else {
                    return Ok(());
                };
                self.filters.place = Some(PlaceChoice {
                    id: p.id,
                    kind: PlaceKind::District,
                    name_hi: p.name_hi.clone().unwrap_or_else(|| p.name_en.clone()),
                    name_en: p.name_en.clone(),
                });
                self.reload()?;
            }
            (Focus::List, _) => {
                self.focus = Focus::Detail;
                self.detail_scroll = 0;
            }
            (Focus::Detail, _) => {}
        }
        Ok(())
    }

    fn open_input(&mut self, kind: InputKind, text: String) {
        self.popup = Some(Popup::Input(Input {
            kind,
            text,
            error: None,
            before: (kind == InputKind::Search).then(|| self.filters.clone()),
        }));
    }

    fn open_place_picker(&mut self) -> Result<()> {
        let kinds = [
            PlaceKind::District,
            PlaceKind::Division,
            PlaceKind::Region,
            PlaceKind::State,
        ];
        let mut places = self.store.place_choices(&kinds)?;
        // Districts first: the picker is mostly for them.
        places.sort_by_key(|p| (kinds.iter().position(|k| *k == p.kind), p.name_en.clone()));
        let choices = places
            .into_iter()
            .map(|p| {
                let hi = p.name_hi.clone().unwrap_or_else(|| p.name_en.clone());
                Choice::new(p.id, hi, p.name_en, p.kind.as_str().to_string(), &p.aliases)
            })
            .collect();
        self.popup = Some(Popup::PlacePicker(Picker::new(
            "District, division, region or state",
            choices,
        )));
        Ok(())
    }

    fn open_party_picker(&mut self) {
        let choices = self
            .parties
            .iter()
            .map(|p| {
                let hi = p.name_hi.clone().unwrap_or_else(|| p.name_en.clone());
                let mut names = p.aliases.clone();
                names.push(p.code.clone());
                Choice::new(p.id, hi, p.name_en.clone(), p.code.clone(), &names)
            })
            .collect();
        self.popup = Some(Popup::PartyPicker(Picker::new("Party", choices)));
    }

    fn type_text(&mut self, text: &str) {
        // Pasted text is one line: newlines and controls go.
        let text: String = crate::text::strip_controls(text).replace(['\n', '\t'], " ");
        match &mut self.popup {
            Some(Popup::PlacePicker(p) | Popup::PartyPicker(p)) => p.type_text(&text),
            Some(Popup::Input(input)) => {
                input.text.push_str(&text);
                input.error = None;
                if input.kind == InputKind::Search {
                    self.live_search();
                }
            }
            Some(Popup::Export(dialog)) => {
                dialog.path.push_str(&text);
                dialog.edited();
            }
            _ => {}
        }
    }

    fn backspace(&mut self) {
        match &mut self.popup {
            Some(Popup::PlacePicker(p) | Popup::PartyPicker(p)) => p.backspace(),
            Some(Popup::Input(input)) => {
                input.text.pop();
                input.error = None;
                if input.kind == InputKind::Search {
                    self.live_search();
                }
            }
            Some(Popup::Export(dialog)) => {
                dialog.path.pop();
                dialog.edited();
            }
            _ => {}
        }
    }

    fn move_popup(&mut self, delta: isize) {
        match &mut self.popup {
            Some(Popup::PlacePicker(p) | Popup::PartyPicker(p)) => p.move_by(delta),
            Some(Popup::Export(dialog)) => {
                let all = ExportFormat::ALL;
                let at = all.iter().position(|f| *f == dialog.format).unwrap_or(0) as isize;
                dialog.format = all[(at + delta.signum()).rem_euclid(all.len() as isize) as usize];
                dialog.confirm_replace = false;
                dialog.error = None;
                if dialog.proposed {
                    dialog.path = proposed_export_path(&self.filters, dialog.format);
                }
            }
            _ => {}
        }
    }

    /// Results as you type: every keystroke in the search box refilters.
    fn live_search(&mut self) {
        let Some(Popup::Input(input)) = &self.popup else {
            return;
        };
        let words = input.text.trim();
        self.filters.search =
            (!words.is_empty() && search_query(words).is_some()).then(|| words.to_string());
        self.typing = true;
        let reloaded = self.reload();
        self.typing = false;
        if let Err(e) = reloaded {
            self.fail(e);
        }
    }

    fn cancel_popup(&mut self) {
        if let Some(Popup::Input(Input {
            before: Some(before),
            ..
        })) = self.popup.take()
            && before != self.filters
        {
            self.filters = before;
            if let Err(e) = self.reload() {
                self.fail(e);
            }
        }
    }

    fn accept_popup(&mut self) {
        let Some(popup) = self.popup.take() else {
            return;
        };
        let result = match popup {
            Popup::PlacePicker(p) => match p.chosen() {
                Some(c) => {
                    self.filters.place = Some(PlaceChoice {
                        id: c.id,
                        kind: c.note.parse().unwrap_or(PlaceKind::District),
                        name_hi: c.label_hi.clone(),
                        name_en: c.label_en.clone(),
                    });
                    self.reload()
                }
                None => {
                    self.popup = Some(Popup::PlacePicker(p));
                    Ok(())
                }
            },
            Popup::PartyPicker(p) => match p.chosen() {
                Some(c) => {
                    self.filters.party = Some((c.id, c.note.clone()));
                    self.reload()
                }
                None => {
                    self.popup = Some(Popup::PartyPicker(p));
                    Ok(())
                }
            },
            Popup::Export(mut dialog) => {
                match self.export(&dialog) {
                    Ok(()) => {}
                    Err(e)
                        if !dialog.confirm_replace
                            && std::path::Path::new(&dialog.path).exists() =>
                    {
                        dialog.confirm_replace = true;
                        dialog.error = Some(format!("{e}: press Enter again to replace it"));
                        self.popup = Some(Popup::Export(dialog));
                    }
                    Err(e) => {
                        dialog.error = Some(e.to_string());
                        self.popup = Some(Popup::Export(dialog));
                    }
                }
                Ok(())
            }
            Popup::Input(mut input) => {
                let outcome = match input.kind {
                    InputKind::Search => Ok(()),
                    InputKind::Dates if input.text.trim().is_empty() => {
                        self.filters.dates = None;
                        self.reload()
                    }
                    InputKind::Dates => parse_date_range(&input.text).and_then(|range| {
                        self.filters.dates = Some(range);
                        self.reload()
                    }),
                    InputKind::EditEvent => {
                        parse_edit(&input.text).and_then(|review| self.review(review))
                    }
                    InputKind::Tags | InputKind::Note => self.save_marks(input.kind, &input.text),
                    InputKind::Query => self.apply_query(&input.text),
                    InputKind::ViewName => self.save_view(&input.text),
                };
                if let Err(e) = outcome {
                    // Keep the box open with the reason, so the text can be fixed.
                    input.error = Some(e.to_string());
                    self.popup = Some(Popup::Input(input));
                }
                Ok(())
            }
            other => {
                self.popup = Some(other);
                Ok(())
            }
        };
        if let Err(e) = result {
            self.fail(e);
        }
        self.keep_visible();
    }

    /// Writes the timeline under the current filters to the dialog's file,
    /// atomically; an existing file is replaced only once confirmed.
    fn export(&mut self, dialog: &ExportDialog) -> Result<()> {
        let path = dialog.path.trim();
        if path.is_empty() {
            return Err(Error::Invalid("type a file name".into()));
        }
        let filter = self.resolved()?.1;
        let mut used = Vec::new();
        if let Some(p) = &self.filters.place {
            used.push(("place".to_string(), p.name_en.clone()));
        }
        if let Some((_, code)) = &self.filters.party {
            used.push(("party".to_string(), code.clone()));
        }
        if let Some(d) = &self.filters.dates {
            used.push(("dates".to_string(), d.text.clone()));
        }
        if let Some(words) = &self.filters.search {
            used.push(("search".to_string(), words.clone()));
        }
        if let Some(query) = &self.filters.query {
            used.push(("query".to_string(), query.clone()));
        }
        used.extend(crate::regions::described_in(
            &self.store,
            &self.filters.query_text(false),
        )?);
        let options = ExportOptions {
            filters: used,
            ..ExportOptions::default()
        };
        let destination = Destination::File {
            path: path.into(),
            force: dialog.confirm_replace,
        };
        let mut written = 0;
        let records = export::records(&self.store, &filter)?.inspect(|_| written += 1);
        export::write_to(&destination, |w| {
            export::write(dialog.format, records, &options, w)
        })?;
        self.say(&format!("exported {written} events to {path}"));
        Ok(())
    }

    /// Makes a query the filters: its place, party, dates and words go to
    /// their pickers, the rest stays a query. Nothing changes when any of
    /// it is wrong.
    fn apply_query(&mut self, text: &str) -> Result<()> {
        let query = Query::parse(text)?;
        query.events(&self.store)?;
        let parts = query.parts(&self.store)?;
        let place = match parts.place {
            Some((id, kind)) => self
                .store
                .place_choices(&[kind])?
                .into_iter()
                .find(|p| p.id == id)
                .map(|p| PlaceChoice {
                    id,
                    kind,
                    name_hi: p.name_hi.unwrap_or_else(|| p.name_en.clone()),
                    name_en: p.name_en,
                }),
            None => None,
        };
        let party = parts.party.and_then(|id| {
            let p = self.parties.iter().find(|p| p.id == id)?;
            Some((id, p.code.clone()))
        });
        self.filters = Filters {
            place,
            party,
            dates: parts.dates.as_deref().map(parse_date_range).transpose()?,
            search: (!parts.words.is_empty()).then(|| parts.words.join(" ")),
            query: (!parts.rest.is_empty()).then_some(parts.rest),
        };
        self.reload()
    }

    /// Saves the filters as a view called `name`, shown at once in the
    /// views pane.
    fn save_view(&mut self, name: &str) -> Result<()> {
        let query = self.filters.query_text(false);
        self.store.add_view(name, &query)?;
        self.load_views()?;
        self.views.select(name.trim());
        self.say(&format!("saved view {}: {query}", name.trim()));
        Ok(())
    }

    /// The saved views from the store, and a request for their counts.
    fn load_views(&mut self) -> Result<()> {
        self.views.set_views(self.store.views()?);
        self.request(TallyRequest::Views(self.views.views.clone()))
    }

    fn load_demo(&mut self) {
        self.popup = None;
        match crate::ingest::load_demo(&mut self.store).and_then(|report| {
            self.load_tree()?;
            self.load_totals()?;
            self.reload()?;
            Ok(report)
        }) {
            Ok(report) => self.say(&format!(
                "loaded {} sample articles (written for chunav, not real reporting)",
                report.imported
            )),
            Err(e) => self.fail(e),
        }
    }

    /// Reads the store again, keeping the filters and the open places:
    /// another chunav may have imported articles since they were loaded.
    fn refresh(&mut self) -> Result<()> {
        // Names may resolve differently now (a region defined meanwhile).
        self.resolved = None;
        let expanded = std::mem::take(&mut self.tree.expanded);
        let selected = self.tree.selected;
        self.load_tree()?;
        self.tree.expanded = expanded;
        self.tree.rebuild();
        self.tree.selected = selected.min(self.tree.rows.len().saturating_sub(1));
        self.views.set_views(self.store.views()?);
        self.load_totals()?;
        self.reload()?;
        self.say("reloaded from the store");
        Ok(())
    }

    /// The place tree's shape; its counts come with the totals.
    fn load_tree(&mut self) -> Result<()> {
        let roots = self.store.place_outline()?;
        let mut expanded = HashSet::new();
        // Open Uttar Pradesh and Purvanchal, where the story is.
        for root in &roots {
            if root.code.as_deref() == Some(crate::gazetteer::HOME_STATE) {
                expanded.insert(root.id);
                if let Some(purvanchal) = root.children.iter().find(|c| c.name_en == "Purvanchal") {
                    expanded.insert(purvanchal.id);
                }
            }
        }
        self.tree = PlaceTree {
            roots,
            expanded,
            counted: false,
            rows: Vec::new(),
            selected: 0,
            offset: 0,
        };
        self.tree.rebuild();
        Ok(())
    }

    /// The filters resolved against the store, kept while they stay the
    /// same: resolving looks names up in the store, and one keypress needs
    /// the result several times.
    fn resolved(&mut self) -> Result<(ArticleFilter, EventFilter)> {
        if let Some((filters, articles, events)) = &self.resolved
            && *filters == self.filters
        {
            return Ok((articles.clone(), events.clone()));
        }
        let articles = self.filters.articles(&self.store)?;
        let events = self.filters.events(&self.store)?;
        self.resolved = Some((self.filters.clone(), articles.clone(), events.clone()));
        Ok((articles, events))
    }

    /// Fetches the first page of everything the filters decide, and asks
    /// for the counts.
    fn reload(&mut self) -> Result<()> {
        self.generation += 1;
        match (self.filters.is_empty(), &self.unfiltered) {
            (true, Some(all)) => {
                self.counts.articles = Some(all.articles);
                self.counts.events = Some(all.events);
            }
            _ => {
                (self.counts.articles, self.counts.events) = (None, None);
                let (articles, events) = self.resolved()?;
                self.request(TallyRequest::Counts {
                    generation: self.generation,
                    articles,
                    events: Some(events),
                })?;
            }
        }
        // Each tab's rows are fetched when it is shown, not for every filter.
        self.loaded.clear();
        self.load_tab()?;
        self.load_detail()
    }

    /// Asks for the store's totals and the place tree's counts, at start
    /// and whenever articles or reviews change them.
    fn load_totals(&mut self) -> Result<()> {
        self.unfiltered = None;
        self.request(TallyRequest::Totals)?;
        self.request(TallyRequest::Views(self.views.views.clone()))
    }

    /// Fetches the shown tab's first page, and asks for its chart or map,
    /// if the filters changed since it was last shown.
    fn load_tab(&mut self) -> Result<()> {
        if !self.loaded.insert(self.tab) {
            return Ok(());
        }
        match self.tab {
            Tab::Articles => {
                self.articles = Paged {
                    done: false,
                    ..Paged::default()
                };
                self.more_articles()
            }
            Tab::Timeline => {
                self.events = Paged {
                    done: false,
                    ..Paged::default()
                };
                if self.typing && self.filters.search.is_some() {
                    self.events_pending = true;
                    let events = self.resolved()?.1;
                    self.request(TallyRequest::Events {
                        generation: self.generation,
                        events,
                    })?;
                } else {
                    self.events_pending = false;
                    self.more_events()?;
                }
                match (self.filters.is_empty(), &self.unfiltered) {
                    (true, Some(all)) => self.weeks = Some(all.weeks.clone()),
                    _ => {
                        self.weeks = None;
                        let events = self.resolved()?.1;
                        self.request(TallyRequest::Weeks {
                            generation: self.generation,
                            events,
                        })?;
                    }
                }
                Ok(())
            }
            Tab::Map => {
                self.map.counting = true;
                let events = self.resolved()?.1;
                self.request(TallyRequest::Map {
                    generation: self.generation,
                    events,
                })
            }
        }
    }

    fn more_articles(&mut self) -> Result<()> {
        let filter = self.resolved()?.0;
        let after = self.articles.rows.last().map(|a| (a.sort_time, a.id));
        let rows = self.store.articles(&filter, &Page { after, limit: PAGE })?;
        self.articles.done = rows.len() < PAGE;
        self.articles.rows.extend(rows);
        Ok(())
    }

    fn more_events(&mut self) -> Result<()> {
        // The first page is on its way from a worker; the next follows it.
        if self.events_pending {
            return Ok(());
        }
        let filter = self.resolved()?.1;
        let after = self
            .events
            .rows
            .last()
            .map(|e| (e.date_start.clone().unwrap_or_default(), e.id));
        let rows = self
            .store
            .events(&filter, &EventPage { after, limit: PAGE })?;
        self.events.done = rows.len() < PAGE;
        self.events.rows.extend(rows);
        Ok(())
    }

    fn selected_event(&self) -> Option<&EventSummary> {
        match (&self.detail, self.tab) {
            (Detail::Event { event, .. }, Tab::Timeline) => Some(event),
            _ => None,
        }
    }

    fn review(&mut self, review: EventReview) -> Result<()> {
        let Some(id) = self.selected_event().map(|e| e.id) else {
            self.say("choose an event on the timeline to review");
            return Ok(());
        };
        let what = match &review {
            EventReview::Confirm => "confirmed",
            EventReview::Reject => "rejected",
            EventReview::Edit { .. } => "corrected",
        };
        self.store.review_event(id, &review)?;
        self.load_totals()?;
        let selected = self.events.selected;
        self.reload()?;
        self.events.selected = selected.min(self.events.rows.len().saturating_sub(1));
        self.load_detail()?;
        self.say(&format!("event {id} {what}; reviews survive reextract"));
        Ok(())
    }

    fn load_detail(&mut self) -> Result<()> {
        self.detail_scroll = 0;
        self.detail = match self.tab {
            Tab::Articles => match self.articles.current() {
                Some(a) => self.article_detail(a.id)?,
                None => Detail::None,
            },
            Tab::Timeline => match self.events.current() {
                Some(e) => Detail::Event {
                    event: Box::new(e.clone()),
                    sources: self
                        .store
                        .article_summaries(&self.store.event_article_ids(e.id, SOURCES_SHOWN)?)?,
                },
                None => Detail::None,
            },
            Tab::Map => match self.map.points.get(self.map.selected) {
                Some(p) => Detail::District(Box::new(p.clone())),
                None => Detail::None,
            },
        };
        Ok(())
    }

    fn article_detail(&self, id: i64) -> Result<Detail> {
        let Some(article) = self.store.article(id)? else {
            return Ok(Detail::None);
        };
        let published = article
            .published_at
            .as_deref()
            .and_then(crate::ingest::parse_timestamp)
            .map(|p| p.with_timezone(&crate::query::ist()).date_naive());
        let text = crate::extract::ArticleText {
            title: &article.title,
            standfirst: article.standfirst.as_deref(),
            dateline: article.dateline.as_deref(),
            body: &article.body,
            published,
        };
        let mut marks = Vec::new();
        for s in Extractor::embedded().analyse(&text) {
            for m in &s.mentions {
                let mark = match m.entity {
                    Entity::Place { .. } => Mark::Place,
                    Entity::Party { .. } => Mark::Party,
                    Entity::Person { .. } => Mark::Person,
                };
                marks.push((m.field, m.span.clone(), mark));
            }
            for d in &s.dates {
                let start = s.span.start + d.span.start;
                marks.push((s.field, start..start + d.span.len(), Mark::Date));
            }
        }
        // A search hit is shown over any name or date it falls in.
        let hits = self.search_hits(&article)?;
        marks.retain(|(f, r, _)| {
            !hits
                .iter()
                .any(|(hf, hr, _)| hf == f && hr.start < r.end && r.start < hr.end)
        });
        marks.extend(hits);
        marks.sort_by_key(|(f, r, _)| (*f as u8, r.start));
        let events = self.store.events(
            &EventFilter {
                article_id: Some(id),
                ..EventFilter::default()
            },
            &EventPage {
                after: None,
                limit: 100,
            },
        )?;
        Ok(Detail::Article {
            article: Box::new(article),
            marks,
            events,
        })
    }

    /// Where the words searched for (and, for a name, its other spellings)
    /// occur in the article, matched by search key as the index does.
    fn search_hits(&self, article: &Article) -> Result<Vec<(Field, Range<usize>, Mark)>> {
        let Some(typed) = self.filters.search.as_deref() else {
            return Ok(Vec::new());
        };
        let mut keys: HashSet<String> = HashSet::new();
        for word in typed.split_whitespace() {
            keys.extend(search_words(word));
            for name in self.store.names_of(word)? {
                keys.extend(search_words(&name));
            }
        }
        let mut hits = Vec::new();
        let fields = [
            (Field::Title, Some(article.title.as_str())),
            (Field::Standfirst, article.standfirst.as_deref()),
            (Field::Body, Some(article.body.as_str())),
        ];
        for (field, text) in fields {
            let Some(text) = text else { continue };
            for span in search_word_spans(text) {
                if search_words(&text[span.clone()])
                    .iter()
                    .any(|w| keys.contains(w))
                {
                    hits.push((field, span, Mark::SearchHit));
                }
            }
        }
        Ok(hits)
    }

    /// Keeps each selection on screen: moves a list's first visible row.
    fn keep_visible(&mut self) {
        let Some(areas) = self.areas() else { return };
        let tree_rows = areas
            .tree
            .map(|t| t.height.saturating_sub(2) as usize)
            .unwrap_or(1)
            .max(1);
        scroll_to(&mut self.tree.offset, self.tree.selected, tree_rows);
        if let Some(views) = areas.views {
            let rows = (views.height.saturating_sub(2) as usize).max(1);
            scroll_to(&mut self.views.offset, self.views.selected, rows);
        }
        let list_rows = areas.list.height.saturating_sub(2) as usize;
        scroll_to(
            &mut self.articles.offset,
            self.articles.selected,
            list_rows.max(1),
        );
        let timeline_rows = areas.timeline_list().height.saturating_sub(2) as usize;
        let shown = view::timeline_position(&self.events.rows, self.events.selected);
        let mut offset = self.events.offset;
        scroll_to(&mut offset, shown, timeline_rows.max(1));
        self.events.offset = offset;
    }

    fn scroll_at(&mut self, at: Position, delta: isize) {
        let Some(areas) = self.areas() else { return };
        let before = self.focus;
        if areas.tree.is_some_and(|t| t.contains(at)) {
            self.focus = Focus::Places;
        } else if areas.views.is_some_and(|v| v.contains(at)) {
            self.focus = Focus::Views;
        } else if areas.detail.is_some_and(|d| d.contains(at)) {
            self.focus = Focus::Detail;
        } else if areas.list.contains(at) {
            self.focus = Focus::List;
        } else {
            return;
        }
        self.update(if delta > 0 { Action::Down } else { Action::Up });
        for _ in 1..delta.unsigned_abs() {
            self.update(if delta > 0 { Action::Down } else { Action::Up });
        }
        if self.focus != before && self.focus == Focus::Detail {
            self.focus = before;
        }
    }

    fn click(&mut self, at: Position) {
        if self.popup.is_some() {
            return;
        }
        let Some(areas) = self.areas() else { return };
        if let Some(tree) = areas.tree.filter(|t| t.contains(at)) {
            self.focus = Focus::Places;
            let row = (at.y - tree.y).saturating_sub(1) as usize + self.tree.offset;
            if row < self.tree.rows.len() {
                self.tree.selected = row;
            }
        } else if let Some(views) = areas.views.filter(|v| v.contains(at)) {
            self.focus = Focus::Views;
            let row = (at.y - views.y).saturating_sub(1) as usize + self.views.offset;
            if row < self.views.views.len() {
                self.views.selected = row;
            }
        } else if areas.detail.is_some_and(|d| d.contains(at)) {
            self.focus = Focus::Detail;
        } else if let Some(tab) = areas.tab_at(at) {
            self.update(Action::ShowTab(tab));
        } else if areas.list.contains(at) {
            self.focus = Focus::List;
            let row = (at.y - areas.list.y).saturating_sub(1) as usize;
            let result = match self.tab {
                Tab::Articles if row + self.articles.offset < self.articles.rows.len() => {
                    self.articles.selected = row + self.articles.offset;
                    self.load_detail()
                }
                Tab::Timeline => {
                    let list = areas.timeline_list();
                    let line = (at.y.saturating_sub(list.y)).saturating_sub(1) as usize
                        + self.events.offset;
                    match view::timeline_event_at(&self.events.rows, line) {
                        Some(i) => {
                            self.events.selected = i;
                            self.load_detail()
                        }
                        None => Ok(()),
                    }
                }
                _ => Ok(()),
            };
            if let Err(e) = result {
                self.fail(e);
            }
        }
        self.keep_visible();
    }
}

impl ExportDialog {
    fn edited(&mut self) {
        self.proposed = false;
        self.confirm_replace = false;
        self.error = None;
    }
}

/// A file name that says what the timeline holds:
/// `chunav-timeline-gorakhpur-aimim.html`.
fn proposed_export_path(filters: &Filters, format: ExportFormat) -> String {
    let mut name = String::from("chunav-timeline");
    let slug = |s: &str| -> String {
        s.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect()
    };
    if let Some(p) = &filters.place {
        name = format!("{name}-{}", slug(&p.name_en));
    }
    if let Some((_, code)) = &filters.party {
        name = format!("{name}-{}", slug(code));
    }
    format!("{name}.{}", export_extension(format))
}

/// The file extension for each export format.
pub fn export_extension(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Csv => "csv",
        ExportFormat::Json => "json",
        ExportFormat::Jsonl => "jsonl",
        ExportFormat::Markdown => "md",
        ExportFormat::Ics => "ics",
        ExportFormat::Timelinejs => "timeline.json",
        ExportFormat::Html => "html",
    }
}

fn move_in<T>(paged: &mut Paged<T>, delta: isize) {
    let last = paged.rows.len().saturating_sub(1);
    paged.selected = paged.selected.saturating_add_signed(delta).min(last);
}

fn scroll_to(offset: &mut usize, selected: usize, rows: usize) {
    if selected < *offset {
        *offset = selected;
    } else if selected >= *offset + rows {
        *offset = selected + 1 - rows;
    }
}

/// The date as the edit box shows it: `2021-01-12`, `week 2021-02-01`,
/// `2021-12`, `2022`.
fn edit_date_text(start: Option<&str>, precision: DatePrecision) -> String {
    let start = start.unwrap_or("");
    match precision {
        DatePrecision::Week => format!("week {start}"),
        DatePrecision::Month | DatePrecision::Quarter => {
            start.get(..7).unwrap_or(start).to_string()
        }
        DatePrecision::Year => start.get(..4).unwrap_or(start).to_string(),
        DatePrecision::Day | DatePrecision::Reported => start.to_string(),
    }
}

/// "rally 2021-01-12", "tour week 2021-02-01", "organisation 2021-12".
pub fn parse_edit(text: &str) -> Result<EventReview> {
    let mut words = text.split_whitespace();
    let kind: EventKind = words
        .next()
        .ok_or_else(|| Error::Invalid("type a kind and a date, e.g. rally 2021-01-12".into()))?
        .parse()
        .map_err(Error::Invalid)?;
    let (week, date) = match (words.next(), words.next()) {
        (Some("week"), Some(d)) => (true, d),
        (Some(d), None) => (false, d),
        _ => {
            return Err(Error::Invalid(
                "the date is YYYY-MM-DD, week YYYY-MM-DD, YYYY-MM or YYYY".into(),
            ));
        }
    };
    let (start, end_exclusive) = period_days(date)?;
    let precision = match date.split('-').count() {
        3 if week => DatePrecision::Week,
        3 => DatePrecision::Day,
        2 => DatePrecision::Month,
        _ => DatePrecision::Year,
    };
    let end = if week {
        start + chrono::Days::new(6)
    } else {
        end_exclusive.pred_opt().unwrap_or(start)
    };
    Ok(EventReview::Edit {
        kind,
        start,
        end: end.max(start),
        precision,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn a_timeline_page_that_fails_stops_the_wait_and_scrolling_asks_again() {
        let mut store = Store::open_in_memory().unwrap();
        crate::ingest::load_demo(&mut store).unwrap();
        let mut app = App::deferred(store, Keymap::default(), Rect::new(0, 0, 120, 40)).unwrap();
        app.take_tally_requests();
        app.handle_event(&Event::Key(KeyEvent::from(KeyCode::Char('2'))));
        app.handle_event(&Event::Key(KeyEvent::from(KeyCode::Char('/'))));
        for c in "ओवैसी".chars() {
            app.handle_event(&Event::Key(KeyEvent::from(KeyCode::Char(c))));
        }
        assert!(app.events_pending);
        app.receive_tally(Ok(Tally::Events {
            generation: app.generation,
            rows: Err("disk I/O error".into()),
        }));
        assert!(!app.events_pending);
        assert!(
            app.message
                .as_ref()
                .is_some_and(|m| m.text.contains("disk I/O error"))
        );
        app.handle_event(&Event::Key(KeyEvent::from(KeyCode::Enter)));
        app.handle_event(&Event::Key(KeyEvent::from(KeyCode::Char('j'))));
        assert!(!app.events.rows.is_empty());
    }

    #[test]
    fn date_ranges_parse_with_open_ends() {
        let r = parse_date_range("2021-01..2021-03").unwrap();
        assert_eq!(
            (r.from.as_deref(), r.to.as_deref()),
            (Some("2021-01"), Some("2021-03"))
        );
        let r = parse_date_range("2021").unwrap();
        assert_eq!(
            (r.from.as_deref(), r.to.as_deref()),
            (Some("2021"), Some("2021"))
        );
        let r = parse_date_range("..2021-06").unwrap();
        assert_eq!((r.from, r.to.as_deref()), (None, Some("2021-06")));
        assert!(parse_date_range("2021-03..2021-01").is_err());
        assert!(parse_date_range("..").is_err());
        assert!(parse_date_range("soon").is_err());
    }

    #[test]
    fn edits_parse_kind_and_precision() {
        let ymd = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(
            parse_edit("rally 2021-01-12").unwrap(),
            EventReview::Edit {
                kind: EventKind::Rally,
                start: ymd(2021, 1, 12),
                end: ymd(2021, 1, 12),
                precision: DatePrecision::Day
            }
        );
        assert_eq!(
            parse_edit("tour week 2021-02-01").unwrap(),
            EventReview::Edit {
                kind: EventKind::Tour,
                start: ymd(2021, 2, 1),
                end: ymd(2021, 2, 7),
                precision: DatePrecision::Week
            }
        );
        assert_eq!(
            parse_edit("organisation 2021-12").unwrap(),
            EventReview::Edit {
                kind: EventKind::Organisation,
                start: ymd(2021, 12, 1),
                end: ymd(2021, 12, 31),
                precision: DatePrecision::Month
            }
        );
        assert!(parse_edit("picnic 2021").is_err());
        assert!(parse_edit("rally").is_err());
        assert_eq!(
            edit_date_text(Some("2021-02-01"), DatePrecision::Week),
            "week 2021-02-01"
        );
    }

    #[test]
    fn scrolling_keeps_the_selection_in_view() {
        let mut offset = 0;
        scroll_to(&mut offset, 12, 10);
        assert_eq!(offset, 3);
        scroll_to(&mut offset, 1, 10);
        assert_eq!(offset, 1);
    }
}
