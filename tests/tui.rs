//! The terminal interface driven by key events on ratatui's TestBackend,
//! from the demo data: every screen as a snapshot at 120×40 and 80×24, and
//! the flows a user follows (filter to a district, search in Hindi, review
//! an event, mouse and paste, every terminal size).

use chunav::ingest;
use chunav::model::EventSummary;
use chunav::query::{EventFilter, EventPage};
use chunav::store::Store;
use chunav::tui::app::{App, Focus, Popup, Tab};
use chunav::tui::keymap::Keymap;
use chunav::tui::tally::{Tally, Worker};
use chunav::tui::theme::Theme;
use chunav::tui::view;
use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

fn demo_app(width: u16, height: u16) -> App {
    let mut store = Store::open_in_memory().unwrap();
    ingest::load_demo(&mut store).unwrap();
    App::new(store, Keymap::default(), Rect::new(0, 0, width, height)).unwrap()
}

fn screen(app: &App) -> String {
    let theme = Theme::new(false, &app.parties, &Default::default());
    let mut terminal = Terminal::new(TestBackend::new(app.size.width, app.size.height)).unwrap();
    terminal.draw(|f| view::draw(f, app, &theme)).unwrap();
    view::buffer_text(terminal.backend().buffer())
}

fn key(app: &mut App, code: KeyCode) {
    app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

/// Imports JSON Lines `records` into `store`.
fn import_jsonl(store: &mut Store, records: &str) -> ingest::ImportReport {
    let mut report = ingest::ImportReport::default();
    ingest::import_reader(
        store,
        "records.jsonl",
        records.as_bytes(),
        ingest::Format::JsonLines,
        &Default::default(),
        &mut report,
    )
    .unwrap();
    report
}

fn every_event(app: &App) -> Vec<EventSummary> {
    app.store()
        .events(
            &EventFilter::default(),
            &EventPage {
                after: None,
                limit: 10_000,
            },
        )
        .unwrap()
}

#[test]
fn screens_at_two_sizes() {
    for (w, h) in [(120, 40), (80, 24)] {
        let mut app = demo_app(w, h);
        insta::assert_snapshot!(format!("articles_{w}x{h}"), screen(&app));
        key(&mut app, KeyCode::Char('2'));
        insta::assert_snapshot!(format!("timeline_{w}x{h}"), screen(&app));
        key(&mut app, KeyCode::Char('3'));
        insta::assert_snapshot!(format!("map_{w}x{h}"), screen(&app));
        key(&mut app, KeyCode::Char('1'));
        key(&mut app, KeyCode::Enter);
        assert_eq!(app.focus, Focus::Detail);
        insta::assert_snapshot!(format!("article_detail_{w}x{h}"), screen(&app));
        key(&mut app, KeyCode::Esc);
        key(&mut app, KeyCode::Char('?'));
        insta::assert_snapshot!(format!("help_{w}x{h}"), screen(&app));
        key(&mut app, KeyCode::Esc);
        key(&mut app, KeyCode::Char('d'));
        typed(&mut app, "gorakh");
        insta::assert_snapshot!(format!("district_picker_{w}x{h}"), screen(&app));
    }
}

#[test]
fn an_empty_store_offers_the_sample_articles() {
    let store = Store::open_in_memory().unwrap();
    let mut app = App::new(store, Keymap::default(), Rect::new(0, 0, 80, 24)).unwrap();
    assert_eq!(app.popup, Some(Popup::OfferDemo));
    insta::assert_snapshot!("empty_offer_80x24", screen(&app));
    key(&mut app, KeyCode::Char('n'));
    assert!(screen(&app).contains("No articles yet."));
    // Declined once, the offer stays in reach: load it the README's way.
    let mut store = Store::open_in_memory().unwrap();
    ingest::load_demo(&mut store).unwrap();
    let mut app = App::new(
        Store::open_in_memory().unwrap(),
        Keymap::default(),
        Rect::new(0, 0, 80, 24),
    )
    .unwrap();
    key(&mut app, KeyCode::Char('y'));
    assert_eq!(app.popup, None);
    assert_eq!(
        app.counts.total_articles,
        Some(store.article_count().unwrap())
    );
    assert!(screen(&app).contains("SAMPLE DATA"));
}

#[test]
fn filtering_to_gorakhpur_shows_only_its_events() {
    let mut app = demo_app(120, 40);
    let all = app.counts.events;
    key(&mut app, KeyCode::Char('d'));
    typed(&mut app, "gorakh");
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        app.filters.place.as_ref().map(|p| p.name_en.as_str()),
        Some("Gorakhpur")
    );
    key(&mut app, KeyCode::Char('2'));
    assert_eq!(app.tab, Tab::Timeline);
    assert!(!app.events.rows.is_empty());
    assert!(app.counts.events < all);
    assert!(
        app.events
            .rows
            .iter()
            .all(|e| e.places.iter().any(|p| p == "Gorakhpur"))
    );
    let shown = screen(&app);
    assert!(shown.contains("Filters: district:गोरखपुर"), "{shown}");
    // The Hindi and the former names reach the same district.
    for query in ["गोरख", "gorakhpur"] {
        key(&mut app, KeyCode::Char('c'));
        key(&mut app, KeyCode::Char('d'));
        typed(&mut app, query);
        key(&mut app, KeyCode::Enter);
        assert_eq!(
            app.filters.place.as_ref().map(|p| p.name_en.as_str()),
            Some("Gorakhpur"),
            "{query}"
        );
    }
    key(&mut app, KeyCode::Char('c'));
    assert!(app.filters.is_empty());
    assert_eq!(app.counts.events, all);
}

