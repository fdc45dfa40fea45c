//! Extraction: the places, parties and people an article names, each with
//! the words and position it was found at and the rule that took it.

mod dates;
mod events;
mod names;
mod phrases;
mod rules;
mod tokens;

use std::ops::Range;
use std::sync::LazyLock;

pub use dates::{DateRelation, FoundDate, Tense};
pub use events::{EventDate, Trigger};
pub use names::{Entity, NameRule};

use chrono::NaiveDate;

use crate::gazetteer::{Gazetteer, place_key};
use crate::model::{DatePrecision, EventKind, EventStatus, PlaceKind};
use crate::text::fold;
use events::TriggerMatcher;
use names::NameMatcher;
use rules::Lexicon;

/// Which part of an article a position refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Title,
    Standfirst,
    Dateline,
    Body,
}

impl Field {
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Standfirst => "standfirst",
            Field::Dateline => "dateline",
            Field::Body => "body",
        }
    }
}

/// The text extraction reads.
#[derive(Debug, Clone, Copy)]
pub struct ArticleText<'a> {
    pub title: &'a str,
    pub standfirst: Option<&'a str>,
    pub dateline: Option<&'a str>,
    pub body: &'a str,
    /// The publication day (IST), which relative dates are resolved against.
    pub published: Option<NaiveDate>,
}

/// A name found in an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub entity: Entity,
    pub field: Field,
    /// Byte span in the field.
    pub span: Range<usize>,
    pub matched: String,
    pub rule: NameRule,
}

/// A campaign event found in one sentence of an article.
#[derive(Debug, Clone, PartialEq)]
pub struct ExtractedEvent {
    pub kind: EventKind,
    /// Party code.
    pub party: Option<String>,
    /// Person keys.
    pub people: Vec<String>,
    /// Place keys: where it takes place.
    pub places: Vec<String>,
    pub date: EventDate,
    pub status: EventStatus,
    /// The sentence it was found in: field, byte span and text.
    pub field: Field,
    pub evidence_span: Range<usize>,
    pub evidence: String,
    pub confidence: f64,
    /// The trigger words, as written.
    pub trigger: String,
}

/// Everything found in one article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extraction {
    pub mentions: Vec<Mention>,
    pub events: Vec<ExtractedEvent>,
}

/// What extraction saw in one sentence, for `chunav explain`.
#[derive(Debug, Clone)]
pub struct SentenceAnalysis {
    pub field: Field,
    pub span: Range<usize>,
    pub text: String,
    pub mentions: Vec<Mention>,
    /// Trigger words as written, with what they signal.
    pub triggers: Vec<(String, Trigger)>,
    pub dates: Vec<FoundDate>,
    pub tense: Tense,
    pub events: Vec<ExtractedEvent>,
}

impl Extraction {
    /// The distinct entities of one kind, in first-mention order.
    pub fn entities(&self, want: impl Fn(&Entity) -> bool) -> Vec<&Entity> {
        let mut out: Vec<&Entity> = Vec::new();
        for m in &self.mentions {
            if want(&m.entity) && !out.contains(&&m.entity) {
                out.push(&m.entity);
            }
        }
        out
    }
}

/// The extractor: built once from the gazetteer and the rules, then applied
/// to any number of articles.
pub struct Extractor {
    names: NameMatcher,
    triggers: TriggerMatcher,
    lexicon: Lexicon,
    gazetteer: Gazetteer,
}

impl Extractor {
    pub fn new(gazetteer: Gazetteer) -> Extractor {
        Extractor {
            names: NameMatcher::new(&gazetteer),
            triggers: TriggerMatcher::embedded(),
            lexicon: Lexicon::embedded(),
            gazetteer,
        }
    }

