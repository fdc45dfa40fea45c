//! Numbers that can take longer than a frame to count on a big store: the
//! filtered counts, the weekly chart, the map's districts, the store's
//! totals, the place tree's counts and the saved views' counts. The app asks for them when the
//! filters change and shows what it has meanwhile; [`Worker`] answers them
//! on a thread with its own connection, so a keypress never waits for a
//! count. Each request carries the generation of the filters it was made
//! for, and an answer for older filters is dropped. The timeline's first
//! page for search words being typed is fetched the same way, by a worker of
//! its own ([`TallyRequest::is_page`]), so that no count holds it up.

use std::collections::HashMap;
use std::path::Path;
use std::sync::mpsc::{Receiver, Sender, channel};

use crate::Result;
use crate::model::EventSummary;
use crate::query::EventPage;
use crate::query::{ArticleFilter, EventFilter, ViewCounts, count_views};
use crate::store::{DistrictPoint, Interrupt, Store, View, WeekCount};

/// What the app asks to have counted.
#[derive(Debug, Clone, PartialEq)]
pub enum TallyRequest {
    /// Articles (and, when given, events) passing the filters.
    Counts {
        generation: u64,
        articles: ArticleFilter,
        events: Option<EventFilter>,
    },
    /// Events per week and party, for the timeline's chart.
    Weeks {
        generation: u64,
        events: EventFilter,
    },
    /// Every district with its events, for the map.
    Map {
        generation: u64,
        events: EventFilter,
    },
    /// What the store holds with no filter, and the place tree's counts;
    /// these change only when articles are added or events reviewed.
    Totals,
    /// What each saved view matches now.
    Views(Vec<View>),
    /// The timeline's first page: a common word's can take a tenth of a
    /// second at a million articles, too long to wait for between keys.
    Events {
        generation: u64,
        events: EventFilter,
    },
}

/// The store with no filter.
#[derive(Debug, Clone, PartialEq)]
pub struct Totals {
    pub articles: u64,
    pub sample_articles: u64,
    pub events: u64,
    pub weeks: Vec<WeekCount>,
    /// (articles, events) per place of the tree.
    pub places: HashMap<i64, (u64, u64)>,
}

/// An answer to one request.
#[derive(Debug, Clone, PartialEq)]
pub enum Tally {
    Counts {
        generation: u64,
        articles: u64,
        events: Option<u64>,
    },
    Weeks {
        generation: u64,
        weeks: Vec<WeekCount>,
    },
    Map {
        generation: u64,
        points: Vec<DistrictPoint>,
    },
    Totals(Box<Totals>),
    Views(Vec<ViewCounts>),
    /// The page, or why it could not be read: the app waits for this
    /// answer, so a failure comes here rather than as an `Err` that names
    /// no request.
    Events {
        generation: u64,
        rows: std::result::Result<Vec<EventSummary>, String>,
    },
}

impl TallyRequest {
    /// Counts what `self` asks for.
    pub fn answer(&self, store: &Store) -> Result<Tally> {
        Ok(match self {
            TallyRequest::Counts {
                generation,
                articles,
                events,
            } => Tally::Counts {
                generation: *generation,
                articles: store.count_articles(articles)?,
                events: events.as_ref().map(|e| store.count_events(e)).transpose()?,
            },
            TallyRequest::Weeks { generation, events } => Tally::Weeks {
                generation: *generation,
                weeks: store.events_per_week(events)?,
            },
            TallyRequest::Map { generation, events } => Tally::Map {
                generation: *generation,
                points: store.district_points(events)?,
            },
            TallyRequest::Totals => {
                let stats = store.stats()?;
                let everything = EventFilter::default();
                Tally::Totals(Box::new(Totals {
                    articles: stats.articles,
                    sample_articles: stats.sample_articles,
                    events: store.count_events(&everything)?,
                    weeks: store.events_per_week(&everything)?,
                    places: store.place_tree_counts()?,
                }))
            }
            TallyRequest::Views(views) => Tally::Views(count_views(store, views.clone())?),
            TallyRequest::Events { generation, events } => Tally::Events {
                generation: *generation,
                rows: store
                    .events(
                        events,
                        &EventPage {
                            after: None,
                            limit: crate::tui::app::PAGE,
                        },
                    )
                    .map_err(|e| e.to_string()),
            },
        })
    }

    /// A page of rows, which a worker of its own fetches (see the module's
    /// comment).
    pub fn is_page(&self) -> bool {
        matches!(self, TallyRequest::Events { .. })
    }

    /// Requests of the same kind replace each other: only the newest
    /// filters are worth counting.
    pub(crate) fn same_kind(&self, other: &TallyRequest) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(other)
    }
}

/// A thread that answers requests on its own connection to the store.
pub struct Worker {
    requests: Option<Sender<TallyRequest>>,
    answers: Receiver<Result<Tally>>,
    interrupt: Interrupt,
}

impl Worker {
    /// Opens the store at `path` a second time, for the thread.
    pub fn start(path: &Path) -> Result<Worker> {
        let store = Store::open(path)?;
        let interrupt = store.interrupt();
        let (requests, inbox) = channel::<TallyRequest>();
        let (outbox, answers) = channel();
        std::thread::spawn(move || {
            while let Ok(first) = inbox.recv() {
                // Of requests that queued up meanwhile, answer the newest
                // of each kind.
                let mut batch = vec![first];
                for request in inbox.try_iter() {
                    batch.retain(|queued| !queued.same_kind(&request));
                    batch.push(request);
                }
                for request in batch {
                    if outbox.send(request.answer(&store)).is_err() {
                        return;
                    }
                }
            }
        });
        Ok(Worker {
            requests: Some(requests),
            answers,
            interrupt,
        })
    }

    pub fn send(&self, requests: Vec<TallyRequest>) {
        if let Some(sender) = &self.requests {
            for request in requests {
                // A worker that has gone has nothing to lose.
                let _ = sender.send(request);
            }
        }
    }

    /// Answers that have arrived, without waiting.
    pub fn answers(&self) -> Vec<Result<Tally>> {
        self.answers.try_iter().collect()
    }

    /// Waits up to `timeout` for one answer.
    pub fn wait(&self, timeout: std::time::Duration) -> Option<Result<Tally>> {
        self.answers.recv_timeout(timeout).ok()
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        // Closing the channel ends the thread's loop; the count under way
        // is cut short rather than waited for, so quitting is immediate.
        self.requests = None;
        self.interrupt.interrupt();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_newer_request_replaces_a_queued_one_of_its_kind() {
        let weeks = |generation| TallyRequest::Weeks {
            generation,
            events: EventFilter::default(),
        };
        assert!(weeks(1).same_kind(&weeks(2)));
        assert!(!weeks(1).same_kind(&TallyRequest::Totals));
    }
}
