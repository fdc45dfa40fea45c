//! The terminal interface: browse articles and events by place, party,
//! date and words; a timeline with a chart; a map of districts; review
//! events. State lives in [`app::App`] and changes only in its `update`;
//! [`view::draw`] only reads it; the store does all the SQL.

pub mod app;
pub mod config;
pub mod keymap;
pub mod picker;
pub mod screenshot;
pub mod tally;
pub mod theme;
pub mod view;
pub mod views_pane;
mod wrap;

use std::io::stdout;

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::layout::Rect;

use crate::store::Store;
use crate::{Error, Result};
use app::App;
use config::Config;
use theme::Theme;

fn terminal_error(source: std::io::Error) -> Error {
    Error::Io {
        path: "<terminal>".into(),
        source,
    }
}

/// Turns mouse capture and bracketed paste off and gives the terminal back
/// (raw mode, alternate screen) when dropped: on quit, on `?` and on panic.
struct TerminalGuard;

impl TerminalGuard {
    fn enter() -> Result<TerminalGuard> {
        // ratatui's own panic hook restores raw mode and the screen but not
        // mouse capture or paste; ours runs first and turns those off.
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = crossterm::execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
            previous(info);
        }));
        crossterm::execute!(stdout(), EnableMouseCapture, EnableBracketedPaste)
            .map_err(terminal_error)?;
        Ok(TerminalGuard)
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        let _ = crossterm::execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
        ratatui::restore();
    }
}

/// Runs the interface on `store` until the user quits.
pub fn run(store: Store) -> Result<()> {
    let config = Config::load(
        Config::default_path().as_deref(),
        Theme::no_color_requested(),
    )?;
    let theme = Theme::new(config.colour, &store.parties()?, &config.party_colours);
    let mut terminal = ratatui::try_init().map_err(terminal_error)?;
    let _guard = TerminalGuard::enter()?;
    let size = terminal.size().map_err(terminal_error)?;
    let size = Rect::new(0, 0, size.width, size.height);
    // Counts come from a second connection on a thread, so a keypress
    // never waits for one; a store in memory cannot be shared and counts
    // inline.
    let worker = store.path().map(tally::Worker::start).transpose()?;
    // Pages get a worker of their own, so that a long count never holds
    // one up.
    let pager = store.path().map(tally::Worker::start).transpose()?;
    let mut app = match worker {
        Some(_) => App::deferred(store, config.keymap, size)?,
        None => App::new(store, config.keymap, size)?,
    };
    let mut repaint = true;
    while app.running {
        if repaint {
            // Repaint every cell, not only the changed ones: terminals split
            // a Devanagari cluster into cells of their own, and a diff that
            // skips a cluster's trailing columns can leave a stray vowel
            // sign behind. Marking the previous frame as unknown costs a few
            // kilobytes a frame.
            for cell in &mut terminal.current_buffer_mut().content {
                cell.set_symbol("\u{fffd}");
            }
            terminal.swap_buffers();
            terminal
                .draw(|frame| view::draw(frame, &app, &theme))
                .map_err(terminal_error)?;
        }
        repaint = false;
        if let (Some(worker), Some(pager)) = (&worker, &pager) {
            let (pages, counts) = app
                .take_tally_requests()
                .into_iter()
                .partition(tally::TallyRequest::is_page);
            pager.send(pages);
            worker.send(counts);
            for answer in pager.answers().into_iter().chain(worker.answers()) {
                app.receive_tally(answer);
                repaint = true;
            }
        }
        // Wake now and then for the worker's answers; with no worker, wait
        // for the terminal alone.
        let input = match &worker {
            Some(_) => crossterm::event::poll(ANSWER_POLL).map_err(terminal_error)?,
            None => true,
        };
        if input {
            let event = crossterm::event::read().map_err(terminal_error)?;
            app.handle_event(&event);
            repaint = true;
        }
    }
    Ok(())
}

/// How long the loop waits for a key before looking for counts that have
/// arrived: short enough that they appear at once to the eye.
const ANSWER_POLL: std::time::Duration = std::time::Duration::from_millis(30);
