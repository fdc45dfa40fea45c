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

pub use dates::{DateRelation, FoundDate, Tense, clause_tense, find_dates};
pub use events::{EventDate, Trigger};
pub use names::{Entity, NameRule};

use chrono::{Datelike, NaiveDate};

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
    /// Byte span of each trigger in the sentence, in the order of `triggers`.
    pub trigger_spans: Vec<Range<usize>>,
    pub dates: Vec<FoundDate>,
    pub tense: Tense,
    /// Whether the sentence names a political office (विधायक, MP).
    pub role_named: bool,
    /// Whether the sentence has a political word (चुनाव, सीट, election).
    pub political_cue: bool,
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
                // So is a telling whose date lies inside another's ("अगस्त में"
                // and "12 अगस्त को"): the finer date says it better.
                let undated = |e: &ExtractedEvent| e.date.precision == DatePrecision::Reported;
                let span = |e: &ExtractedEvent| (e.date.start, e.date.end);
                let inside = |a: &ExtractedEvent, b: &ExtractedEvent| match (span(a), span(b)) {
                    ((Some(s1), Some(e1)), (Some(s2), Some(e2))) => s2 <= s1 && e1 <= e2,
                    _ => false,
                };
                let same = extraction.events.iter_mut().find(|e| {
                    e.kind == event.kind
                        && (e.date.start == event.date.start
                            && e.date.precision == event.date.precision
                            || undated(e)
                            || undated(&event)
                            || inside(e, &event)
                            || inside(&event, e))
                });
                match same {
                    Some(e) => {
                        let places = std::mem::take(&mut e.places);
                        if undated(e) && !undated(&event) || !undated(&event) && inside(&event, e) {
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
                let base = sentence.span.start;
                let police = sentence
                    .tokens
                    .iter()
                    .any(|t| self.lexicon.police_cues.contains(&t.folded));
                // A sentence about the police reports no campaign event.
                let found = if police {
                    Vec::new()
                } else {
                    self.triggers.find(&sentence.tokens)
                };
                let (triggers, trigger_spans) = found
                    .into_iter()
                    .map(|(r, t)| {
                        let span = sentence.tokens[r.start].span.start
                            ..sentence.tokens[r.end - 1].span.end;
                        (
                            (text[span.clone()].to_string(), t),
                            span.start - base..span.end - base,
                        )
                    })
                    .unzip();
                let tense = dates::tense_of(&sentence.tokens);
                let role_named = self.role_named(&sentence.tokens);
                let political_cue = sentence
                    .tokens
                    .iter()
                    .any(|t| self.lexicon.political_cues.contains(&t.folded));
                sentences.push(SentenceAnalysis {
                    field,
                    span: sentence.span.clone(),
                    text: words.to_string(),
                    mentions,
                    triggers,
                    trigger_spans,
                    dates: dates::dates_in(words, &sentence.tokens, base, article.published, tense),
                    tense,
                    role_named,
                    political_cue,
                    events: Vec::new(),
                });
            }
        }
        let article_party = dominant_party(&sentences);
        // A headline rarely gives a date; the lede does ("बुधवार को ...").
        let lede_date = sentences
            .iter()
            .filter(|s| s.field == Field::Body)
            .take(2)
            .flat_map(|s| &s.dates)
            .find(|d| d.precision == DatePrecision::Day && d.relation == DateRelation::On)
            .cloned();

        let context = ArticleContext {
            article,
            party: article_party.as_deref(),
            dateline: dateline_key.as_deref(),
            lede_date: lede_date.as_ref(),
        };
        let events: Vec<Vec<ExtractedEvent>> = sentences
            .iter()
            .map(|s| self.events_in(s, &context))
            .collect();
        for (s, events) in sentences.iter_mut().zip(events) {
            s.events = events;
        }
        sentences
    }

    fn events_in(&self, s: &SentenceAnalysis, cx: &ArticleContext) -> Vec<ExtractedEvent> {
        let article = cx.article;
        let parties: Vec<&str> = s
            .mentions
            .iter()
            .filter_map(|m| match &m.entity {
                Entity::Party { code } => Some(code.as_str()),
                _ => None,
            })
            .fold(Vec::new(), push_new);
        let people: Vec<String> = s
            .mentions
            .iter()
            .filter_map(|m| match &m.entity {
                Entity::Person { key } => Some(key.clone()),
                _ => None,
            })
            .fold(Vec::new(), push_new);
        let actors = events::Actors {
            leader: !people.is_empty() || s.role_named,
            known_person: !people.is_empty(),
            party: !parties.is_empty(),
        };
        // (span in the sentence, trigger), with "शामिल हुए" settled.
        let spanned: Vec<(&Range<usize>, Trigger)> = s
            .trigger_spans
            .iter()
            .zip(&s.triggers)
            .filter_map(|(span, (_, t))| match t {
                Trigger::Joined => {
                    joins_a_party(s, span).then_some((span, Trigger::Kind(EventKind::Joining)))
                }
                t => Some((span, *t)),
            })
            .collect();
        let triggers: Vec<Trigger> = spanned.iter().map(|(_, t)| *t).collect();
        let kinds = events::kinds_in(&triggers, actors);
        if kinds.is_empty() {
            return Vec::new();
        }
        // A campaign event needs a political actor: in the sentence, or a
        // party the article is about. Polling and nominations are the
        // election's own events, and so is a result in a political sentence
        // (not "भारत की जीत" in a match report).
        let political = s.political_cue;
        let kinds: Vec<EventKind> = if actors.party || actors.leader || cx.party.is_some() {
            kinds
        } else {
            kinds
                .into_iter()
                .filter(|k| match k {
                    EventKind::Polling | EventKind::Nomination => true,
                    EventKind::Result => political,
                    _ => false,
                })
                .collect()
        };
        if kinds.is_empty() {
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
        let trigger = s
            .triggers
            .iter()
            .filter(|(_, t)| *t != Trigger::Cancelled)
            .map(|(w, _)| w.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let clauses = clause_breaks(&s.text);
        let mut out = Vec::new();
        for kind in kinds {
            // Each trigger of the kind takes the date of its own clause; the
            // same kind on two dates is two events ("8 अगस्त को ... यात्रा और
            // 12 अगस्त को ... यात्रा").
            let mut dates: Vec<EventDate> = Vec::new();
            for &(span, t) in &spanned {
                if events::kind_of(t, actors) != Some(kind) {
                    continue;
                }
                let dates_of_kind: Vec<&FoundDate> = s
                    .dates
                    .iter()
                    .filter(|d| {
                        events::dated_by_election(kind)
                            || !names_election(&s.text, d, article.published)
                                && !year_ahead(d, article.published)
                    })
                    .collect();
                let others: Vec<&Range<usize>> = spanned
                    .iter()
                    .map(|(r, _)| *r)
                    .filter(|r| *r != span)
                    .collect();
                let date = match date_for(span, &others, &s.text, &dates_of_kind, &clauses) {
                    Some(d) => EventDate::from_found(d),
                    None => match cx.lede_date {
                        Some(d)
                            if s.field == Field::Title
                                && lede_fits(&s.text, span, &clauses, d, article.published) =>
                        {
                            EventDate::from_found(d)
                        }
                        _ => EventDate::reported(article.published),
                    },
                };
                if !dates.contains(&date) {
                    dates.push(date);
                }
            }
            if dates.iter().any(|d| d.precision != DatePrecision::Reported) {
                dates.retain(|d| d.precision != DatePrecision::Reported);
            }
            for date in dates {
                let status = events::status(kind, &date, article.published, s.tense, cancelled);
                // A win still to come is a hope ("2027 में जीत"), not a result;
                // a count set for a day is.
                if kind == EventKind::Result
                    && status == EventStatus::Planned
                    && date.precision != DatePrecision::Day
                {
                    continue;
                }
                // A contest already fought is background, not a plan.
                if kind == EventKind::ContestPlan
                    && date.precision != DatePrecision::Reported
                    && let (Some(end), Some(p)) = (date.end, article.published)
                    && end < p
                {
                    continue;
                }
                let shared = parties.len() > 1
                    && matches!(
                        kind,
                        EventKind::Alliance | EventKind::Result | EventKind::Polling
                    );
                let party = if shared {
                    None
                } else {
                    party_role(s, PartyRole::Subject)
                        .or_else(|| person_party.clone())
                        .or_else(|| party_role(s, PartyRole::Other))
                        .or_else(|| cx.party.map(str::to_string))
                        .or_else(|| party_role(s, PartyRole::Target))
                };
                let mut event_places = places.clone();
                if event_places.is_empty()
                    && let Some(d) = cx.dateline
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
                out.push(ExtractedEvent {
                    kind,
                    status,
                    party,
                    people: people.clone(),
                    places: event_places,
                    date,
                    field: s.field,
                    evidence_span: s.span.clone(),
                    evidence: s.text.clone(),
                    confidence,
                    trigger: trigger.clone(),
                });
            }
        }
        out
    }

    /// Whether a political office acts in the sentence: named, and not only
    /// as whom a demand is addressed to ("मुख्यमंत्री के नाम ज्ञापन",
    /// "मंत्री को पत्र").
    fn role_named(&self, tokens: &[tokens::Token]) -> bool {
        let word = |i: usize| tokens.get(i).map(|t| t.folded.as_str());
        (0..tokens.len()).any(|i| {
            self.lexicon.political_roles.contains(&tokens[i].folded)
                && !(word(i + 1) == Some("को")
                    || word(i + 1) == Some("के") && word(i + 2) == Some("नाम"))
        })
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

/// What every sentence of an article shares when its events are made.
struct ArticleContext<'a> {
    article: &'a ArticleText<'a>,
    /// The party the article is about.
    party: Option<&'a str>,
    /// The district of the dateline.
    dateline: Option<&'a str>,
    /// The first day the lede gives, for a headline without one.
    lede_date: Option<&'a FoundDate>,
}

/// Byte offsets in a sentence where one clause ends and the next begins: a
/// colon or semicolon, or a dash with space beside it ("बोले- ..."). A
/// hyphen inside a name (गोरखपुर-बस्ती, भारत-2047) is no break.
fn clause_breaks(text: &str) -> Vec<usize> {
    let mut breaks = Vec::new();
    let mut prev = ' ';
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map_or(' ', |&(_, n)| n);
        let spaced_dash =
            matches!(c, '-' | '–' | '—') && (prev.is_whitespace() || next.is_whitespace());
        if matches!(c, ':' | ';') || spaced_dash {
            breaks.push(i);
        }
        prev = c;
    }
    breaks
}

/// The date a trigger takes: the nearest one before it in its clause, else
/// the first after it there. A date right after another trigger is that
/// one's ("सम्मेलन अगले सप्ताह, तैयारी को लेकर हुई बैठक": the meeting is not
/// next week).
fn date_for<'a>(
    trigger: &Range<usize>,
    others: &[&Range<usize>],
    text: &str,
    dates: &[&'a FoundDate],
    breaks: &[usize],
) -> Option<&'a FoundDate> {
    let clause = |at: usize| breaks.partition_point(|&b| b < at);
    let own = clause(trigger.start);
    let follows_another = |d: &FoundDate| {
        others.iter().any(|o| {
            o.end <= d.span.start
                && matches!(
                    text[o.end..d.span.start].trim(),
                    "" | "on" | "in" | "at" | "को" | "में"
                )
        })
    };
    let in_clause: Vec<&'a FoundDate> = dates
        .iter()
        .copied()
        .filter(|d| clause(d.span.start) == own)
        .collect();
    in_clause
        .iter()
        .rev()
        .find(|d| d.span.end <= trigger.start && !follows_another(d))
        .or_else(|| in_clause.iter().find(|d| d.span.start >= trigger.end))
        .or_else(|| in_clause.iter().find(|d| !follows_another(d)))
        .copied()
}

