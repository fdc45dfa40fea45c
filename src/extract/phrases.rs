//! Matching many multi-word phrases against a sentence's words at once:
//! one Aho-Corasick automaton over folded words, matches only at word
//! boundaries.

use std::collections::BTreeMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};

use super::tokens::{Token, tokenize};

/// Phrases, each meaning one or more values of `T`.
pub struct PhraseMatcher<T> {
    automaton: AhoCorasick,
    /// For each pattern: its length in words and its values.
    patterns: Vec<(usize, Vec<T>)>,
}

/// A phrase found: the word range in the sentence and its values.
pub struct PhraseMatch<'a, T> {
    pub tokens: Range<usize>,
    pub values: &'a [T],
}

impl<T> PhraseMatcher<T> {
    /// Builds the matcher from (phrase, value) pairs; a phrase given several
    /// times keeps every value.
    pub fn new(phrases: impl IntoIterator<Item = (String, T)>) -> PhraseMatcher<T> {
        let mut by_pattern: BTreeMap<String, Vec<T>> = BTreeMap::new();
        for (phrase, value) in phrases {
            let words: Vec<String> = tokenize(&phrase).into_iter().map(|t| t.folded).collect();
            if !words.is_empty() {
                by_pattern
                    .entry(format!(" {} ", words.join(" ")))
                    .or_default()
                    .push(value);
            }
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(by_pattern.keys())
            .expect("phrase automaton builds");
        let patterns = by_pattern
            .into_iter()
            .map(|(p, values)| (p.trim().split(' ').count(), values))
            .collect();
        PhraseMatcher {
            automaton,
            patterns,
        }
    }

    /// Every phrase in `tokens`, overlapping ones included, longest first
    /// (then leftmost).
    pub fn find_all<'a>(&'a self, tokens: &[Token]) -> Vec<PhraseMatch<'a, T>> {
        // " w1 w2 w3 ": a pattern " a b " can only match whole words.
        let mut haystack = String::from(" ");
        let mut starts = Vec::with_capacity(tokens.len());
        for t in tokens {
            starts.push(haystack.len());
            haystack.push_str(&t.folded);
            haystack.push(' ');
        }
        let mut found: Vec<PhraseMatch<'a, T>> = self
            .automaton
            .find_overlapping_iter(&haystack)
            .filter_map(|m| {
                let first = starts.binary_search(&(m.start() + 1)).ok()?;
                let (len, values) = &self.patterns[m.pattern().as_usize()];
                Some(PhraseMatch {
                    tokens: first..first + len,
                    values,
                })
            })
            .collect();
        found.sort_by_key(|m| (std::cmp::Reverse(m.tokens.len()), m.tokens.start));
        found
    }

    /// The longest non-overlapping phrases for which `accept` picks a value.
    pub fn find<'a, U>(
        &'a self,
        tokens: &[Token],
        mut accept: impl FnMut(Range<usize>, &'a [T]) -> Option<U>,
    ) -> Vec<(Range<usize>, U)> {
        let mut taken = vec![false; tokens.len()];
        let mut out = Vec::new();
        for m in self.find_all(tokens) {
            if taken[m.tokens.clone()].iter().any(|&t| t) {
                continue;
            }
            if let Some(value) = accept(m.tokens.clone(), m.values) {
                taken[m.tokens.clone()].iter_mut().for_each(|t| *t = true);
                out.push((m.tokens, value));
            }
        }
        out.sort_by_key(|(r, _)| r.start);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_whole_word_phrases_win() {
        let m = PhraseMatcher::new([
            ("सपा".to_string(), 1),
            ("समाजवादी पार्टी".to_string(), 2),
            ("पार्टी".to_string(), 3),
        ]);
        let tokens = tokenize("आसपास समाजवादी पार्टी और सपा");
        let found: Vec<(Range<usize>, i32)> = m.find(&tokens, |_, v| Some(v[0]));
        assert_eq!(found, vec![(1..3, 2), (4..5, 1)]);
    }
}
