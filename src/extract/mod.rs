//! Extraction: the places, parties and people an article names, each with
//! the words and position it was found at and the rule that took it.

mod names;
mod rules;
mod tokens;

use std::ops::Range;
use std::sync::LazyLock;

pub use names::{Entity, NameRule};

use crate::gazetteer::{Gazetteer, place_key};
use crate::model::PlaceKind;
use crate::text::fold;
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

/// Everything found in one article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extraction {
    pub mentions: Vec<Mention>,
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
    lexicon: Lexicon,
    gazetteer: Gazetteer,
}

impl Extractor {
    pub fn new(gazetteer: Gazetteer) -> Extractor {
        Extractor {
            names: NameMatcher::new(&gazetteer),
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
        })
    }

    pub fn extract(&self, article: &ArticleText) -> Extraction {
        let dateline_key = article.dateline.and_then(|d| self.dateline_district(d));
        let mut mentions = Vec::new();
        let fields = [
            (Field::Title, Some(article.title)),
            (Field::Standfirst, article.standfirst),
            (Field::Dateline, article.dateline),
            (Field::Body, Some(article.body)),
        ];
        for (field, text) in fields {
            let Some(text) = text else { continue };
            for sentence in tokens::sentences(text) {
                for m in self
                    .names
                    .find(text, &sentence, &self.lexicon, dateline_key.as_deref())
                {
                    let span = sentence.tokens[m.tokens.start].span.start
                        ..sentence.tokens[m.tokens.end - 1].span.end;
                    mentions.push(Mention {
                        entity: m.entity,
                        field,
                        matched: text[span.clone()].to_string(),
                        span,
                        rule: m.rule,
                    });
                }
            }
        }
        Extraction { mentions }
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
        });
        assert!(keys(&x).iter().all(|k| k == "district:basti"));
        assert!(x.mentions.iter().any(|m| m.field == Field::Body));
    }
}