#[test]
fn the_place_tree_filters_by_region() {
    let mut app = demo_app(120, 40);
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.focus, Focus::Places);
    let purvanchal = app
        .tree
        .rows
        .iter()
        .position(|r| r.name_en == "Purvanchal")
        .unwrap();
    for _ in 0..purvanchal {
        key(&mut app, KeyCode::Char('j'));
    }
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        app.filters.place.as_ref().map(|p| p.name_en.as_str()),
        Some("Purvanchal")
    );
    assert!(app.counts.articles > Some(0));
    // Collapse it: its districts leave the tree.
    let rows = app.tree.rows.len();
    key(&mut app, KeyCode::Char('h'));
    assert!(app.tree.rows.len() < rows);
    key(&mut app, KeyCode::Char('l'));
    assert_eq!(app.tree.rows.len(), rows);
}

#[test]
fn search_in_hindi_as_you_type_and_escape_restores() {
    let mut app = demo_app(120, 40);
    let all = app.counts.articles.unwrap();
    key(&mut app, KeyCode::Char('/'));
    typed(&mut app, "बूथ");
    assert_eq!(app.filters.search.as_deref(), Some("बूथ"));
    let found = app.counts.articles.unwrap();
    assert!(found > 0 && found < all, "{found} of {all}");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.popup, None);
    assert_eq!(app.counts.articles, Some(found));
    let matching = chunav::query::FilterArgs {
        search: Some("बूथ".into()),
        ..Default::default()
    }
    .resolve_events(app.store())
    .unwrap();
    assert_eq!(
        app.counts.events,
        Some(app.store().count_events(&matching).unwrap())
    );
    // A nukta spelling finds the same articles as the plain one.
    key(&mut app, KeyCode::Char('/'));
    for _ in 0..3 {
        key(&mut app, KeyCode::Backspace);
    }
    typed(&mut app, "फ़रवरी");
    let nukta = app.counts.articles;
    key(&mut app, KeyCode::Esc);
    assert_eq!(
        app.filters.search.as_deref(),
        Some("बूथ"),
        "Esc restores the search before"
    );
    key(&mut app, KeyCode::Char('/'));
    for _ in 0..3 {
        key(&mut app, KeyCode::Backspace);
    }
    typed(&mut app, "फरवरी");
    assert_eq!(app.counts.articles, nukta);
    assert!(nukta > Some(0));
}

#[test]
fn party_and_date_filters() {
    let mut app = demo_app(120, 40);
    key(&mut app, KeyCode::Char('p'));
    typed(&mut app, "मजलिस");
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        app.filters.party.as_ref().map(|p| p.1.as_str()),
        Some("AIMIM")
    );
    key(&mut app, KeyCode::Char('2'));
    assert!(
        app.events
            .rows
            .iter()
            .all(|e| e.party.as_deref() == Some("AIMIM"))
    );
    key(&mut app, KeyCode::Char('t'));
    typed(&mut app, "2021-01..2021-01");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.popup, None);
    assert!(!app.events.rows.is_empty());
    assert!(app.events.rows.iter().all(|e| {
        e.date_start.as_deref().unwrap_or("") <= "2021-01-31"
            && e.date_end.as_deref().unwrap_or("") >= "2021-01-01"
    }));
    // A bad range keeps the box open with the reason.
    key(&mut app, KeyCode::Char('t'));
    typed(&mut app, "x");
    key(&mut app, KeyCode::Enter);
    match &app.popup {
        Some(Popup::Input(input)) => assert!(
            input
                .error
                .as_deref()
                .unwrap_or("")
                .contains("invalid date")
        ),
        other => panic!("{other:?}"),
    }
}

