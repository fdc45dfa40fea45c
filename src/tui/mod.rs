//! The terminal interface: browse articles and events by place, party,
//! date and words; a timeline with a chart; a map of districts; review
//! events. State lives in [`app::App`] and changes only in its `update`;
//! [`view::draw`] only reads it; the store does all the SQL.

pub mod app;
pub mod config;
pub mod keymap;
pub mod picker;
pub mod screenshot;
pub mod theme;
pub mod view;
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
    let mut app = App::new(
        store,
        config.keymap,
        Rect::new(0, 0, size.width, size.height),
    )?;
    while app.running {
        // Repaint every cell, not only the changed ones: terminals split a
        // Devanagari cluster into cells of their own, and a diff that skips
        // a cluster's trailing columns can leave a stray vowel sign behind.
        // Marking the previous frame as unknown costs a few kilobytes a frame.
        for cell in &mut terminal.current_buffer_mut().content {
            cell.set_symbol("\u{fffd}");
        }
        terminal.swap_buffers();
        terminal
            .draw(|frame| view::draw(frame, &app, &theme))
            .map_err(terminal_error)?;
        let event = crossterm::event::read().map_err(terminal_error)?;
        app.handle_event(&event);
    }
    Ok(())
}