    /// The extractor for the embedded gazetteer, built on first use. The
    /// embedded data is checked by the tests, so failing here is a bug.
    pub fn embedded() -> &'static Extractor {
        static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| {
            Extractor::new(Gazetteer::embedded().expect("the embedded gazetteer is valid"))
        });
        &EXTRACTOR
    }

    /// Extraction from an article as imported.
    pub fn extract_new(&self, article: &crate::model::NewArticle) -> Extraction {
        self.extract(&ArticleText {
            title: &article.title,
            standfirst: article.standfirst.as_deref(),
            dateline: article.dateline.as_deref(),
            body: &article.body,
            published: article
                .published
                .map(|p| p.with_timezone(&crate::query::ist()).date_naive()),
        })
    }

    pub fn extract(&self, article: &ArticleText) -> Extraction {
        let analysis = self.analyse(article);
        let mut extraction = Extraction::default();
        for sentence in analysis {
            extraction.mentions.extend(sentence.mentions);
            for event in sentence.events {
                // The same kind on the same date in one article is one event
                // told twice (a headline and its body); an undated telling
                // is the same event as a dated one, which says it better.
                let undated = |e: &ExtractedEvent| e.date.precision == DatePrecision::Reported;
                let same = extraction.events.iter_mut().find(|e| {
                    e.kind == event.kind
                        && (e.date.start == event.date.start
                            && e.date.precision == event.date.precision
                            || undated(e)
                            || undated(&event))
                });
                match same {
                    Some(e) => {
                        let places = std::mem::take(&mut e.places);
                        if undated(e) && !undated(&event) {
                            *e = event;
                        }
                        for p in places.into_iter().rev() {
                            if !e.places.contains(&p) {
                                e.places.insert(0, p);
                            }
                        }
                    }
                    None => extraction.events.push(event),
                }
            }
        }
        extraction
    }

    /// Every sentence with what was found in it and why.
    pub fn analyse(&self, article: &ArticleText) -> Vec<SentenceAnalysis> {
        let dateline_key = article.dateline.and_then(|d| self.dateline_district(d));
        let fields = [
            (Field::Title, Some(article.title)),
            (Field::Standfirst, article.standfirst),
            (Field::Dateline, article.dateline),
            (Field::Body, Some(article.body)),
        ];
        let mut sentences = Vec::new();
        for (field, text) in fields {
            let Some(text) = text else { continue };
            for sentence in tokens::sentences(text) {
                let mentions = self
                    .names
                    .find(text, &sentence, &self.lexicon, dateline_key.as_deref())
                    .into_iter()
                    .map(|m| {
                        let span = sentence.tokens[m.tokens.start].span.start
                            ..sentence.tokens[m.tokens.end - 1].span.end;
                        Mention {
                            entity: m.entity,
                            field,
                            matched: text[span.clone()].to_string(),
                            span,
                            rule: m.rule,
                        }
                    })
                    .collect();
                let words = &text[sentence.span.clone()];
                let triggers = self
                    .triggers
                    .find(&sentence.tokens)
                    .into_iter()
                    .map(|(r, t)| {
                        let span = sentence.tokens[r.start].span.start
                            ..sentence.tokens[r.end - 1].span.end;
                        (text[span].to_string(), t)
                    })
                    .collect();
                let tense = dates::clause_tense(words);
                sentences.push(SentenceAnalysis {
                    field,
                    span: sentence.span.clone(),
                    text: words.to_string(),
                    mentions,
                    triggers,
                    dates: dates::find_dates(words, article.published, tense),
                    tense,
                    events: Vec::new(),
                });
                let last = sentences.last_mut().expect("just pushed");
                let police = sentence
                    .tokens
                    .iter()
                    .any(|t| self.lexicon.police_cues.contains(&t.folded));
                if police {
                    last.triggers.clear();
                }
            }
        }
        let article_party = dominant_party(&sentences);
        for s in &mut sentences {
            s.events = self.events_in(
                s,
                article,
                article_party.as_deref(),
                dateline_key.as_deref(),
            );
        }
        sentences
    }

    fn events_in(
        &self,
        s: &SentenceAnalysis,
        article: &ArticleText,
        article_party: Option<&str>,
        dateline: Option<&str>,
    ) -> Vec<ExtractedEvent> {
        let leader_named = s
            .mentions
            .iter()
            .any(|m| matches!(m.entity, Entity::Person { .. }));
        let triggers: Vec<Trigger> = s.triggers.iter().map(|(_, t)| *t).collect();
        let kinds = events::kinds_in(&triggers, leader_named);
        if kinds.is_empty() {
            return Vec::new();
        }
        let parties: Vec<&str> = s
            .mentions
            .iter()
            .filter_map(|m| match &m.entity {
                Entity::Party { code } => Some(code.as_str()),
                _ => None,
            })
            .fold(Vec::new(), |mut acc, c| {
                if !acc.contains(&c) {
                    acc.push(c);
                }
                acc
            });
        let people: Vec<String> = s
            .mentions
            .iter()
            .filter_map(|m| match &m.entity {
                Entity::Person { key } => Some(key.clone()),
                _ => None,
            })
            .fold(Vec::new(), |mut acc, k| {
                if !acc.contains(&k) {
                    acc.push(k);
                }
                acc
            });
        // A campaign event needs a political actor: in the sentence, or a
        // party the article is about.
        if parties.is_empty() && people.is_empty() && article_party.is_none() {
            return Vec::new();
        }
        let person_party = people.iter().find_map(|k| {
            self.gazetteer
                .people
                .iter()
                .find(|p| p.key() == *k)
                .and_then(|p| p.party.clone())
        });
        let mut places: Vec<String> = Vec::new();
        for m in &s.mentions {
            if let Entity::Place { key, .. } = &m.entity
                && !places.contains(key)
            {
                places.push(key.clone());
            }
        }
        let cancelled = s.triggers.iter().any(|(_, t)| *t == Trigger::Cancelled);
        let date = s
            .dates
            .first()
            .map(EventDate::from_found)
            .unwrap_or_else(|| EventDate::reported(article.published));
        let trigger = s
            .triggers
            .iter()
            .filter(|(_, t)| *t != Trigger::Cancelled)
            .map(|(w, _)| w.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        kinds
            .into_iter()
            .map(|kind| {
                let shared = parties.len() > 1
                    && matches!(
                        kind,
                        EventKind::Alliance | EventKind::Result | EventKind::Polling
                    );
                let party = if shared {
                    None
                } else {
                    parties
                        .first()
                        .map(|p| p.to_string())
                        .or_else(|| person_party.clone())
                        .or_else(|| article_party.map(str::to_string))
                };
                let mut event_places = places.clone();
                if event_places.is_empty()
                    && let Some(d) = dateline
                    && matches!(
                        kind,
                        EventKind::Tour
                            | EventKind::Rally
                            | EventKind::Organisation
                            | EventKind::Training
                            | EventKind::MembershipDrive
                            | EventKind::Protest
                    )
                {
                    event_places.push(d.to_string());
                }
                let confidence = 0.4
                    + if parties.is_empty() { 0.0 } else { 0.2 }
                    + if date.precision == DatePrecision::Reported {
                        0.0
                    } else {
                        0.2
                    }
                    + if places.is_empty() { 0.0 } else { 0.1 }
                    + if people.is_empty() { 0.0 } else { 0.1 };
                ExtractedEvent {
                    kind,
                    status: events::status(kind, &date, article.published, s.tense, cancelled),
                    party,
                    people: people.clone(),
                    places: event_places,
                    date: date.clone(),
                    field: s.field,
                    evidence_span: s.span.clone(),
                    evidence: s.text.clone(),
                    confidence,
                    trigger: trigger.clone(),
                }
            })
            .collect()
    }

    /// The district key a dateline names by its first part.
    fn dateline_district(&self, dateline: &str) -> Option<String> {
        let name = fold(dateline.split([',', '।', ':', '(']).next()?.trim());
        self.gazetteer
            .districts
            .iter()
            .find(|d| {
                [&d.name_en, &d.name_hi]
                    .into_iter()
                    .chain(&d.aliases)
                    .any(|n| fold(n) == name)
            })
            .map(|d| place_key("district", &d.name_en))
    }
}