#[test]
fn reviews_are_stored() {
    let mut app = demo_app(120, 40);
    key(&mut app, KeyCode::Char('2'));
    let first = app.events.rows[0].id;
    key(&mut app, KeyCode::Char('a'));
    let stored = every_event(&app)
        .into_iter()
        .find(|e| e.id == first)
        .unwrap();
    assert_eq!(stored.review_state, "confirmed");
    let before = app.counts.events.unwrap();
    key(&mut app, KeyCode::Char('x'));
    assert_eq!(
        app.counts.events,
        Some(before - 1),
        "a rejected event leaves the timeline"
    );
    assert!(every_event(&app).iter().all(|e| e.id != first));
    let next = app.events.rows[app.events.selected].id;
    key(&mut app, KeyCode::Char('E'));
    for _ in 0..40 {
        key(&mut app, KeyCode::Backspace);
    }
    typed(&mut app, "rally week 2021-02-01");
    key(&mut app, KeyCode::Enter);
    let edited = every_event(&app)
        .into_iter()
        .find(|e| e.id == next)
        .unwrap();
    assert_eq!(edited.kind.as_str(), "rally");
    assert_eq!(edited.date_start.as_deref(), Some("2021-02-01"));
    assert_eq!(edited.date_precision.as_str(), "week");
    assert_eq!(edited.review_state, "edited");
}

#[test]
fn tags_notes_and_the_follow_up_list() {
    let mut app = demo_app(120, 40);
    key(&mut app, KeyCode::Char('2'));
    let first = app.events.rows[0].id;
    let stored = |app: &App| {
        every_event(app)
            .into_iter()
            .find(|e| e.id == first)
            .unwrap()
    };
    key(&mut app, KeyCode::Char('f'));
    assert_eq!(stored(&app).tags, ["follow-up"]);
    assert_eq!(
        app.message.as_ref().unwrap().text,
        format!("event {first} is on the follow-up list")
    );
    key(&mut app, KeyCode::Char('T'));
    assert!(
        screen(&app).contains("Tags: follow-up"),
        "the box shows the tags"
    );
    typed(&mut app, "+urgent जांच");
    key(&mut app, KeyCode::Enter);
    assert_eq!(stored(&app).tags, ["follow-up", "urgent", "जांच"]);
    key(&mut app, KeyCode::Char('T'));
    typed(&mut app, "-URGENT two,words");
    key(&mut app, KeyCode::Enter);
    match &app.popup {
        Some(Popup::Input(input)) => {
            assert!(input.error.as_deref().unwrap().contains("one word"))
        }
        other => panic!("a bad tag keeps the box open: {other:?}"),
    }
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('T'));
    typed(&mut app, "-URGENT");
    key(&mut app, KeyCode::Enter);
    assert_eq!(stored(&app).tags, ["follow-up", "जांच"]);
    key(&mut app, KeyCode::Char('n'));
    typed(&mut app, "ask the Azamgarh office");
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        stored(&app).note.as_deref(),
        Some("ask the Azamgarh office")
    );
    // The row is marked and the detail shows the tags and note, with no reload.
    assert_eq!(app.events.rows[0].tags, ["follow-up", "जांच"]);
    insta::assert_snapshot!("timeline_marked_120x40", screen(&app));

    // Again on an article; f twice takes it off the list.
    key(&mut app, KeyCode::Char('1'));
    let article = app.articles.rows[0].id;
    key(&mut app, KeyCode::Char('f'));
    assert_eq!(app.articles.rows[0].tags, ["follow-up"]);
    key(&mut app, KeyCode::Char('n'));
    typed(&mut app, "checked");
    key(&mut app, KeyCode::Enter);
    let shown = screen(&app);
    assert!(shown.contains("⚑ "), "{shown}");
    assert!(shown.contains("note      checked"), "{shown}");
    key(&mut app, KeyCode::Char('f'));
    let a = app.store().article(article).unwrap().unwrap();
    assert!(a.tags.is_empty());
    assert_eq!(a.note.as_deref(), Some("checked"));
    key(&mut app, KeyCode::Char('3'));
    key(&mut app, KeyCode::Char('T'));
    assert!(app.popup.is_none(), "nothing to tag on the map");
}

