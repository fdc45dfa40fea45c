//! Campaign events: trigger phrases per kind (db/rules/events.txt), then
//! the party, people, places, date and status of each from its sentence.

use chrono::NaiveDate;

use super::dates::{DateRelation, FoundDate, Tense};
use super::phrases::PhraseMatcher;
use super::rules::{WordSet, parse_sections};
use super::tokens::Token;
use crate::model::{DatePrecision, EventKind, EventStatus};

/// What a trigger phrase signals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    Kind(EventKind),
    /// Arriving or meeting: a tour when a leader is named.
    Arrival,
    /// A programme (कार्यक्रम): a rally when a party or a known politician
    /// holds it.
    Programme,
    /// An event of this kind only when a party is named in the sentence:
    /// a meeting (बैठक) is organisation work when a party holds it, a
    /// memorandum (ज्ञापन) a protest when a party hands it over; an
    /// official's review or a union's demand is no campaign event.
    PartyHeld(EventKind),
    /// An event of this kind only in a sentence about an election: "पार्टी
    /// 2022 का चुनाव पूरी तैयारी से लड़ेगी" is a contest plan, "अन्याय के
    /// खिलाफ लड़ेंगे" is not. Settled by `TriggerMatcher::find`.
    ElectionTalk(EventKind),
    /// "शामिल हुए": joining when a party comes right before ("भाजपा में
    /// शामिल हुए"), else attending something.
    Joined,
    /// Words that contain a trigger but report no event ("महिला मोर्चा" is
    /// a party wing, "जीत का मंत्र" a pep talk); matched only to be dropped.
    Ignore,
    /// The event was called off.
    Cancelled,
}

impl Trigger {
    /// What the trigger signals, for `chunav explain`.
    pub fn describe(&self) -> &'static str {
        match self {
            Trigger::Kind(k) => k.as_str(),
            Trigger::Arrival => "arrival (a tour when a leader is named)",
            Trigger::Programme => "programme (a rally when a party or a known politician holds it)",
            Trigger::PartyHeld(_) => "an event when a party holds it",
            Trigger::ElectionTalk(_) => "an event in a sentence about an election",
            Trigger::Joined => "joined (joining when a party comes before it)",
            Trigger::Ignore => "no event",
            Trigger::Cancelled => "cancelled",
        }
    }
}

pub struct TriggerMatcher {
    phrases: PhraseMatcher<Trigger>,
    negation_before: WordSet,
    negation_after: WordSet,
    parliament: WordSet,
    election_words: WordSet,
    incident_words: WordSet,
}

impl TriggerMatcher {
    pub fn embedded() -> TriggerMatcher {
        let mut sections = parse_sections(include_str!("../../db/rules/events.txt"));
        let mut words = |name: &str| -> WordSet {
            sections
                .remove(name)
                .unwrap_or_else(|| panic!("db/rules/events.txt lacks [{name}]"))
                .iter()
                .map(|w| crate::text::fold(w))
                .collect()
        };
        let negation_before = words("negation_before");
        let negation_after = words("negation_after");
        let parliament = words("parliament");
        let election_words = words("election_words");
        let incident_words = words("incident_words");
        let mut phrases = Vec::new();
        for (section, words) in sections {
            let trigger = match section.as_str() {
                "cancelled" => Trigger::Cancelled,
                "arrival" => Trigger::Arrival,
                "programme" => Trigger::Programme,
                "ignore" => Trigger::Ignore,
                "joined" => Trigger::Joined,
                section => {
                    let kind = |name: &str| -> EventKind {
                        name.parse()
                            .unwrap_or_else(|e| panic!("db/rules/events.txt: {e}"))
                    };
                    if let Some(k) = section.strip_suffix(" if a party") {
                        Trigger::PartyHeld(kind(k))
                    } else if let Some(k) = section.strip_suffix(" if an election") {
                        Trigger::ElectionTalk(kind(k))
                    } else {
                        Trigger::Kind(kind(section))
                    }
                }
            };
            phrases.extend(words.into_iter().map(|w| (w, trigger)));
        }
        TriggerMatcher {
            phrases: PhraseMatcher::new(phrases),
            negation_before,
            negation_after,
            parliament,
            election_words,
            incident_words,
        }
    }

