//! Every user intent is an `Action`; the keymap turns keys into actions and
//! also describes itself, so the help screen and the key bar are built from
//! the same table that handles the keys.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::Tab;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Top,
    Bottom,
    NextPane,
    PrevPane,
    ShowTab(Tab),
    Enter,
    Back,
    Search,
    PickDistrict,
    PickParty,
    DateRange,
    ClearFilters,
    Export,
    ToggleScript,
    Help,
    Confirm,
    Reject,
    Edit,
    Tag,
    Note,
    FollowUp,
    Refresh,
    Query,
    SaveView,
}

impl Action {
    /// What the action does, for the help screen.
    pub fn describe(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Up => "up",
            Action::Down => "down",
            Action::Left => "collapse / previous district on the map",
            Action::Right => "expand / next district on the map",
            Action::PageUp => "page up",
            Action::PageDown => "page down",
            Action::Top => "first row",
            Action::Bottom => "last row",
            Action::NextPane => "next pane",
            Action::PrevPane => "previous pane",
            Action::ShowTab(Tab::Articles) => "articles tab",
            Action::ShowTab(Tab::Timeline) => "timeline tab",
            Action::ShowTab(Tab::Map) => "map tab",
            Action::Enter => "open / filter to the chosen place",
            Action::Back => "close / back",
            Action::Search => "search the text (Hindi or Latin)",
            Action::PickDistrict => "pick a district or region",
            Action::PickParty => "pick a party",
            Action::DateRange => "date range",
            Action::ClearFilters => "clear every filter",
            Action::Export => "export the timeline under the filters",
            Action::ToggleScript => "names in Devanagari or Latin letters",
            Action::Help => "this help",
            Action::Confirm => "confirm the event",
            Action::Reject => "reject the event",
            Action::Edit => "correct the event's kind and date",
            Action::Tag => "edit tags: +add -remove",
            Action::Note => "edit the note",
            Action::FollowUp => "on/off the follow-up list",
            Action::Refresh => "reload from the store",
            Action::Query => "type the filters as a query (district:… party:…)",
            Action::SaveView => "save the filters as a view",
        }
    }

    /// The name used in the configuration file.
    pub fn name(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Up => "up",
            Action::Down => "down",
            Action::Left => "left",
            Action::Right => "right",
            Action::PageUp => "page_up",
            Action::PageDown => "page_down",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::NextPane => "next_pane",
            Action::PrevPane => "prev_pane",
            Action::ShowTab(Tab::Articles) => "tab_articles",
            Action::ShowTab(Tab::Timeline) => "tab_timeline",
            Action::ShowTab(Tab::Map) => "tab_map",
            Action::Enter => "enter",
            Action::Back => "back",
            Action::Search => "search",
            Action::PickDistrict => "district",
            Action::PickParty => "party",
            Action::DateRange => "dates",
            Action::ClearFilters => "clear",
            Action::Export => "export",
            Action::ToggleScript => "script",
            Action::Help => "help",
            Action::Confirm => "confirm",
            Action::Reject => "reject",
            Action::Edit => "edit",
            Action::Tag => "tag",
            Action::Note => "note",
            Action::FollowUp => "follow_up",
            Action::Refresh => "refresh",
            Action::Query => "query",
            Action::SaveView => "save_view",
        }
    }

    pub const ALL: [Action; 33] = [
        Action::Up,
        Action::Down,
        Action::Left,
        Action::Right,
        Action::PageUp,
        Action::PageDown,
        Action::Top,
        Action::Bottom,
        Action::NextPane,
        Action::PrevPane,
        Action::ShowTab(Tab::Articles),
        Action::ShowTab(Tab::Timeline),
        Action::ShowTab(Tab::Map),
        Action::Enter,
        Action::Back,
        Action::Search,
        Action::PickDistrict,
        Action::PickParty,
        Action::DateRange,
        Action::Query,
        Action::SaveView,
        Action::ClearFilters,
        Action::Export,
        Action::ToggleScript,
        Action::Confirm,
        Action::Reject,
        Action::Edit,
        Action::Tag,
        Action::Note,
        Action::FollowUp,
        Action::Refresh,
        Action::Help,
        Action::Quit,
    ];
}

/// A key with its modifiers, as written in the help and the config file:
/// `q`, `G`, `ctrl-c`, `enter`, `pgdn`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