#[test]
fn exporting_the_filtered_timeline_writes_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(120, 40);
    key(&mut app, KeyCode::Char('d'));
    typed(&mut app, "azamgarh");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('e'));
    let path = |app: &App| match &app.popup {
        Some(Popup::Export(d)) => d.path.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(path(&app), "chunav-timeline-azamgarh.html");
    key(&mut app, KeyCode::Down);
    assert_eq!(
        path(&app),
        "chunav-timeline-azamgarh.csv",
        "the proposed name follows the format"
    );
    insta::assert_snapshot!("export_dialog_120x40", screen(&app));
    let file = dir.path().join("azamgarh.csv");
    for _ in 0..path(&app).chars().count() {
        key(&mut app, KeyCode::Backspace);
    }
    typed(&mut app, file.to_str().unwrap());
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.popup, None, "{:?}", app.message);
    let rows = csv::Reader::from_path(&file).unwrap().records().count() as u64;
    assert_eq!(Some(rows), app.counts.events);
    assert!(rows > 0);
    // The same file again: one warning, then Enter replaces it.
    key(&mut app, KeyCode::Char('e'));
    key(&mut app, KeyCode::Down);
    for _ in 0..path(&app).chars().count() {
        key(&mut app, KeyCode::Backspace);
    }
    typed(&mut app, file.to_str().unwrap());
    key(&mut app, KeyCode::Enter);
    match &app.popup {
        Some(Popup::Export(d)) => {
            assert!(d.error.as_deref().unwrap_or("").contains("already exists"))
        }
        other => panic!("{other:?}"),
    }
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.popup, None);
    assert!(app.message.as_ref().unwrap().text.contains("exported"));
}