/// Whether the lede's day can date a headline's trigger: it lies on the
/// side of publication that the trigger's clause speaks of (a headline
/// "बैठक की" is not dated by a meeting planned for next week).
fn lede_fits(
    headline: &str,
    trigger: &Range<usize>,
    breaks: &[usize],
    lede: &FoundDate,
    published: Option<NaiveDate>,
) -> bool {
    let start = breaks
        .iter()
        .rev()
        .find(|&&b| b < trigger.start)
        .map_or(0, |b| b + 1);
    let end = breaks
        .iter()
        .find(|&&b| b >= trigger.end)
        .map_or(headline.len(), |&b| b);
    let tense = dates::clause_tense(&headline[start..end]);
    published.is_none_or(|p| match tense {
        Tense::Future => lede.start >= p,
        _ => lede.start <= p,
    })
}

/// How a sentence names a party: as who acts ("सपा ने", "भाजपा की रैली"), as
/// whom the act is aimed at ("भाजपा पर निशाना", "भाजपा के खिलाफ",
/// "against the BJP"), or neither. An event's party is the acting one, else
/// the party of a politician named, else any other, else the article's,
/// and a party attacked only when nothing else is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PartyRole {
    Subject,
    Target,
    Other,
}

/// The first party the sentence names in this role.
fn party_role(s: &SentenceAnalysis, want: PartyRole) -> Option<String> {
    s.mentions.iter().find_map(|m| {
        let Entity::Party { code } = &m.entity else {
            return None;
        };
        let at = m.span.start.checked_sub(s.span.start)?;
        let after: Vec<String> = s
            .text
            .get(at + m.matched.len()..)?
            .split(|c: char| !tokens::is_word_char(c))
            .filter(|w| !w.is_empty())
            .take(2)
            .map(fold)
            .collect();
        // The word before, or the one before "the".
        let mut before_words = s.text[..at]
            .split(|c: char| !tokens::is_word_char(c))
            .filter(|w| !w.is_empty())
            .rev()
            .map(fold);
        let before = match before_words.next() {
            Some(w) if w == "the" => before_words.next(),
            w => w,
        };
        let next = after.first().map(String::as_str);
        let role = match next {
            Some("ने" | "का" | "की" | "के") if after.get(1).map(String::as_str) != Some("खिलाफ") => {
                PartyRole::Subject
            }
            Some("पर" | "के" | "से") => PartyRole::Target,
            _ if matches!(before.as_deref(), Some("against" | "slams" | "attacks")) => {
                PartyRole::Target
            }
            _ => PartyRole::Other,
        };
        (role == want).then(|| code.clone())
    })
}

