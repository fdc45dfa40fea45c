//! A list to choose from by typing: districts (and regions, divisions,
//! states) or parties, matched over every name they are written by, in
//! either script, with Hindi spelling variants folded.

use crate::text::fold;

/// One choice: what it is, how it is shown, and every name it answers to.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub id: i64,
    pub label_hi: String,
    pub label_en: String,
    /// A short note shown beside it ("district", "division", a party's name).
    pub note: String,
    /// Folded names.
    keys: Vec<String>,
}

impl Choice {
    pub fn new(
        id: i64,
        label_hi: String,
        label_en: String,
        note: String,
        names: &[String],
    ) -> Choice {
        let mut keys: Vec<String> = names
            .iter()
            .chain([&label_hi, &label_en])
            .map(|n| fold(n))
            .filter(|k| !k.is_empty())
            .collect();
        keys.sort();
        keys.dedup();
        Choice {
            id,
            label_hi,
            label_en,
            note,
            keys,
        }
    }

    /// How well `query` (folded) fits: lower is better, `None` is no fit.
    /// An exact name beats a prefix, a prefix beats a word inside a name,
    /// and that beats letters in order ("gkp" for Gorakhpur).
    fn score(&self, query: &str) -> Option<u32> {
        self.keys
            .iter()
            .filter_map(|key| {
                if key == query {
                    Some(0)
                } else if key.starts_with(query) {
                    Some(1)
                } else if key.split([' ', '-']).any(|w| w.starts_with(query)) {
                    Some(2)
                } else if key.contains(query) {
                    Some(3)
                } else if is_subsequence(query, key) {
                    Some(4)
                } else {
                    None
                }
            })
            .min()
    }
}

fn is_subsequence(query: &str, key: &str) -> bool {
    let mut key = key.chars();
    query.chars().all(|q| key.any(|k| k == q))
}

/// The picker's state: the typed text and the choices that fit it.
#[derive(Debug, Clone, PartialEq)]
pub struct Picker {
    pub title: &'static str,
    pub input: String,
    choices: Vec<Choice>,
    /// Indexes into `choices`, best first.
    pub matches: Vec<usize>,
    pub selected: usize,
}

impl Picker {
    pub fn new(title: &'static str, choices: Vec<Choice>) -> Picker {
        let mut picker = Picker {
            title,
            input: String::new(),
            matches: (0..choices.len()).collect(),
            choices,
            selected: 0,
        };
        picker.refilter();
        picker
    }

    pub fn type_text(&mut self, text: &str) {
        self.input.push_str(text);
        self.refilter();
    }

    /// Removes the last code point: in Hindi that is a vowel sign or a
    /// virama, as an input method types them.
    pub fn backspace(&mut self) {
        self.input.pop();
        self.refilter();
    }

    pub fn move_by(&mut self, delta: isize) {
        if self.matches.is_empty() {
            return;
        }
        let last = self.matches.len() - 1;
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    pub fn chosen(&self) -> Option<&Choice> {
        self.matches.get(self.selected).map(|&i| &self.choices[i])
    }

    pub fn matched(&self) -> impl Iterator<Item = &Choice> {
        self.matches.iter().map(|&i| &self.choices[i])
    }

    fn refilter(&mut self) {
        let query = fold(self.input.trim());
        let mut scored: Vec<(u32, usize)> = self
            .choices
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                if query.is_empty() {
                    Some((0, i))
                } else {
                    c.score(&query).map(|s| (s, i))
                }
            })
            .collect();
        scored.sort_by_key(|&(s, i)| (s, i));
        self.matches = scored.into_iter().map(|(_, i)| i).collect();
        self.selected = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn places() -> Picker {
        let c = |id, hi: &str, en: &str, names: &[&str]| {
            let names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
            Choice::new(id, hi.into(), en.into(), "district".into(), &names)
        };
        Picker::new(
            "District",
            vec![
                c(1, "गोरखपुर", "Gorakhpur", &["गोरखपुर", "Gorakhpur"]),
                c(2, "प्रयागराज", "Prayagraj", &["इलाहाबाद", "Allahabad"]),
                c(3, "आजमगढ़", "Azamgarh", &["आज़मगढ़"]),
                c(4, "महराजगंज", "Maharajganj", &["महाराजगंज"]),
            ],
        )
    }

    #[test]
    fn every_script_and_spelling_finds_the_district() {
        for query in ["gorakh", "गोरख", "gorakhpur", "GORAKHPUR", "gkp"] {
            let mut p = places();
            p.type_text(query);
            assert_eq!(p.chosen().map(|c| c.id), Some(1), "{query}");
        }
        let mut p = places();
        p.type_text("allahabad");
        assert_eq!(p.chosen().map(|c| c.id), Some(2));
        let mut p = places();
        p.type_text("आज़म");
        assert_eq!(p.chosen().map(|c| c.id), Some(3));
        let mut p = places();
        p.type_text("xyz");
        assert!(p.chosen().is_none());
        p.backspace();
        p.backspace();
        p.backspace();
        assert_eq!(p.matches.len(), 4);
    }

    #[test]
    fn better_fits_come_first() {
        let mut p = places();
        p.type_text("ma");
        let first: Vec<i64> = p.matched().map(|c| c.id).collect();
        assert_eq!(first[0], 4, "a prefix beats letters inside: {first:?}");
        p.move_by(10);
        assert_eq!(p.selected, p.matches.len() - 1);
        p.move_by(-10);
        assert_eq!(p.selected, 0);
    }
}