#[test]
fn scripts_paging_mouse_and_paste() {
    let mut app = demo_app(120, 40);
    key(&mut app, KeyCode::Char('r'));
    let latin = screen(&app);
    assert!(latin.contains("Purvanchal"), "{latin}");
    key(&mut app, KeyCode::Char('G'));
    assert_eq!(app.articles.selected, app.articles.rows.len() - 1);
    key(&mut app, KeyCode::Char('g'));
    assert_eq!(app.articles.selected, 0);
    key(&mut app, KeyCode::PageDown);
    assert!(app.articles.selected > 10);
    // A click on the third row selects it; the wheel scrolls.
    let list = app.areas().unwrap().list;
    let click = |row| {
        Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: list.x + 3,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    key(&mut app, KeyCode::Char('g'));
    app.handle_event(&click(list.y + 3));
    assert_eq!(app.articles.selected, 2);
    app.handle_event(&Event::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: list.x + 3,
        row: list.y + 3,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(app.articles.selected, 5);
    // Pasted text lands in the search box as one line, controls stripped.
    key(&mut app, KeyCode::Char('/'));
    app.handle_event(&Event::Paste("ओवैसी\n\u{1b}[31m".into()));
    assert_eq!(app.filters.search.as_deref(), Some("ओवैसी"));
}

#[test]
fn every_size_draws_without_panic() {
    let mut app = demo_app(1, 1);
    key(&mut app, KeyCode::Char('1'));
    key(&mut app, KeyCode::Enter);
    for tab in ['1', '2', '3'] {
        key(&mut app, KeyCode::Char(tab));
        for w in (1..=130).step_by(7) {
            for h in (1..=45).step_by(3) {
                app.handle_event(&Event::Resize(w, h));
                let shown = screen(&app);
                if w < view::MIN_WIDTH || h < view::MIN_HEIGHT {
                    assert!(
                        w < 20 || h < 2 || shown.contains("too small"),
                        "{w}x{h}: {shown}"
                    );
                }
            }
        }
    }
}

#[test]
fn text_from_articles_cannot_drive_the_terminal() {
    let mut store = Store::open_in_memory().unwrap();
    let record = "{\"id\":\"x1\",\"title\":\"\\u001b]0;pwned\\u0007 गोरखपुर में सभा \\u001b[2J\",\"published\":\"2021-01-11\",\"body\":\"भाजपा ने गोरखपुर में रैली की। \\u009b31m लाल\"}\n";
    let report = import_jsonl(&mut store, record);
    assert_eq!(report.imported, 1, "{report:?}");
    let app = App::new(store, Keymap::default(), Rect::new(0, 0, 120, 40)).unwrap();
    let shown = screen(&app);
    assert!(shown.contains("गोरखपुर में सभा"), "{shown}");
    assert!(
        !shown.chars().any(|c| c.is_control() && c != '\n'),
        "{shown:?}"
    );
}

/// Drawing over the previous frame leaves what drawing afresh does.
#[test]
fn a_redrawn_frame_matches_a_fresh_one() {
    let mut app = demo_app(120, 40);
    let theme = Theme::new(false, &app.parties, &Default::default());
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal.draw(|f| view::draw(f, &app, &theme)).unwrap();
    key(&mut app, KeyCode::Char('2'));
    terminal.draw(|f| view::draw(f, &app, &theme)).unwrap();
    let incremental = view::buffer_text(terminal.backend().buffer());
    assert_eq!(incremental, screen(&app));
}

/// Answers every request the app has made, on a worker thread, until the
/// app asks for nothing more.
fn settle(app: &mut App, worker: &Worker) {
    loop {
        let requests = app.take_tally_requests();
        if requests.is_empty() {
            return;
        }
        let n = requests.len();
        worker.send(requests);
        for _ in 0..n {
            let answer = worker
                .wait(std::time::Duration::from_secs(20))
                .expect("an answer from the worker");
            app.receive_tally(answer);
        }
    }
}

/// The demo store in a file's directory (keep it while the others are
/// used), the app on it leaving counts to a worker, and the worker.
fn deferred_demo_app() -> (tempfile::TempDir, App, Worker) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chunav.db");
    let mut store = Store::open(&path).unwrap();
    ingest::load_demo(&mut store).unwrap();
    let worker = Worker::start(&path).unwrap();
    let app = App::deferred(store, Keymap::default(), Rect::new(0, 0, 120, 40)).unwrap();
    (dir, app, worker)
}

#[test]
fn counts_arrive_from_a_worker_and_stale_ones_are_dropped() {
    let (_dir, mut app, worker) = deferred_demo_app();
    // The first frame comes before any count: rows, but ellipses for numbers.
    assert!(!app.articles.rows.is_empty());
    assert_eq!(app.counts.articles, None);
    assert!(!app.tree.counted);
    assert!(screen(&app).contains("… articles · … events"));
    settle(&mut app, &worker);
    let total = app.store().article_count().unwrap();
    assert_eq!(app.counts.articles, Some(total));
    assert!(app.tree.counted);
    assert!(screen(&app).contains(&format!("{total} articles")));

    // A filter's counts are asked for; an answer for the filters before
    // (made up here, as a slow worker would send it) changes nothing.
    key(&mut app, KeyCode::Char('d'));
    typed(&mut app, "gorakhpur");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.counts.articles, None);
    app.receive_tally(Ok(Tally::Counts {
        generation: 0,
        articles: 999,
        events: Some(999),
    }));
    assert_eq!(app.counts.articles, None);
    key(&mut app, KeyCode::Char('2'));
    assert!(screen(&app).contains("counting…"));
    settle(&mut app, &worker);
    let gorakhpur = chunav::query::FilterArgs {
        district: Some("Gorakhpur".into()),
        ..Default::default()
    };
    let (articles, events) = (
        gorakhpur.resolve(app.store()).unwrap(),
        gorakhpur.resolve_events(app.store()).unwrap(),
    );
    assert_eq!(
        app.counts.articles,
        Some(app.store().count_articles(&articles).unwrap())
    );
    assert_eq!(
        app.counts.events,
        Some(app.store().count_events(&events).unwrap())
    );
    assert_eq!(
        app.weeks.as_deref(),
        Some(app.store().events_per_week(&events).unwrap().as_slice())
    );
    assert!(!screen(&app).contains("counting…"));
    // Clearing the filters needs no worker: the totals are kept.
    key(&mut app, KeyCode::Char('c'));
    assert_eq!(app.counts.articles, Some(total));
    assert!(app.take_tally_requests().is_empty());
}

