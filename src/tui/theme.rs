//! Colours and emphasis. With `NO_COLOR` set (or `color = false` in the
//! config file) everything is told apart by bold, italics, underline and
//! reverse video alone.

use std::collections::HashMap;

use ratatui::style::{Color, Modifier, Style};

use crate::model::EventStatus;
use crate::store::PartyInfo;

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    colour: bool,
    parties: HashMap<String, Color>,
}

impl Theme {
    /// `colour` false gives the monochrome theme; party colours come from
    /// the gazetteer, overridden by `overrides` (code to `#RRGGBB`).
    pub fn new(colour: bool, parties: &[PartyInfo], overrides: &HashMap<String, String>) -> Theme {
        let mut map = HashMap::new();
        for p in parties {
            let hex = overrides.get(&p.code).or(p.colour.as_ref());
            if let Some(c) = hex.and_then(|h| super::view::colour_of(h)) {
                map.insert(p.code.clone(), c);
            }
        }
        Theme {
            colour,
            parties: map,
        }
    }

    /// Whether the environment asks for no colour (https://no-color.org).
    pub fn no_color_requested() -> bool {
        std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
    }

    fn fg(&self, c: Color) -> Style {
        if self.colour {
            Style::default().fg(c)
        } else {
            Style::default()
        }
    }

    pub fn title(&self) -> Style {
        self.fg(Color::LightCyan).add_modifier(Modifier::BOLD)
    }
    pub fn heading(&self) -> Style {
        self.fg(Color::LightBlue).add_modifier(Modifier::BOLD)
    }
    pub fn dim(&self) -> Style {
        if self.colour {
            Style::default().fg(Color::DarkGray)
        } else {
            Style::default()
        }
    }
    pub fn focus(&self) -> Style {
        self.fg(Color::LightYellow).add_modifier(Modifier::BOLD)
    }
    pub fn selected(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }
    pub fn filter(&self) -> Style {
        self.fg(Color::LightGreen).add_modifier(Modifier::BOLD)
    }
    pub fn warning(&self) -> Style {
        if self.colour {
            Style::default().fg(Color::Black).bg(Color::Yellow)
        } else {
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }
    pub fn error(&self) -> Style {
        self.fg(Color::LightRed).add_modifier(Modifier::BOLD)
    }
    pub fn key(&self) -> Style {
        self.fg(Color::LightYellow).add_modifier(Modifier::BOLD)
    }
    pub fn place(&self) -> Style {
        self.fg(Color::Cyan)
    }
    pub fn party_mark(&self) -> Style {
        self.fg(Color::LightMagenta).add_modifier(Modifier::BOLD)
    }
    pub fn person(&self) -> Style {
        self.fg(Color::Magenta).add_modifier(Modifier::UNDERLINED)
    }
    /// A word the search matched, in the article's own text.
    pub fn search_hit(&self) -> Style {
        let style = Style::default().add_modifier(Modifier::REVERSED);
        if self.colour {
            style.fg(Color::LightYellow)
        } else {
            style
        }
    }
    pub fn date(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::UNDERLINED)
    }
    /// A date known only to the week, month or year.
    pub fn approximate(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::ITALIC)
    }
    pub fn party(&self, code: Option<&str>) -> Style {
        match code.and_then(|c| self.parties.get(c)) {
            Some(c) if self.colour => Style::default().fg(*c).add_modifier(Modifier::BOLD),
            _ => Style::default().add_modifier(Modifier::BOLD),
        }
    }
    pub fn status(&self, status: EventStatus) -> Style {
        match status {
            EventStatus::Planned => self.fg(Color::LightYellow).add_modifier(Modifier::ITALIC),
            EventStatus::Ongoing => self.fg(Color::LightCyan),
            EventStatus::Happened => self.fg(Color::LightGreen),
            EventStatus::Cancelled => self.fg(Color::LightRed).add_modifier(Modifier::CROSSED_OUT),
        }
    }
    pub fn map_quiet(&self) -> Color {
        if self.colour {
            Color::DarkGray
        } else {
            Color::Reset
        }
    }
    pub fn map_busy(&self) -> Color {
        if self.colour {
            Color::LightYellow
        } else {
            Color::Reset
        }
    }
    pub fn map_count(&self) -> Style {
        self.fg(Color::LightYellow).add_modifier(Modifier::BOLD)
    }
}
