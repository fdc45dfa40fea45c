//! Finding the gazetteer's places, parties and people in text: one phrase
//! table over the folded words of every name, then rules for the names that
//! are also ordinary words.

use std::collections::HashSet;

use super::phrases::PhraseMatcher;
use super::rules::{Lexicon, WordSet};
use super::tokens::{Sentence, Token};
use crate::gazetteer::Gazetteer;
use crate::model::PlaceKind;
use crate::text::is_case_sensitive_abbreviation;

/// What a name refers to, by the gazetteer's stable keys.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Entity {
    Place { kind: PlaceKind, key: String },
    Party { code: String },
    Person { key: String },
}

/// Why a name was or was not taken: shown by `chunav explain`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameRule {
    /// A name that means only this entity.
    Alias,
    /// A name that is also a common word, taken because of its context.
    Context,
    /// Two divisions written as a hyphenated pair before मंडल.
    DivisionPair,
}

impl NameRule {
    pub fn as_str(self) -> &'static str {
        match self {
            NameRule::Alias => "alias",
            NameRule::Context => "alias in context",
            NameRule::DivisionPair => "hyphenated division pair",
        }
    }
}

/// A name found in one sentence: token range and the entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameMatch {
    pub tokens: std::ops::Range<usize>,
    pub entity: Entity,
    pub rule: NameRule,
}

#[derive(Debug, Clone)]
struct Entry {
    entity: Entity,
    /// Only in upper case: UP, SP, AAP.
    case_sensitive: bool,
    /// Party names that mean the party only in a political sentence.
    context_only: bool,
    /// Ambiguity tags that call for the context rules.
    ambiguous: bool,
}

pub struct NameMatcher {
    phrases: PhraseMatcher<Entry>,
    division_keys: HashSet<String>,
}

impl NameMatcher {
    pub fn new(g: &Gazetteer) -> NameMatcher {
        let mut phrases: Vec<(String, Entry)> = Vec::new();
        let mut add = |name: &str, entity: &Entity, context_only: bool, ambiguous: bool| {
            let entry = Entry {
                entity: entity.clone(),
                case_sensitive: is_case_sensitive_abbreviation(name),
                context_only,
                ambiguous,
            };
            phrases.push((name.to_string(), entry));
        };
        for s in &g.states {
            let e = Entity::Place {
                kind: PlaceKind::State,
                key: format!("state:{}", s.code.to_lowercase()),
            };
            for name in [&s.name_en, &s.name_hi].into_iter().chain(&s.aliases) {
                add(name, &e, false, false);
            }
        }
        for r in &g.regions {
            let e = Entity::Place {
                kind: PlaceKind::Region,
                key: crate::gazetteer::place_key("region", &r.name_en),
            };
            for name in [&r.name_en, &r.name_hi].into_iter().chain(&r.aliases) {
                add(name, &e, false, false);
            }
        }
        let mut division_keys = HashSet::new();
        for v in &g.divisions {
            let key = crate::gazetteer::place_key("division", &v.name_en);
            division_keys.insert(key.clone());
            let e = Entity::Place {
                kind: PlaceKind::Division,
                key,
            };
            // A bare division name is its district; only "X मंडल" is the division.
            for name in v.names_as_division() {
                add(&name, &e, false, false);
            }
        }
        for d in &g.districts {
            let e = Entity::Place {
                kind: PlaceKind::District,
                key: crate::gazetteer::place_key("district", &d.name_en),
            };
            let ambiguous = d
                .ambiguity
                .iter()
                .any(|t| matches!(t.as_str(), "common-noun" | "surname" | "person-name"));
            for name in [&d.name_en, &d.name_hi].into_iter().chain(&d.aliases) {
                add(name, &e, false, ambiguous);
            }
        }
        for p in &g.parties {
            let e = Entity::Party {
                code: p.code.clone(),
            };
            for name in [&p.code, &p.name_en, &p.name_hi]
                .into_iter()
                .chain(&p.aliases)
            {
                add(name, &e, false, false);
            }
            for name in &p.context_aliases {
                add(name, &e, true, false);
            }
        }
        for p in &g.people {
            let e = Entity::Person { key: p.key() };
            for name in [&p.name_en, &p.name_hi].into_iter().chain(&p.aliases) {
                add(name, &e, false, false);
            }
        }
        NameMatcher {
            phrases: PhraseMatcher::new(phrases),
            division_keys,
        }
    }