/// Search words typed on the timeline leave its first page to a worker: the
/// frame after each key comes at once, and the page that arrives is the
/// one the store lists; a page for words since changed is dropped.
#[test]
fn a_timeline_searched_as_typed_is_fetched_by_a_worker() {
    let (_dir, mut app, worker) = deferred_demo_app();
    settle(&mut app, &worker);
    key(&mut app, KeyCode::Char('2'));
    settle(&mut app, &worker);
    key(&mut app, KeyCode::Char('/'));
    typed(&mut app, "ओवैसी");
    assert!(app.events_pending);
    assert!(app.events.rows.is_empty());
    assert!(screen(&app).contains("Searching…"));
    // A page for filters since changed (made up here, as a slow worker
    // would send it) changes nothing.
    app.receive_tally(Ok(Tally::Events {
        generation: 0,
        rows: Ok(Vec::new()),
    }));
    assert!(app.events_pending);
    settle(&mut app, &worker);
    assert!(!app.events_pending);
    let owaisi = chunav::query::FilterArgs {
        search: Some("ओवैसी".into()),
        ..Default::default()
    }
    .resolve_events(app.store())
    .unwrap();
    let listed = app
        .store()
        .events(&owaisi, &chunav::query::EventPage::default())
        .unwrap();
    assert!(!listed.is_empty());
    let ids = |rows: &[chunav::model::EventSummary]| rows.iter().map(|e| e.id).collect::<Vec<_>>();
    assert_eq!(ids(&app.events.rows), ids(&listed));
    assert!(!screen(&app).contains("Searching…"));
    // Closing the box keeps the page; clearing fetches at once.
    key(&mut app, KeyCode::Enter);
    assert_eq!(ids(&app.events.rows), ids(&listed));
    key(&mut app, KeyCode::Char('c'));
    assert!(!app.events_pending);
    assert!(app.events.rows.len() > listed.len());
}

/// Articles another chunav imports into the same store appear on F5 (or
/// `R`), with the filters kept.
#[test]
fn refresh_shows_articles_imported_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let mut store = Store::open(&path).unwrap();
    ingest::load_demo(&mut store).unwrap();
    let mut app = App::new(store, Keymap::default(), Rect::new(0, 0, 120, 40)).unwrap();
    let title = "बलिया में नई सभा की घोषणा";
    let record = format!(
        "{{\"id\":\"later\",\"title\":\"{title}\",\"published\":\"2023-05-01\",\"body\":\"भाजपा ने बलिया में सभा की।\"}}\n"
    );
    let mut elsewhere = Store::open(&path).unwrap();
    let report = import_jsonl(&mut elsewhere, &record);
    assert_eq!(report.imported, 1);
    assert!(!screen(&app).contains(title));
    key(&mut app, KeyCode::F(5));
    let shown = screen(&app);
    assert!(shown.contains(title), "{shown}");
    assert!(shown.contains("reloaded from the store"), "{shown}");
    assert!(shown.contains("37 articles"), "{shown}");
    // `R` does the same, and the help lists both keys.
    app.handle_event(&Event::Key(KeyEvent::new(
        KeyCode::Char('R'),
        KeyModifiers::SHIFT,
    )));
    assert!(screen(&app).contains(title));
    key(&mut app, KeyCode::Char('?'));
    assert!(screen(&app).contains("R F5"), "{}", screen(&app));
}

/// Replaces the text of the open input box with `text`.
fn retype(app: &mut App, text: &str) {
    let Some(Popup::Input(input)) = &app.popup else {
        panic!("no input box open");
    };
    for _ in 0..input.text.chars().count() {
        key(app, KeyCode::Backspace);
    }
    typed(app, text);
}

