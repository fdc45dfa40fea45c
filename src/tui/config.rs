//! The interface's configuration file, `chunav/config.toml` in the XDG
//! config directory. Everything in it is optional:
//!
//! ```toml
//! color = false              # or set NO_COLOR
//! [keys]
//! search = ["/", "s"]        # action name = keys; see `?` in the app
//! quit = ["q", "ctrl-c"]
//! [party_colours]
//! AIMIM = "#0B6623"
//! ```

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::keymap::{Action, Key, Keymap};
use crate::{Error, Result};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    color: Option<bool>,
    #[serde(default)]
    keys: HashMap<String, Vec<String>>,
    #[serde(default)]
    party_colours: HashMap<String, String>,
}

/// The configuration, resolved.
#[derive(Debug, Clone)]
pub struct Config {
    pub colour: bool,
    pub keymap: Keymap,
    pub party_colours: HashMap<String, String>,
}

impl Config {
    /// The file's default place.
    pub fn default_path() -> Option<PathBuf> {
        use etcetera::BaseStrategy;
        let base = etcetera::choose_base_strategy().ok()?;
        Some(base.config_dir().join("chunav").join("config.toml"))
    }

    /// Reads `path` if it exists; `NO_COLOR` turns colour off whatever the
    /// file says. A mistake in the file is an error naming file and line.
    pub fn load(path: Option<&Path>, no_color: bool) -> Result<Config> {
        let text = match path {
            Some(p) => match std::fs::read_to_string(p) {
                Ok(t) => Some(t),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                Err(source) => {
                    return Err(Error::Io {
                        path: p.to_path_buf(),
                        source,
                    });
                }
            },
            None => None,
        };
        let shown = path.map(|p| p.display().to_string()).unwrap_or_default();
        Config::parse(text.as_deref().unwrap_or(""), &shown, no_color)
    }

    pub fn parse(text: &str, file: &str, no_color: bool) -> Result<Config> {
        let invalid = |line: Option<u64>, reason: String| Error::Input {
            file: file.to_string(),
            line,
            reason,
        };
        let parsed: File = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() as u64 + 1);
            invalid(line, e.message().to_string())
        })?;
        let line_of = |needle: &str| {
            text.lines()
                .position(|l| l.trim_start().starts_with(needle))
                .map(|n| n as u64 + 1)
        };
        let mut keymap = Keymap::default();
        let mut names: Vec<&String> = parsed.keys.keys().collect();
        names.sort();
        for name in names {
            let action = Action::ALL
                .into_iter()
                .find(|a| a.name() == name)
                .ok_or_else(|| {
                    let all: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
                    invalid(
                        line_of(name),
                        format!("no action called {name:?} (one of {})", all.join(", ")),
                    )
                })?;
            let keys = parsed.keys[name]
                .iter()
                .map(|k| {
                    Key::parse(k)
                        .ok_or_else(|| invalid(line_of(name), format!("{k:?} is not a key")))
                })
                .collect::<Result<Vec<Key>>>()?;
            keymap.rebind(action, &keys);
        }
        for (code, colour) in &parsed.party_colours {
            if super::view::colour_of(colour).is_none() {
                return Err(invalid(
                    line_of(code),
                    format!("{colour:?} is not a colour like #FF9933"),
                ));
            }
        }
        Ok(Config {
            colour: parsed.color.unwrap_or(true) && !no_color,
            keymap,
            party_colours: parsed.party_colours,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_config_rebinds_keys_and_colours() {
        let text = "color = true\n[keys]\nsearch = [\"s\"]\n[party_colours]\nBJP = \"#123456\"\n";
        let c = Config::parse(text, "c.toml", false).unwrap();
        assert!(c.colour);
        assert_eq!(c.keymap.keys_for(Action::Search), ["s"]);
        assert_eq!(c.party_colours["BJP"], "#123456");
        assert!(
            !Config::parse(text, "c.toml", true).unwrap().colour,
            "NO_COLOR wins"
        );
    }

    #[test]
    fn mistakes_name_the_file_and_line() {
        let e = Config::parse("[keys]\nserch = [\"s\"]\n", "c.toml", false)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("c.toml line 2:"), "{e}");
        let e = Config::parse("[keys]\nsearch = [\"bogus\"]\n", "c.toml", false)
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 2") && e.contains("bogus"), "{e}");
        let e = Config::parse("color = \"yes\"\n", "c.toml", false)
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 1"), "{e}");
        let e = Config::parse("[party_colours]\nSP = \"red\"\n", "c.toml", false)
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 2"), "{e}");
        assert!(Config::load(Some(Path::new("/nonexistent/chunav.toml")), false).is_ok());
    }
}
