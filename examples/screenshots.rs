//! Regenerates the pictures in `screenshots/` from the app itself, drawn
//! on ratatui's TestBackend with the demo data:
//!
//! ```sh
//! cargo run --example screenshots
//! ```
//!
//! It writes one SVG per screen and, when `rsvg-convert` is installed
//! (Debian: `apt-get install librsvg2-bin fonts-dejavu-core fonts-noto-core`
//! for the Devanagari glyphs), a PNG beside it.

use std::path::Path;
use std::process::Command;

use chunav::ingest;
use chunav::store::Store;
use chunav::tui::app::App;
use chunav::tui::keymap::Keymap;
use chunav::tui::{screenshot, theme::Theme, view};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

/// What to type before taking the picture: a key name or text.
enum Input {
    Key(KeyCode),
    Text(&'static str),
}
use Input::{Key, Text};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let shots: Vec<(&str, u16, u16, Vec<Input>)> = vec![
        ("articles", 120, 40, vec![]),
        ("timeline", 120, 40, vec![Text("2")]),
        (
            "timeline-gorakhpur",
            120,
            40,
            vec![Text("d"), Text("gorakh"), Key(KeyCode::Enter), Text("2")],
        ),
        ("map", 120, 40, vec![Text("3")]),
        (
            "article-detail",
            120,
            40,
            vec![
                Text("/"),
                Text("ओवैसी"),
                Key(KeyCode::Enter),
                Key(KeyCode::Enter),
            ],
        ),
        ("district-picker", 120, 40, vec![Text("d"), Text("गोरख")]),
        ("latin-script", 120, 40, vec![Text("r"), Text("2")]),
        ("timeline-80x24", 80, 24, vec![Text("2")]),
    ];
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("screenshots");
    std::fs::create_dir_all(&dir)?;
    let rsvg = Command::new("rsvg-convert")
        .arg("--version")
        .output()
        .is_ok();
    for (name, width, height, inputs) in shots {
        let mut store = Store::open_in_memory()?;
        ingest::load_demo(&mut store)?;
        let mut app = App::new(store, Keymap::default(), Rect::new(0, 0, width, height))?;
        for input in inputs {
            let keys: Vec<KeyCode> = match input {
                Key(code) => vec![code],
                Text(text) => text.chars().map(KeyCode::Char).collect(),
            };
            for code in keys {
                app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
            }
        }
        let theme = Theme::new(true, &app.parties, &Default::default());
        let mut terminal = Terminal::new(TestBackend::new(width, height))?;
        terminal.draw(|f| view::draw(f, &app, &theme))?;
        let svg_path = dir.join(format!("{name}.svg"));
        std::fs::write(&svg_path, screenshot::svg(terminal.backend().buffer()))?;
        if rsvg {
            let png = dir.join(format!("{name}.png"));
            let status = Command::new("rsvg-convert")
                .arg(&svg_path)
                .arg("-o")
                .arg(&png)
                .status()?;
            if !status.success() {
                return Err(format!("rsvg-convert failed on {}", svg_path.display()).into());
            }
        }
        println!("{}", svg_path.display());
    }
    if !rsvg {
        eprintln!(
            "rsvg-convert not found: wrote SVG only (apt-get install librsvg2-bin fonts-noto-core)"
        );
    }
    Ok(())
}