#[test]
fn the_filters_as_a_query() {
    let mut app = demo_app(120, 40);
    key(&mut app, KeyCode::Char('d'));
    typed(&mut app, "gorakh");
    key(&mut app, KeyCode::Enter);
    // The box opens on the filters written as a query.
    key(&mut app, KeyCode::Char(':'));
    match &app.popup {
        Some(Popup::Input(input)) => assert_eq!(input.text, "district:गोरखपुर"),
        other => panic!("{other:?}"),
    }

    // A mistake is shown in the box, which stays open, and changes nothing.
    retype(&mut app, "party:aimim distrct:गोरखपुर");
    key(&mut app, KeyCode::Enter);
    let Some(Popup::Input(input)) = &app.popup else {
        panic!("the box closed on a mistake");
    };
    let error = input.error.clone().unwrap();
    assert!(
        error.contains("did you mean \"district\"") && error.contains("^^^^^^^"),
        "{error}"
    );
    assert!(app.filters.party.is_none());
    insta::assert_snapshot!("query_error_120x40", screen(&app));

    // The pickers' parts go to the pickers, the rest stays a query.
    retype(
        &mut app,
        "region:purvanchal party:मजलिस date:2021 -kind:statement",
    );
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.popup, None);
    let f = &app.filters;
    assert_eq!(
        f.place.as_ref().map(|p| p.name_en.as_str()),
        Some("Purvanchal")
    );
    assert_eq!(f.party.as_ref().map(|p| p.1.as_str()), Some("AIMIM"));
    assert_eq!(f.dates.as_ref().map(|d| d.text.as_str()), Some("2021"));
    assert_eq!(f.query.as_deref(), Some("-kind:statement"));
    let shown = screen(&app);
    assert!(
        shown.contains("Filters: region:पूर्वांचल -kind:statement party:AIMIM date:2021"),
        "{shown}"
    );
    key(&mut app, KeyCode::Char('2'));
    assert!(!app.events.rows.is_empty());
    assert!(app.events.rows.iter().all(|e| {
        e.kind != chunav::model::EventKind::Statement && e.party.as_deref() == Some("AIMIM")
    }));
    let same = chunav::query::FilterArgs {
        query: Some("region:purvanchal party:aimim date:2021 -kind:statement".into()),
        ..Default::default()
    };
    assert_eq!(
        app.counts.events,
        Some(
            app.store()
                .count_events(&same.resolve_events(app.store()).unwrap())
                .unwrap()
        )
    );

    // The pickers keep working beside the query.
    key(&mut app, KeyCode::Char('p'));
    typed(&mut app, "sp");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.filters.party.as_ref().map(|p| p.1.as_str()), Some("SP"));
    assert_eq!(app.filters.query.as_deref(), Some("-kind:statement"));
    key(&mut app, KeyCode::Char('c'));
    assert!(app.filters.is_empty());
}

#[test]
fn saved_views_in_the_left_pane() {
    let mut app = demo_app(120, 40);
    key(&mut app, KeyCode::Char('v'));
    assert_eq!(app.popup, None, "no filters, nothing to save");
    key(&mut app, KeyCode::Char(':'));
    typed(&mut app, "district:azamgarh party:aimim");
    key(&mut app, KeyCode::Enter);
    let filtered = app.filters.clone();
    let (events, articles) = (app.counts.events, app.counts.articles);
    key(&mut app, KeyCode::Char('v'));
    typed(&mut app, "aimim-azamgarh");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.popup, None);
    let view = app.store().view("aimim-azamgarh").unwrap().unwrap();
    assert_eq!(view.query, "district:Azamgarh party:AIMIM");
    // A second view of the same name is refused in the box.
    key(&mut app, KeyCode::Char('v'));
    typed(&mut app, "aimim-azamgarh");
    key(&mut app, KeyCode::Enter);
    match &app.popup {
        Some(Popup::Input(input)) => assert!(input.error.as_deref().unwrap().contains("exists")),
        other => panic!("{other:?}"),
    }
    key(&mut app, KeyCode::Esc);

    // Counted (inline here; by the worker in the app) and listed.
    assert_eq!(
        app.views.counts.get("aimim-azamgarh"),
        Some(&(events, articles))
    );
    key(&mut app, KeyCode::Char('c'));
    key(&mut app, KeyCode::BackTab);
    assert_eq!(app.focus, Focus::Views);
    insta::assert_snapshot!("views_120x40", screen(&app));
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.filters, filtered);
    assert_eq!(app.counts.events, events);
}

#[test]
fn view_counts_come_from_the_worker() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chunav.db");
    let mut store = Store::open(&path).unwrap();
    ingest::load_demo(&mut store).unwrap();
    store.add_view("east", "region:purvanchal").unwrap();
    let worker = Worker::start(&path).unwrap();
    let mut app = App::deferred(store, Keymap::default(), Rect::new(0, 0, 120, 40)).unwrap();
    assert_eq!(app.views.views.len(), 1);
    assert!(app.views.counts.is_empty());
    let shown = screen(&app);
    assert!(shown.contains("│east"), "{shown}");
    assert!(shown.contains(" …│"), "{shown}");
    settle(&mut app, &worker);
    let (events, articles) = app.views.counts["east"];
    assert!(events.unwrap() > 0 && articles.unwrap() > 0);
}

