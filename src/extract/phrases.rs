//! Matching many multi-word phrases against a sentence's words at once:
//! the phrases are filed under their first folded word, so each word of a
//! sentence looks up only the few phrases that can start there.

use std::collections::BTreeMap;
use std::ops::Range;

use super::rules::WordMap;
use super::tokens::{Token, tokenize};

/// Phrases, each meaning one or more values of `T`.
pub struct PhraseMatcher<T> {
    /// For each first word, the phrases starting with it, longest first.
    by_first_word: WordMap<Vec<usize>>,
    /// For each phrase: its folded words and its values.
    patterns: Vec<(Vec<String>, Vec<T>)>,
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
        let mut by_words: BTreeMap<Vec<String>, Vec<T>> = BTreeMap::new();
        for (phrase, value) in phrases {
            let words: Vec<String> = tokenize(&phrase).into_iter().map(|t| t.folded).collect();
            if !words.is_empty() {
                by_words.entry(words).or_default().push(value);
            }
        }
        let patterns: Vec<(Vec<String>, Vec<T>)> = by_words.into_iter().collect();
        let mut by_first_word: WordMap<Vec<usize>> = WordMap::default();
        for (n, (words, _)) in patterns.iter().enumerate() {
            by_first_word.entry(words[0].clone()).or_default().push(n);
        }
        for starting in by_first_word.values_mut() {
            starting.sort_by_key(|&n| std::cmp::Reverse(patterns[n].0.len()));
        }
        PhraseMatcher {
            by_first_word,
            patterns,
        }
    }

    /// Every phrase in `tokens`, overlapping ones included, longest first
    /// (then leftmost).
    pub fn find_all<'a>(&'a self, tokens: &[Token]) -> Vec<PhraseMatch<'a, T>> {
        let mut found = Vec::new();
        for (first, token) in tokens.iter().enumerate() {
            let Some(starting) = self.by_first_word.get(&token.folded) else {
                continue;
            };
            for &n in starting {
                let (words, values) = &self.patterns[n];
                let end = first + words.len();
                let matches = tokens
                    .get(first + 1..end)
                    .is_some_and(|rest| rest.iter().zip(&words[1..]).all(|(t, w)| t.folded == *w));
                if matches {
                    found.push(PhraseMatch {
                        tokens: first..end,
                        values,
                    });
                }
            }
        }
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