    /// The triggers in a sentence's words, in order. A trigger negated by
    /// the word before it or one of the three after it ("कोई जनसभा", "जनसभा
    /// प्रस्तावित नहीं")
    /// is dropped, unless the sentence says the event was called off.
    pub fn find(&self, tokens: &[Token]) -> Vec<(std::ops::Range<usize>, Trigger)> {
        let mut found = self
            .phrases
            .find(tokens, |_, values| values.first().copied());
        found.retain(|(_, t)| *t != Trigger::Ignore);
        let has = |words: &WordSet| tokens.iter().any(|t| words.contains(&t.folded));
        let election = has(&self.election_words);
        found.retain_mut(|(_, t)| match *t {
            Trigger::ElectionTalk(kind) => {
                *t = Trigger::Kind(kind);
                election
            }
            _ => true,
        });
        // A vote in a house on a bill is no poll.
        if has(&self.parliament) {
            found.retain(|(_, t)| *t != Trigger::Kind(EventKind::Polling));
        }
        // What a politician says about a crime, an accident or a flood is
        // no campaign statement (a visit to the victims is still a tour).
        if has(&self.incident_words) {
            found.retain(|(_, t)| *t != Trigger::Kind(EventKind::Statement));
        }
        if found.iter().any(|(_, t)| *t == Trigger::Cancelled) {
            return found;
        }
        let negated = |r: &std::ops::Range<usize>| {
            let before = r.start.checked_sub(1).map(|i| &tokens[i]);
            before.is_some_and(|t| self.negation_before.contains(&t.folded))
                || tokens
                    .iter()
                    .skip(r.end)
                    .take(3)
                    .any(|t| self.negation_after.contains(&t.folded))
        };
        found.into_iter().filter(|(r, _)| !negated(r)).collect()
    }
}

/// Who a sentence names: a leader (a known person or a political office
/// such as विधायक), a politician the gazetteer knows, and a party.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Actors {
    pub leader: bool,
    pub known_person: bool,
    pub party: bool,
}

/// The kind one trigger signals, given who the sentence names.
pub fn kind_of(trigger: Trigger, actors: Actors) -> Option<EventKind> {
    match trigger {
        Trigger::Kind(k) => Some(k),
        Trigger::Arrival if actors.leader => Some(EventKind::Tour),
        Trigger::Programme if actors.party || actors.known_person => Some(EventKind::Rally),
        Trigger::PartyHeld(kind) if actors.party => Some(kind),
        _ => None,
    }
}

/// The kinds a sentence reports, from its triggers. A leader's arrival at a
/// rally is the rally, and remarks made there are not a separate statement.
pub fn kinds_in(triggers: &[Trigger], actors: Actors) -> Vec<EventKind> {
    let mut kinds: Vec<EventKind> = Vec::new();
    // A programme is a rally only when nothing says more: a programme on a
    // tour belongs to the tour, one discussed at a meeting to the meeting.
    let strong = triggers.iter().filter(|t| **t != Trigger::Programme);
    for kind in strong.filter_map(|t| kind_of(*t, actors)) {
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
    }
    if kinds.is_empty() && triggers.iter().any(|t| kind_of(*t, actors).is_some()) {
        kinds.push(EventKind::Rally);
    }
    if kinds.contains(&EventKind::Rally) {
        kinds.retain(|k| *k != EventKind::Tour);
    }
    if kinds.len() > 1 {
        kinds.retain(|k| *k != EventKind::Statement);
    }
    kinds
}

/// Whether an election's year dates an event of this kind: a contest, a
/// list of candidates, a result, a nomination or the polling for "the 2022
/// election" is dated 2022; a meeting, a tour or an alliance made for it is
/// not.
pub fn dated_by_election(kind: EventKind) -> bool {
    matches!(
        kind,
        EventKind::ContestPlan
            | EventKind::Candidates
            | EventKind::Result
            | EventKind::Nomination
            | EventKind::Polling
    )
}

/// An event's date: from the sentence, or the publication day when the
/// text gives none (precision "reported").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventDate {
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub precision: DatePrecision,
    pub text: Option<String>,
    pub relation: Option<DateRelation>,
}

impl EventDate {
    pub fn from_found(d: &FoundDate) -> EventDate {
        EventDate {
            start: Some(d.start),
            end: Some(d.end),
            precision: d.precision,
            text: Some(d.text.clone()),
            relation: Some(d.relation),
        }
    }

    pub fn reported(published: Option<NaiveDate>) -> EventDate {
        EventDate {
            start: published,
            end: published,
            precision: DatePrecision::Reported,
            text: None,
            relation: None,
        }
    }
}

