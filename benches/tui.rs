//! How fast the interface answers on a big store: start to first frame,
//! and keypress to next frame for filter changes, live search and
//! scrolling, driven on ratatui's TestBackend.
//!
//! ```sh
//! cargo bench --bench tui                                   # 10,000 and 100,000 articles
//! CHUNAV_BENCH_ARTICLES=10000 cargo bench --bench tui       # one size
//! ```
//!
//! Stores are generated once (synthetic articles, seed 1) under
//! `target/bench-stores/` and reused; the first run also reports the
//! import rate with extraction and full-text indexing.

mod common;

use std::time::{Duration, Instant};

use chunav::store::Store;
use chunav::tui::app::App;
use chunav::tui::keymap::Keymap;
use chunav::tui::tally::{TallyRequest, Worker};
use chunav::tui::theme::Theme;
use chunav::tui::view;
use common::store_for;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

struct Timings(Vec<(&'static str, Duration)>);

impl Timings {
    fn report(&self, what: &str) {
        let mut d: Vec<Duration> = self
            .0
            .iter()
            .filter(|(w, _)| *w == what)
            .map(|(_, d)| *d)
            .collect();
        if d.is_empty() {
            return;
        }
        common::report(what, &mut d);
    }
}

/// Answers the app's requests as `tui::run` does: pages on `pager`, counts
/// on `worker`. After the pages and after the counts of each round of
/// requests, `shown` is told which came (`true` for pages).
fn settle(app: &mut App, worker: &Worker, pager: &Worker, shown: &mut dyn FnMut(&App, bool)) {
    loop {
        let (pages, counts): (Vec<_>, Vec<_>) = app
            .take_tally_requests()
            .into_iter()
            .partition(TallyRequest::is_page);
        if pages.is_empty() && counts.is_empty() {
            return;
        }
        for (requests, from, page) in [(pages, pager, true), (counts, worker, false)] {
            if requests.is_empty() {
                continue;
            }
            let n = requests.len();
            from.send(requests);
            for _ in 0..n {
                let answer = from.wait(Duration::from_secs(600)).expect("answer");
                app.receive_tally(answer);
            }
            shown(app, page);
        }
    }
}

/// The label for the counts that follow a keypress.
fn counted_after(what: &'static str) -> &'static str {
    match what {
        "tab switch" => "  chart or map",
        "filter: district" => "  district",
        "filter: party" => "  party",
        "filter: dates" => "  dates",
        "live search keystroke" => "  search keystroke",
        "timeline search keystroke" => "  timeline search keystroke",
        _ => "  other",
    }
}

fn main() {
    for n in common::sizes("10000,100000") {
        let path = store_for(n);
        // Migrations a newer build brings are applied here, not timed.
        drop(Store::open(&path).expect("migrate bench store"));
        let (w, h) = (120, 40);
        // As `tui::run` does: the app on one connection, counts from a
        // worker on another.
        let started = Instant::now();
        let store = Store::open(&path).expect("open bench store");
        let worker = Worker::start(&path).expect("worker");
        let pager = Worker::start(&path).expect("pager");
        let mut app = App::deferred(store, Keymap::default(), Rect::new(0, 0, w, h)).expect("app");
        let theme = Theme::new(true, &app.parties, &Default::default());
        let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        terminal
            .draw(|f| view::draw(f, &app, &theme))
            .expect("draw");
        let first_frame = started.elapsed();
        settle(&mut app, &worker, &pager, &mut |_, _| {});
        let counted = started.elapsed();
        let mut timings = Timings(Vec::new());
        // Keypress to next frame is timed; the counts the keypress asked
        // for are timed apart, as the wait until they show.
        let mut press = |app: &mut App, what: &'static str, code: KeyCode| {
            let t = Instant::now();
            app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
            terminal.draw(|f| view::draw(f, app, &theme)).expect("draw");
            timings.0.push((what, t.elapsed()));
            settle(app, &worker, &pager, &mut |app, page| {
                terminal.draw(|f| view::draw(f, app, &theme)).expect("draw");
                let shown = if page {
                    "  timeline rows"
                } else {
                    counted_after(what)
                };
                timings.0.push((shown, t.elapsed()));
            });
        };
        let text = |app: &mut App,
                    what: &'static str,
                    s: &str,
                    press: &mut dyn FnMut(&mut App, &'static str, KeyCode)| {
            for c in s.chars() {
                press(app, what, KeyCode::Char(c));
            }
        };
        for round in 0..5 {
            for _ in 0..60 {
                press(&mut app, "scroll (j)", KeyCode::Char('j'));
            }
            for _ in 0..5 {
                press(&mut app, "page down", KeyCode::PageDown);
            }
            press(&mut app, "tab switch", KeyCode::Char('2'));
            for _ in 0..30 {
                press(&mut app, "scroll (j)", KeyCode::Char('j'));
            }
            press(&mut app, "tab switch", KeyCode::Char('1'));
            press(&mut app, "open picker", KeyCode::Char('d'));
            let district = ["gorakh", "आजमगढ़", "basti", "वाराणसी", "jaunpur"][round];
            text(&mut app, "type in picker", district, &mut press);
            press(&mut app, "filter: district", KeyCode::Enter);
            press(&mut app, "open picker", KeyCode::Char('p'));
            text(
                &mut app,
                "type in picker",
                ["bjp", "सपा", "bsp", "aimim", "inc"][round],
                &mut press,
            );
            press(&mut app, "filter: party", KeyCode::Enter);
            press(&mut app, "open input", KeyCode::Char('t'));
            text(&mut app, "type in input", "2021-01..2021-06", &mut press);
            press(&mut app, "filter: dates", KeyCode::Enter);
            press(&mut app, "filter: clear", KeyCode::Char('c'));
            // A word searched as it is typed, on the articles, then a
            // party's name (a common word) on the timeline.
            let searches = [
                (
                    "live search keystroke",
                    ["चुनाव", "रैली", "booth", "सदस्यता", "गठबंधन"][round],
                ),
                (
                    "timeline search keystroke",
                    ["भाजपा", "सपा", "कांग्रेस", "बसपा", "ओवैसी"][round],
                ),
            ];
            for (tab, (what, word)) in ['1', '2'].into_iter().zip(searches) {
                press(&mut app, "tab switch", KeyCode::Char(tab));
                press(&mut app, "open input", KeyCode::Char('/'));
                text(&mut app, what, word, &mut press);
                press(&mut app, "close search", KeyCode::Enter);
                press(&mut app, "filter: clear", KeyCode::Char('c'));
            }
            press(&mut app, "tab switch", KeyCode::Char('1'));
        }
        println!(
            "{n} articles ({} in the store), {w}x{h}:",
            app.counts.total_articles.unwrap_or_default()
        );
        println!(
            "  start to first frame   {:>8.2} ms",
            first_frame.as_secs_f64() * 1e3
        );
        println!(
            "  start to counted tree  {:>8.2} ms",
            counted.as_secs_f64() * 1e3
        );
        for what in [
            "scroll (j)",
            "page down",
            "tab switch",
            "open picker",
            "type in picker",
            "filter: district",
            "filter: party",
            "filter: dates",
            "filter: clear",
            "live search keystroke",
            "timeline search keystroke",
        ] {
            timings.report(what);
        }
        println!("  counts shown after the keypress (from a worker thread):");
        for what in [
            "tab switch",
            "filter: district",
            "filter: party",
            "filter: dates",
            "live search keystroke",
            "timeline search keystroke",
        ] {
            timings.report(counted_after(what));
        }
        println!("  rows shown after a timeline search keystroke (from a worker thread):");
        timings.report("  timeline rows");
        println!("  memory: {}", common::memory());
    }
}