/// The party an article is about: the one named in at least half of its
/// party mentions.
fn dominant_party(sentences: &[SentenceAnalysis]) -> Option<String> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for m in sentences.iter().flat_map(|s| &s.mentions) {
        if let Entity::Party { code } = &m.entity {
            match counts.iter_mut().find(|(c, _)| c == code) {
                Some((_, n)) => *n += 1,
                None => counts.push((code, 1)),
            }
        }
    }
    let total: usize = counts.iter().map(|(_, n)| n).sum();
    let (code, n) = counts.into_iter().max_by_key(|(_, n)| *n)?;
    (n * 2 >= total).then(|| code.to_string())
}

/// Whether an entity is a place of this kind.
pub fn is_place(entity: &Entity, kind: PlaceKind) -> bool {
    matches!(entity, Entity::Place { kind: k, .. } if *k == kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(text: &str) -> Extraction {
        Extractor::embedded().extract(&ArticleText {
            title: "",
            standfirst: None,
            dateline: None,
            body: text,
            published: None,
        })
    }

    fn keys(x: &Extraction) -> Vec<String> {
        x.mentions
            .iter()
            .map(|m| match &m.entity {
                Entity::Place { key, .. } => key.clone(),
                Entity::Party { code } => format!("party:{code}"),
                Entity::Person { key } => format!("person:{key}"),
            })
            .collect()
    }

    #[test]
    fn places_with_case_endings_and_variants() {
        let x = body("गोरखपुर में सभा हुई। आज़मगढ़ से लोग आए और महाराजगंज के नेता भी। Allahabad voted.");
        assert_eq!(
            keys(&x),
            [
                "district:gorakhpur",
                "district:azamgarh",
                "district:maharajganj",
                "district:prayagraj"
            ]
        );
        assert_eq!(x.mentions[1].matched, "आज़मगढ़");
    }

    #[test]
    fn hyphenated_division_pair_and_party_units() {
        let x = body("गोरखपुर-बस्ती मंडल के पदाधिकारी। भाजपा के गोरखपुर मंडल अध्यक्ष ने कहा।");
        assert_eq!(
            keys(&x),
            [
                "division:gorakhpur",
                "division:basti",
                "party:BJP",
                "district:gorakhpur"
            ]
        );
        assert_eq!(x.mentions[0].rule, NameRule::DivisionPair);
    }

    #[test]
    fn basti_the_district_and_basti_a_settlement() {
        assert_eq!(keys(&body("बस्ती जिले में रैली हुई।")), ["district:basti"]);
        assert_eq!(
            keys(&body("सपा ने बस्ती में सभा की।")),
            ["party:SP", "district:basti"]
        );
        assert!(keys(&body("दलित बस्ती में पानी नहीं है।")).is_empty());
        assert!(keys(&body("The basti near the canal floods.")).is_empty());
        assert_eq!(
            keys(&body("Workers met in Basti on Monday.")),
            ["district:basti"]
        );
    }

    #[test]
    fn names_that_are_surnames_or_part_of_a_name() {
        assert!(
            keys(&body("कार्यकर्ता अयोध्या प्रसाद निषाद ने कहा।"))
                .iter()
                .all(|k| k != "district:ayodhya")
        );
        assert!(keys(&body("रामबचन मऊ ने बताया।")).is_empty());
        assert_eq!(
            keys(&body("मऊ में सपा की रैली।")),
            ["district:mau", "party:SP"]
        );
    }

    #[test]
    fn party_short_names_need_word_boundaries_and_context() {
        assert!(keys(&body("आसपास के गांवों में पानी भरा।")).is_empty());
        assert_eq!(
            keys(&body("मजलिस ने चुनाव लड़ने का फैसला किया।")),
            ["party:AIMIM"]
        );
        assert!(keys(&body("मजलिस में शायरी हुई।")).is_empty());
        assert!(keys(&body("एसपी ने पुलिस बल के साथ चुनाव की तैयारी देखी।")).is_empty());
        assert!(
            keys(&body("He gave up.")).is_empty(),
            "lower-case up is not UP"
        );
        assert_eq!(keys(&body("Polls in UP next year.")), ["state:up"]);
    }

    #[test]
    fn people_and_long_party_names() {
        let x = body(
            "पार्टी प्रमुख सांसद असदुद्दीन ओवैसी के निर्देश पर। एआईएमआईएम (आल इंडिया मजलिस-ए-इत्तेहादुल मुस्लिमीन) ने।",
        );
        let k = keys(&x);
        assert!(k.contains(&"person:asaduddin-owaisi".to_string()), "{k:?}");
        assert_eq!(k.iter().filter(|k| *k == "party:AIMIM").count(), 2, "{k:?}");
    }

    #[test]
    fn dateline_settles_an_ambiguous_name() {
        let x = Extractor::embedded().extract(&ArticleText {
            title: "",
            standfirst: None,
            dateline: Some("बस्ती, संवाददाता"),
            body: "बस्ती, संवाददाता। पार्टी के लोग बस्ती पहुंचे।",
            published: None,
        });
        assert!(keys(&x).iter().all(|k| k == "district:basti"));
        assert!(x.mentions.iter().any(|m| m.field == Field::Body));
    }
}
