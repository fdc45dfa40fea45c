//! The extraction rules kept as data in `db/rules/`, parsed once.

use std::collections::{HashMap, HashSet};

use crate::text::fold;

/// A set of folded words, with a hash quicker than the default on the
/// short keys extraction looks up for every word of every sentence.
pub type WordSet = HashSet<String, foldhash::fast::RandomState>;

/// A map from folded words, hashed like `WordSet`.
pub type WordMap<T> = HashMap<String, T, foldhash::fast::RandomState>;

/// Word lists from `db/rules/names.txt`, folded.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    pub place_suffixes: WordSet,
    pub left_context: WordSet,
    pub settlement_words: WordSet,
    pub person_name_after: WordSet,
    pub party_unit_after: WordSet,
    pub political_cues: WordSet,
    pub police_cues: WordSet,
    pub political_roles: WordSet,
}

impl Lexicon {
    pub fn embedded() -> Lexicon {
        let mut sections = parse_sections(include_str!("../../db/rules/names.txt"));
        let mut take = |name: &str| -> WordSet {
            sections
                .remove(name)
                .unwrap_or_else(|| panic!("db/rules/names.txt lacks [{name}]"))
                .into_iter()
                .map(|w| fold(&w))
                .collect()
        };
        Lexicon {
            place_suffixes: take("place_suffixes"),
            left_context: take("left_context"),
            settlement_words: take("settlement_words"),
            person_name_after: take("person_name_after"),
            party_unit_after: take("party_unit_after"),
            political_cues: take("political_cues"),
            police_cues: take("police_cues"),
            political_roles: take("political_roles"),
        }
    }
}

/// `[section]` headers followed by one entry per line; `#` starts a comment.
pub fn parse_sections(source: &str) -> HashMap<String, Vec<String>> {
    let mut sections: HashMap<String, Vec<String>> = HashMap::new();
    let mut current = None;
    for line in source.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = Some(name.to_string());
            sections.entry(name.to_string()).or_default();
        } else if let Some(section) = &current {
            sections
                .entry(section.clone())
                .or_default()
                .push(line.to_string());
        }
    }
    sections
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_parse_and_fold() {
        let lexicon = Lexicon::embedded();
        assert!(lexicon.place_suffixes.contains("जिले"));
        assert!(lexicon.political_cues.contains("election"));
        let s = parse_sections("# c\n[a]\nx\n\n[b]\ny\nz\n");
        assert_eq!(s["a"], ["x"]);
        assert_eq!(s["b"], ["y", "z"]);
    }
}