/// Planned, ongoing, happened or cancelled: a cancellation word decides
/// first, then a date wholly after or before publication, then the tense.
pub fn status(
    kind: EventKind,
    date: &EventDate,
    published: Option<NaiveDate>,
    tense: Tense,
    cancelled: bool,
) -> EventStatus {
    if cancelled {
        return EventStatus::Cancelled;
    }
    // Announcing a contest is news; the contest itself lies ahead.
    if kind == EventKind::ContestPlan {
        return EventStatus::Planned;
    }
    if let (Some(published), Some(start), Some(end)) = (published, date.start, date.end)
        && date.precision != DatePrecision::Reported
    {
        if start > published || date.relation == Some(DateRelation::By) && end >= published {
            return EventStatus::Planned;
        }
        if end < published && tense != Tense::Future {
            return EventStatus::Happened;
        }
    }
    match tense {
        Tense::Future => EventStatus::Planned,
        Tense::Present => EventStatus::Ongoing,
        Tense::Past | Tense::Unknown => EventStatus::Happened,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize;

    fn kinds(text: &str) -> Vec<EventKind> {
        let m = TriggerMatcher::embedded();
        let triggers: Vec<Trigger> = m
            .find(&tokenize(text))
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        kinds_in(
            &triggers,
            Actors {
                leader: true,
                ..Actors::default()
            },
        )
    }

    #[test]
    fn every_section_names_a_kind() {
        let _ = TriggerMatcher::embedded();
    }

    #[test]
    fn kinds_from_triggers() {
        assert_eq!(kinds("ओवैसी के वाराणसी दौरे को लेकर"), [EventKind::Tour]);
        assert_eq!(kinds("अखिलेश रैली में पहुंचे"), [EventKind::Rally]);
        assert_eq!(
            kinds("सदस्यता अभियान के साथ ही आनलाइन प्रशिक्षण दिया जा रहा है"),
            [EventKind::MembershipDrive, EventKind::Training]
        );
        assert_eq!(
            kinds("पार्टी पहले पंचायत चुनाव में उतरेगी"),
            [EventKind::ContestPlan]
        );
        assert!(kinds("विधानसभा चुनाव होने में वक्त है").is_empty());
        assert_eq!(
            kinds("पार्टी 2022 का विधानसभा चुनाव पूरी तैयारी से लड़ेगी"),
            [EventKind::ContestPlan]
        );
        assert!(kinds("हम अन्याय के खिलाफ लड़ेंगे").is_empty());
        assert!(kinds("सपा ने हत्या की घटना पर बयान जारी किया").is_empty());
        assert!(kinds("महोत्सव मोर्चा के कोषाध्यक्ष के संयोजन में हुआ").is_empty());
        assert_eq!(
            kinds("छोटे दल चुनाव से पहले मोर्चा बनाएंगे"),
            [EventKind::Alliance]
        );
        assert_eq!(kinds("सपा ने बयान जारी किया"), [EventKind::Statement]);
        assert_eq!(
            kinds("विधायक ने बाढ़ प्रभावित गांवों का दौरा किया"),
            [EventKind::Tour]
        );
        assert!(kinds("दौरे में कोई बड़ी जनसभा प्रस्तावित नहीं है").contains(&EventKind::Tour));
        assert!(!kinds("दौरे में कोई बड़ी जनसभा प्रस्तावित नहीं है").contains(&EventKind::Rally));
        assert!(kinds("No public meeting has been planned").is_empty());
        let m = TriggerMatcher::embedded();
        let arrival: Vec<Trigger> = m
            .find(&tokenize("कार्यकर्ता पहुंचे"))
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        assert!(kinds_in(&arrival, Actors::default()).is_empty());
        let leader = Actors {
            leader: true,
            ..Actors::default()
        };
        assert_eq!(kinds_in(&arrival, leader), [EventKind::Tour]);
    }

    #[test]
    fn status_from_date_then_tense() {
        let published = NaiveDate::from_ymd_opt(2021, 1, 11);
        let day = |d: u32| EventDate {
            start: NaiveDate::from_ymd_opt(2021, 1, d),
            end: NaiveDate::from_ymd_opt(2021, 1, d),
            precision: DatePrecision::Day,
            text: None,
            relation: Some(DateRelation::On),
        };
        let tour = EventKind::Tour;
        assert_eq!(
            status(tour, &day(12), published, Tense::Unknown, false),
            EventStatus::Planned
        );
        assert_eq!(
            status(tour, &day(9), published, Tense::Unknown, false),
            EventStatus::Happened
        );
        assert_eq!(
            status(tour, &day(12), published, Tense::Past, true),
            EventStatus::Cancelled
        );
        let reported = EventDate::reported(published);
        assert_eq!(
            status(tour, &reported, published, Tense::Present, false),
            EventStatus::Ongoing
        );
        assert_eq!(
            status(tour, &reported, published, Tense::Future, false),
            EventStatus::Planned
        );
        assert_eq!(
            status(
                EventKind::ContestPlan,
                &reported,
                published,
                Tense::Past,
                false
            ),
            EventStatus::Planned
        );
    }
}