    /// The names in one sentence of `text`, longest first where they
    /// overlap, after the context rules. `dateline` is the place key of the
    /// article's dateline, which settles an ambiguous name in its favour.
    pub fn find(
        &self,
        text: &str,
        sentence: &Sentence,
        lexicon: &Lexicon,
        dateline: Option<&str>,
    ) -> Vec<NameMatch> {
        let tokens = &sentence.tokens;
        let cues = |section: &WordSet| tokens.iter().any(|t| section.contains(&t.folded));
        let political = cues(&lexicon.political_cues) && !cues(&lexicon.police_cues);
        let mut found: Vec<NameMatch> = self
            .phrases
            .find(tokens, |range, entries| {
                let original =
                    &text[tokens[range.start].span.start..tokens[range.end - 1].span.end];
                let entry = entries.iter().find(|e| {
                    (!e.case_sensitive || original.chars().all(|c| !c.is_lowercase()))
                        && (!e.context_only || political)
                        && (!e.ambiguous
                            || place_in_context(
                                text,
                                tokens,
                                range.clone(),
                                lexicon,
                                &e.entity,
                                dateline,
                            ))
                })?;
                // "X मंडल अध्यक्ष" is a party unit, not a division.
                let party_unit = matches!(
                    entry.entity,
                    Entity::Place {
                        kind: PlaceKind::Division,
                        ..
                    }
                ) && tokens
                    .get(range.end)
                    .is_some_and(|t| lexicon.party_unit_after.contains(&t.folded));
                (!party_unit).then_some(entry)
            })
            .into_iter()
            .map(|(range, entry)| NameMatch {
                tokens: range,
                entity: entry.entity.clone(),
                rule: if entry.context_only || entry.ambiguous {
                    NameRule::Context
                } else {
                    NameRule::Alias
                },
            })
            .collect();
        self.division_pairs(text, tokens, &mut found);
        found
    }

    /// "गोरखपुर-बस्ती मंडल" names two divisions: a district name joined by a
    /// hyphen to a division is itself a division when one has that name.
    fn division_pairs(&self, text: &str, tokens: &[Token], found: &mut [NameMatch]) {
        let divisions: Vec<usize> = found
            .iter()
            .filter(|m| {
                matches!(
                    m.entity,
                    Entity::Place {
                        kind: PlaceKind::Division,
                        ..
                    }
                )
            })
            .map(|m| m.tokens.start)
            .collect();
        for m in found.iter_mut() {
            let Entity::Place {
                kind: PlaceKind::District,
                key,
            } = &m.entity
            else {
                continue;
            };
            let joined = divisions.contains(&m.tokens.end)
                && text[tokens[m.tokens.end - 1].span.end..tokens[m.tokens.end].span.start].trim()
                    == "-";
            let division_key = key.replacen("district:", "division:", 1);
            if joined && self.division_keys.contains(&division_key) {
                m.entity = Entity::Place {
                    kind: PlaceKind::Division,
                    key: division_key,
                };
                m.rule = NameRule::DivisionPair;
            }
        }
    }
}

/// Whether a name that is also a common word or a surname means the place
/// here (see db/rules/names.txt).
fn place_in_context(
    text: &str,
    tokens: &[Token],
    range: std::ops::Range<usize>,
    lexicon: &Lexicon,
    entity: &Entity,
    dateline: Option<&str>,
) -> bool {
    let Entity::Place { key, .. } = entity else {
        return true;
    };
    let (start, end) = (range.start, range.end);
    let original = &text[tokens[start].span.start..tokens[end - 1].span.end];
    let next = tokens.get(end).map(|t| t.folded.as_str());
    // A word before counts only when nothing but space separates it: after
    // a comma or a hyphen the name starts afresh.
    let prev = start
        .checked_sub(1)
        .filter(|&i| {
            text[tokens[i].span.end..tokens[start].span.start]
                .trim()
                .is_empty()
        })
        .map(|i| tokens[i].folded.as_str());
    if next.is_some_and(|n| lexicon.place_suffixes.contains(n)) {
        return true;
    }
    if next.is_some_and(|n| lexicon.person_name_after.contains(n)) {
        return false;
    }
    // A settlement word counts across a hyphen too: झुग्गी-बस्ती.
    let joined_prev = start
        .checked_sub(1)
        .filter(|&i| {
            matches!(
                text[tokens[i].span.end..tokens[start].span.start].trim(),
                "" | "-"
            )
        })
        .map(|i| tokens[i].folded.as_str());
    if joined_prev.is_some_and(|p| lexicon.settlement_words.contains(p)) {
        return false;
    }
    // A Latin name means the place only capitalised ("Basti", not "basti").
    if original.starts_with(|c: char| c.is_ascii_lowercase()) {
        return false;
    }
    dateline == Some(key.as_str()) || prev.is_none_or(|p| lexicon.left_context.contains(p))
}