/// Whether the words before a "शामिल हुए" name a party: "भाजपा में",
/// "समाजवादी पार्टी में". A bare "पार्टी में" can be a party of friends.
fn joins_a_party(s: &SentenceAnalysis, trigger: &Range<usize>) -> bool {
    let Some(before) = s.text[..trigger.start].trim_end().strip_suffix("में") else {
        return false;
    };
    let before = before.trim_end();
    s.mentions.iter().any(|m| {
        matches!(m.entity, Entity::Party { .. })
            && m.span.end.checked_sub(s.span.start) == Some(before.len())
    })
}

/// Whether a year names an election rather than when something happens:
/// "2027 का चुनाव", "the 2022 elections", or a year ahead in a sentence
/// about an election ("2022 में साथ लड़ेंगे चुनाव, गठबंधन का एलान").
fn names_election(sentence: &str, date: &FoundDate, published: Option<NaiveDate>) -> bool {
    const ELECTION: [&str; 5] = ["चुनाव", "चुनावों", "election", "elections", "polls"];
    let election = |text: &str, n: usize| {
        text.split(|c: char| !tokens::is_word_char(c))
            .filter(|w| !w.is_empty())
            .take(n)
            .any(|w| ELECTION.contains(&fold(w).as_str()))
    };
    let ahead = published.is_some_and(|p| date.start.year() > p.year());
    date.precision == DatePrecision::Year
        && (election(&sentence[date.span.end..], 3) || ahead && election(sentence, usize::MAX))
}