impl Key {
    pub fn parse(s: &str) -> Option<Key> {
        let (ctrl, name) = match s.strip_prefix("ctrl-") {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let code = match name {
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pgup" => KeyCode::PageUp,
            "pgdn" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "enter" => KeyCode::Enter,
            "esc" => KeyCode::Esc,
            "space" => KeyCode::Char(' '),
            _ if name.len() > 1 && name.starts_with('f') => KeyCode::F(name[1..].parse().ok()?),
            _ => {
                let mut chars = name.chars();
                let c = chars.next()?;
                if chars.next().is_some() {
                    return None;
                }
                KeyCode::Char(c)
            }
        };
        Some(Key { code, ctrl })
    }

    fn from_event(key: &KeyEvent) -> Key {
        Key {
            code: key.code,
            ctrl: key.modifiers.contains(KeyModifiers::CONTROL),
        }
    }

    pub fn label(&self) -> String {
        let name = match self.code {
            KeyCode::Up => "↑".to_string(),
            KeyCode::Down => "↓".to_string(),
            KeyCode::Left => "←".to_string(),
            KeyCode::Right => "→".to_string(),
            KeyCode::PageUp => "PgUp".to_string(),
            KeyCode::PageDown => "PgDn".to_string(),
            KeyCode::Home => "Home".to_string(),
            KeyCode::End => "End".to_string(),
            KeyCode::Tab => "Tab".to_string(),
            KeyCode::BackTab => "S-Tab".to_string(),
            KeyCode::Enter => "Enter".to_string(),
            KeyCode::Esc => "Esc".to_string(),
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        if self.ctrl {
            format!("Ctrl-{name}")
        } else {
            name
        }
    }
}

/// Keys to actions, in the order the help lists them.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<(Key, Action)>,
}

impl Default for Keymap {
    fn default() -> Self {
        let table: &[(&str, Action)] = &[
            ("up", Action::Up),
            ("k", Action::Up),
            ("down", Action::Down),
            ("j", Action::Down),
            ("left", Action::Left),
            ("h", Action::Left),
            ("right", Action::Right),
            ("l", Action::Right),
            ("pgup", Action::PageUp),
            ("pgdn", Action::PageDown),
            ("g", Action::Top),
            ("home", Action::Top),
            ("G", Action::Bottom),
            ("end", Action::Bottom),
            ("tab", Action::NextPane),
            ("backtab", Action::PrevPane),
            ("1", Action::ShowTab(Tab::Articles)),
            ("2", Action::ShowTab(Tab::Timeline)),
            ("3", Action::ShowTab(Tab::Map)),
            ("enter", Action::Enter),
            ("esc", Action::Back),
            ("/", Action::Search),
            ("d", Action::PickDistrict),
            ("p", Action::PickParty),
            ("t", Action::DateRange),
            (":", Action::Query),
            ("v", Action::SaveView),
            ("c", Action::ClearFilters),
            ("e", Action::Export),
            ("r", Action::ToggleScript),
            ("a", Action::Confirm),
            ("x", Action::Reject),
            ("E", Action::Edit),
            ("T", Action::Tag),
            ("n", Action::Note),
            ("f", Action::FollowUp),
            ("R", Action::Refresh),
            ("f5", Action::Refresh),
            ("?", Action::Help),
            ("q", Action::Quit),
            ("ctrl-c", Action::Quit),
        ];
        Keymap {
            bindings: table
                .iter()
                .map(|(k, a)| (Key::parse(k).expect("default keys parse"), *a))
                .collect(),
        }
    }
}

impl Keymap {
    pub fn action(&self, key: &KeyEvent) -> Option<Action> {
        let pressed = Key::from_event(key);
        self.bindings
            .iter()
            .find(|(k, _)| *k == pressed)
            .map(|(_, a)| *a)
    }

    /// Every key bound to `action`, as labels.
    pub fn keys_for(&self, action: Action) -> Vec<String> {
        self.bindings
            .iter()
            .filter(|(_, a)| *a == action)
            .map(|(k, _)| k.label())
            .collect()
    }

    /// Replaces the keys of `action` with `keys` (from the config file).
    pub fn rebind(&mut self, action: Action, keys: &[Key]) {
        self.bindings.retain(|(_, a)| *a != action);
        // A key moved to this action leaves its old one.
        self.bindings.retain(|(k, _)| !keys.contains(k));
        self.bindings.extend(keys.iter().map(|k| (*k, action)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse_and_label() {
        let map = Keymap::default();
        let press = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(map.action(&press('q')), Some(Action::Quit));
        assert_eq!(map.action(&press('G')), Some(Action::Bottom));
        assert_eq!(
            map.action(&KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
        assert_eq!(map.keys_for(Action::Up), ["↑", "k"]);
        assert!(Key::parse("ctrl-").is_none());
        assert!(Key::parse("abc").is_none());
        for action in Action::ALL {
            assert!(!map.keys_for(action).is_empty(), "{action:?} has no key");
        }
    }

    #[test]
    fn rebinding_moves_a_key() {
        let mut map = Keymap::default();
        map.rebind(
            Action::Search,
            &[Key::parse("s").unwrap(), Key::parse("q").unwrap()],
        );
        let press = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(map.action(&press('s')), Some(Action::Search));
        assert_eq!(map.action(&press('q')), Some(Action::Search));
        assert_eq!(map.action(&press('/')), None);
        assert_eq!(map.keys_for(Action::Quit), ["Ctrl-c"]);
    }
}