#[test]
fn a_users_region_is_marked_in_the_place_tree() {
    let mut store = Store::open_in_memory().unwrap();
    ingest::load_demo(&mut store).unwrap();
    let region =
        chunav::regions::from_args(&store, "My beat", Some("मेरी बीट"), "gorakhpur,mau").unwrap();
    store
        .save_user_region(&region, chunav::store::REGIONS_FROM_COMMAND)
        .unwrap();
    let mut app = App::new(store, Keymap::default(), Rect::new(0, 0, 120, 40)).unwrap();
    let row = app
        .tree
        .rows
        .iter()
        .position(|r| r.user)
        .expect("the region's row");
    key(&mut app, KeyCode::BackTab);
    key(&mut app, KeyCode::BackTab);
    assert_eq!(app.focus, Focus::Places);
    for _ in 0..row {
        key(&mut app, KeyCode::Down);
    }
    assert!(screen(&app).contains("मेरी बीट (आपका)"), "{}", screen(&app));
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        app.filters.place.as_ref().map(|p| p.name_en.as_str()),
        Some("My beat")
    );
    assert!(screen(&app).contains("region:\"मेरी बीट\""));
}

/// The words searched for are marked where they occur in the article's own
/// text, whichever spelling it uses (nukta or not), and over a name.
#[test]
fn search_hits_are_marked_in_the_article() {
    use chunav::tui::app::{Detail, Mark};
    let mut app = demo_app(120, 40);
    key(&mut app, KeyCode::Char('/'));
    typed(&mut app, "फरवरी");
    key(&mut app, KeyCode::Enter);
    let Detail::Article { article, marks, .. } = &app.detail else {
        panic!("an article is shown: {:?}", app.detail);
    };
    let hits: Vec<String> = marks
        .iter()
        .filter(|(_, _, m)| *m == Mark::SearchHit)
        .map(|(field, range, _)| {
            let text = match field {
                chunav::extract::Field::Title => &article.title,
                chunav::extract::Field::Body => &article.body,
                _ => article.standfirst.as_ref().unwrap(),
            };
            text[range.clone()].to_string()
        })
        .collect();
    assert!(!hits.is_empty(), "no hit marked");
    for hit in &hits {
        assert_eq!(chunav::text::fold(hit), "फरवरी", "{hit}");
    }
    // Shown in reverse video, even without colour.
    let theme = Theme::new(false, &app.parties, &Default::default());
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    key(&mut app, KeyCode::Enter);
    terminal.draw(|f| view::draw(f, &app, &theme)).unwrap();
    let reversed = terminal
        .backend()
        .buffer()
        .content
        .iter()
        .filter(|c| {
            c.modifier.contains(ratatui::style::Modifier::REVERSED) && c.symbol().starts_with('फ')
        })
        .count();
    assert!(reversed > 0, "the hit is not shown reversed");
}

#[test]
fn an_event_reported_by_many_articles_lists_the_first_of_them() {
    let mut store = Store::open_in_memory().unwrap();
    let records: String = (1..=55)
        .map(|n| {
            format!(
                "{{\"id\":\"r{n}\",\"url\":\"https://example.com/{n}\",\"title\":\"ओवैसी का दौरा {n}\",\"published\":\"2021-01-10T10:00:00+05:30\",\"body\":\"एआईएमआईएम प्रमुख असदुद्दीन ओवैसी 12 जनवरी को आजमगढ़ का दौरा करेंगे। रिपोर्ट संख्या {n}।\"}}\n"
            )
        })
        .collect();
    let report = import_jsonl(&mut store, &records);
    assert_eq!(report.imported, 55);
    let mut app = App::new(store, Keymap::default(), Rect::new(0, 0, 120, 90)).unwrap();
    let reported = every_event(&app)
        .into_iter()
        .map(|e| e.sources)
        .max()
        .unwrap();
    assert_eq!(reported, 55);
    key(&mut app, KeyCode::Char('2'));
    // The event reported 55 times is the only one, or the first.
    while !screen(&app).contains("Sources (55)") {
        let before = screen(&app);
        key(&mut app, KeyCode::Char('j'));
        assert_ne!(before, screen(&app), "no event with 55 sources shown");
    }
    let shown = screen(&app);
    assert!(shown.contains("… and 5 more"), "{shown}");
}