/// Whether a date is a bare year after the publication year: a target
/// ("मिशन-2027", "2027 के लिए"), never the day of a meeting or a rally.
fn year_ahead(date: &FoundDate, published: Option<NaiveDate>) -> bool {
    date.precision == DatePrecision::Year && published.is_some_and(|p| date.start.year() > p.year())
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

/// `list` with `item` added unless already in it: first-seen order, no repeats.
fn push_new<T: PartialEq>(mut list: Vec<T>, item: T) -> Vec<T> {
    if !list.contains(&item) {
        list.push(item);
    }
    list
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
        assert!(keys(&body("मुंबई की झुग्गी-बस्ती में पानी भरा।")).is_empty());
        assert!(keys(&body("उक्त बस्ती में रहने वाले लोग।")).is_empty());
        assert_eq!(
            keys(&body("गोरखपुर-बस्ती मार्ग पर जाम।")),
            ["district:gorakhpur", "district:basti"]
        );
        assert!(keys(&body("The basti near the canal floods.")).is_empty());
        assert_eq!(
            keys(&body("Workers met in Basti on Monday.")),
            ["district:basti"]
        );
    }

    #[test]
    fn news_spellings_and_places_after_ke_liye() {
        assert_eq!(
            keys(&body("फीरोजाबाद और मीरजापुर में मामले बढ़े।")),
            ["district:firozabad", "district:mirzapur"]
        );
        assert_eq!(
            keys(&body("नमूने जांच के लिए वाराणसी भेजे गए।")),
            ["district:varanasi"]
        );
        assert!(keys(&body("इसके लिए अयोध्या प्रसाद ने कहा।")).is_empty());
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
    fn people_with_initials_and_alternative_spellings() {
        let k = keys(&body("मंत्री ए.के. शर्मा और स्वतंत्रदेव सिंह पहुंचे।"));
        assert!(k.contains(&"person:a-k-sharma".to_string()), "{k:?}");
        assert!(
            k.contains(&"person:swatantra-dev-singh".to_string()),
            "{k:?}"
        );
        let k = keys(&body("मोहम्मद आजम खां ने कहा।"));
        assert_eq!(k, ["person:azam-khan"]);
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
    /// Extraction from an article published on Wednesday 5 August 2026.
    fn on_5_august(title: &str, body: &str) -> Extraction {
        Extractor::embedded().extract(&ArticleText {
            title,
            standfirst: None,
            dateline: None,
            body,
            published: NaiveDate::from_ymd_opt(2026, 8, 5),
        })
    }

    fn article_events(title: &str, body: &str) -> Vec<(EventKind, String)> {
        on_5_august(title, body)
            .events
            .into_iter()
            .map(|e| {
                let date = match e.date.precision {
                    DatePrecision::Reported => "reported".to_string(),
                    _ => e.date.start.map(|d| d.to_string()).unwrap_or_default(),
                };
                (e.kind, date)
            })
            .collect()
    }

    fn kinds_of(body: &str) -> Vec<EventKind> {
        article_events("", body)
            .into_iter()
            .map(|(k, _)| k)
            .collect()
    }

    #[test]
    fn a_party_meeting_is_organisation_an_official_one_is_not() {
        assert_eq!(
            kinds_of("सोमवार को भाजपा मंडल की बैठक हुई।"),
            [EventKind::Organisation]
        );
        assert!(kinds_of("जिलाधिकारी ने अफसरों के साथ समीक्षा बैठक की।").is_empty());
        assert_eq!(
            kinds_of("The SP held a meeting of booth in-charges."),
            [EventKind::Organisation]
        );
        assert!(kinds_of("The collector chaired a meeting on floods.").is_empty());
        assert!(kinds_of("Mr Sandhu has been appointed chief secretary by the MLA.").is_empty());
        assert_eq!(
            kinds_of("उपेंद्र कुशवाहा ने उन्हें प्रदेश अध्यक्ष नियुक्त किया।"),
            [EventKind::Organisation]
        );
    }

    #[test]
    fn a_programme_is_a_rally_only_when_a_party_holds_it_and_nothing_else_happens() {
        assert_eq!(
            kinds_of("सपा ने जयंती पर कार्यक्रम आयोजित किया।"),
            [EventKind::Rally]
        );
        assert!(kinds_of("माटी कला बोर्ड ने कार्यक्रम आयोजित किया, विधायक भी आए।").is_empty());
        // On a tour, the programme belongs to the tour.
        assert_eq!(
            kinds_of("मुख्यमंत्री योगी आदित्यनाथ 11 अगस्त को दौरा करेंगे, कार्यक्रम स्थल देखा गया।"),
            [EventKind::Tour]
        );
    }

    #[test]
    fn an_office_named_is_a_political_actor() {
        assert_eq!(
            kinds_of("कप्तानगंज विधायक ने पिलखांव गांव का दौरा किया।"),
            [EventKind::Tour]
        );
        assert!(kinds_of("ग्रामीणों ने गांव का दौरा किया।").is_empty());
        // The office a demand is addressed to is no actor.
        assert!(kinds_of("संघ ने कलेक्ट्रेट पहुंचकर मुख्यमंत्री के नाम ज्ञापन सौंपा।").is_empty());
        assert_eq!(
            kinds_of("प्रभारी मंत्री ने कोर कमेटी की बैठक की।"),
            [EventKind::Organisation]
        );
        // Meeting a leader is no tour; meeting a bereaved family is.
        assert!(kinds_of("विधायक के साथ कार्यकर्ताओं ने मुख्यमंत्री से मुलाकात की।").is_empty());
        assert_eq!(
            kinds_of("सांसद ने मृतक के परिजनों से मुलाकात की।"),
            [EventKind::Tour]
        );
    }

    #[test]
    fn each_trigger_takes_the_date_of_its_clause() {
        assert_eq!(
            article_events(
                "",
                "भाजपा 8 अगस्त को कलश यात्रा और 12 अगस्त को तिरंगा यात्रा निकालेगी।"
            ),
            [
                (EventKind::Rally, "2026-08-08".to_string()),
                (EventKind::Rally, "2026-08-12".to_string())
            ]
        );
        let e = article_events(
            "2027 में 100 सीटों पर लड़ेंगे चुनाव: सपा प्रदेश अध्यक्ष बोले- दलों से गठबंधन करेंगे",
            "",
        );
        assert_eq!(
            e,
            [
                (EventKind::ContestPlan, "2027-01-01".to_string()),
                (EventKind::Alliance, "reported".to_string())
            ]
        );
    }

    #[test]
    fn a_date_right_after_a_trigger_is_that_ones() {
        let e = article_events("", "बसपा का सम्मेलन अगले सप्ताह, तैयारी को लेकर बसपा की बैठक हुई।");
        assert!(
            e.contains(&(EventKind::Rally, "2026-08-10".to_string())),
            "{e:?}"
        );
        assert!(
            e.contains(&(EventKind::Organisation, "reported".to_string())),
            "{e:?}"
        );
        // A year ahead in a sentence about an election is the election's.
        let e = article_events("", "2027 में सपा और रालोद साथ लड़ेंगे चुनाव, गठबंधन का एलान हुआ।");
        assert!(
            e.contains(&(EventKind::ContestPlan, "2027-01-01".to_string())),
            "{e:?}"
        );
        assert!(
            e.contains(&(EventKind::Alliance, "reported".to_string())),
            "{e:?}"
        );
    }

    #[test]
    fn one_event_told_twice_in_an_article_is_one() {
        let e = article_events(
            "भाजपा की रैली अगस्त में",
            "भाजपा 12 अगस्त को रैली करेगी। भाजपा की रैली की तैयारी चल रही है।",
        );
        assert_eq!(e, [(EventKind::Rally, "2026-08-12".to_string())]);
        // Two days are two rallies.
        let e = article_events(
            "",
            "भाजपा 8 अगस्त को रैली करेगी। भाजपा 12 अगस्त को भी रैली करेगी।",
        );
        assert_eq!(e.len(), 2, "{e:?}");
    }

    #[test]
    fn a_year_ahead_is_a_target_for_a_meeting_and_a_date_for_a_contest() {
        let e = article_events("", "बसपा का सम्मेलन हुआ, मिशन-2027 के लिए संगठन पर जोर।");
        assert_eq!(e, [(EventKind::Rally, "reported".to_string())]);
        let e = article_events("", "बसपा ने 2027 के लिए पहला प्रत्याशी घोषित किया।");
        assert_eq!(e, [(EventKind::Candidates, "2027-01-01".to_string())]);
        // Shows of strength and good results in exams are no protest.
        assert!(kinds_of("भाजपा की यात्रा में शक्ति प्रदर्शन हुआ।") == [EventKind::Rally]);
        assert!(kinds_of("भाजपा नेता ने छात्रों के बेहतर प्रदर्शन की सराहना की।").is_empty());
    }

    #[test]
    fn the_party_that_acts_not_the_one_attacked() {
        let party = |text: &str| {
            on_5_august("", text)
                .events
                .first()
                .and_then(|e| e.party.clone())
        };
        assert_eq!(
            party("मायावती ने प्रेस वार्ता कर भाजपा पर निशाना साधा।").as_deref(),
            Some("BSP")
        );
        assert_eq!(
            party("भाजपा के खिलाफ सपा ने धरना दिया।").as_deref(),
            Some("SP")
        );
        assert_eq!(
            party("भाजपा की रैली में सपा पर हमला बोला गया।").as_deref(),
            Some("BJP")
        );
        assert_eq!(
            party("SP workers protested against the BJP in Mau.").as_deref(),
            Some("SP")
        );
    }

    #[test]
    fn a_headline_takes_the_day_of_its_lede() {
        let e = article_events(
            "कांग्रेस कमेटी की बैठक संपन्न",
            "जिला कांग्रेस कमेटी के पदाधिकारी सोमवार को कार्यालय पहुंचे। बात हुई।",
        );
        assert_eq!(e, [(EventKind::Organisation, "2026-08-03".to_string())]);
        // ... but not a day still to come for a meeting that is over.
        let e = article_events(
            "भाजपा मंडल की बैठक संपन्न",
            "अगले सोमवार को भाजपा की यात्रा निकलेगी।",
        );
        assert!(
            e.contains(&(EventKind::Organisation, "reported".to_string())),
            "{e:?}"
        );
    }

    #[test]
    fn joining_a_party_and_attending_a_programme() {
        assert_eq!(
            kinds_of("पूर्व विधायक रविवार को भाजपा में शामिल हुए।"),
            [EventKind::Joining]
        );
        assert_eq!(
            kinds_of("कई नेता समाजवादी पार्टी में शामिल हो गए।"),
            [EventKind::Joining]
        );
        assert!(kinds_of("विवाह समारोह में सपा के कार्यकर्ता शामिल हुए।").is_empty());
        assert!(kinds_of("गायिका की पार्टी में सांसद भी शामिल हुए।").is_empty());
        assert_eq!(
            kinds_of("He joined the BJP on Monday."),
            [EventKind::Joining]
        );
        // A trip is a tour; a procession is a rally.
        assert_eq!(
            kinds_of("मुख्यमंत्री योगी आदित्यनाथ तीन दिवसीय यात्रा पर गोरखपुर पहुंचे।"),
            [EventKind::Tour]
        );
        assert_eq!(kinds_of("भाजपा ने तिरंगा यात्रा निकाली।"), [EventKind::Rally]);
    }

    #[test]
    fn polling_needs_no_party_and_a_match_is_no_result() {
        assert_eq!(
            article_events("", "पहले चरण का मतदान 15 अगस्त को होगा।"),
            [(EventKind::Polling, "2026-08-15".to_string())]
        );
        assert_eq!(
            kinds_of("चुनाव की मतगणना 20 अगस्त को होगी।"),
            [EventKind::Result]
        );
        assert!(kinds_of("फाइनल में भारत की जीत हुई।").is_empty());
    }

    #[test]
    fn years_that_name_an_election_or_a_vision() {
        // The meeting is now; 2027 is the election it prepares for.
        let e = article_events("", "भाजपा ने 2027 के चुनाव को लेकर बैठक की।");
        assert_eq!(e, [(EventKind::Organisation, "reported".to_string())]);
        let e = article_events("", "सपा 2027 के चुनाव में सभी सीटों पर लड़ेगी।");
        assert_eq!(e, [(EventKind::ContestPlan, "2027-01-01".to_string())]);
        let e = article_events("", "भाजपा नेता ने विकसित भारत-2047 पर संवाद किया।");
        assert_eq!(e, [(EventKind::Rally, "reported".to_string())]);
    }

    #[test]
    fn hopes_background_and_house_votes_are_no_events() {
        assert!(kinds_of("भाजपा नेता ने 2027 के लिए जीत का मंत्र दिया।").is_empty());
        assert!(kinds_of("भाजपा 2027 में जीतेगी।").is_empty());
        assert!(kinds_of("कांग्रेस 2017 का चुनाव सभी सीटों पर लड़ने उतरी थी।").is_empty());
        assert!(kinds_of("सदन में विधेयक पर वोटिंग हुई, भाजपा जीती।").contains(&EventKind::Result));
        assert!(!kinds_of("सदन में विधेयक पर वोटिंग हुई, भाजपा जीती।").contains(&EventKind::Polling));
        assert_eq!(kinds_of("भाजपा के लिए मतदान हुआ।"), [EventKind::Polling]);
        // A party's wing is no alliance; a front of parties is.
        assert!(kinds_of("भाजपा महिला मोर्चा की नेता ने संवाद किया।") == [EventKind::Rally]);
        assert_eq!(kinds_of("सपा और रालोद का गठबंधन हुआ।"), [EventKind::Alliance]);
    }
}
