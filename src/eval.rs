//! Scoring extraction against labelled articles (`chunav eval`).
//!
//! A label file is JSON Lines, one article a line, in the format the README
//! describes: the districts, divisions, regions, states, parties and people a
//! careful reader finds, and the events with kind, date and precision.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

use crate::extract::{ArticleText, Entity, ExtractedEvent, Extractor};
use crate::gazetteer::Gazetteer;
use crate::model::{DatePrecision, PlaceKind};
use crate::store::Store;
use crate::{Error, Result};

#[derive(Debug, Clone, Deserialize)]
pub struct Label {
    pub id: String,
    #[serde(default)]
    pub url: Option<String>,
    pub published: Option<String>,
    #[serde(default)]
    pub districts: Vec<String>,
    #[serde(default)]
    pub divisions: Vec<String>,
    #[serde(default)]
    pub regions: Vec<String>,
    #[serde(default)]
    pub states: Vec<String>,
    #[serde(default)]
    pub parties: Vec<String>,
    #[serde(default)]
    pub people: Vec<String>,
    #[serde(default)]
    pub events: Vec<LabelledEvent>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct LabelledEvent {
    pub kind: String,
    pub date: Option<String>,
    pub precision: String,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub party: Option<String>,
}

/// True and false positives and false negatives of one category.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub tp: u64,
    pub fp: u64,
    pub fn_: u64,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add_sets(&mut self, want: &BTreeSet<String>, got: &BTreeSet<String>) {
        self.tp += want.intersection(got).count() as u64;
        self.fn_ += want.difference(got).count() as u64;
        self.fp += got.difference(want).count() as u64;
    }
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// The categories scored, in report order.
pub const CATEGORIES: [&str; 7] = [
    "districts",
    "divisions",
    "regions",
    "states",
    "parties",
    "people",
    "events",
];

#[derive(Debug, Clone, Default)]
pub struct Report {
    pub articles: u64,
    pub missing_articles: Vec<String>,
    pub counts: [Counts; 7],
    /// Per article: what was missed and what was extra.
    pub misses: Vec<String>,
}

impl Report {
    pub fn counts(&self, category: &str) -> Counts {
        let i = CATEGORIES
            .iter()
            .position(|c| *c == category)
            .expect("known category");
        self.counts[i]
    }

    pub fn render(&self, with_misses: bool) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{} labelled articles scored", self.articles);
        if !self.missing_articles.is_empty() {
            let _ = writeln!(
                out,
                "{} labels name articles not in the store: {}",
                self.missing_articles.len(),
                self.missing_articles.join(", ")
            );
        }
        let _ = writeln!(
            out,
            "{:<10} {:>9} {:>7} {:>6} {:>5} {:>5} {:>5}",
            "", "precision", "recall", "F1", "tp", "fp", "fn"
        );
        for (name, c) in CATEGORIES.iter().zip(&self.counts) {
            let _ = writeln!(
                out,
                "{name:<10} {:>9.3} {:>7.3} {:>6.3} {:>5} {:>5} {:>5}",
                c.precision(),
                c.recall(),
                c.f1(),
                c.tp,
                c.fp,
                c.fn_
            );
        }
        if with_misses && !self.misses.is_empty() {
            let _ = writeln!(
                out,
                "\nmisses (- labelled but not found, + found but not labelled):"
            );
            for m in &self.misses {
                let _ = writeln!(out, "{m}");
            }
        }
        out
    }
}

/// Reads a label file; a bad line is an error naming the file and line.
pub fn read_labels(path: &std::path::Path) -> Result<Vec<Label>> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, line)| {
            serde_json::from_str(line).map_err(|e| Error::Input {
                file: path.display().to_string(),
                line: Some(i as u64 + 1),
                reason: e.to_string(),
            })
        })
        .collect()
}

/// Scores extraction (run afresh on each stored article) against labels.
pub fn evaluate(store: &Store, labels: &[Label]) -> Result<Report> {
    let extractor = Extractor::embedded();
    let gazetteer = Gazetteer::embedded()?;
    let mut report = Report::default();
    for label in labels {
        let Some(id) = store.find_article(&label.id, label.url.as_deref())? else {
            report.missing_articles.push(label.id.clone());
            continue;
        };
        let article = store.article(id)?.expect("found just now");
        let published = label
            .published
            .as_deref()
            .and_then(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").ok());
        let extraction = extractor.extract(&ArticleText {
            title: &article.title,
            standfirst: article.standfirst.as_deref(),
            dateline: article.dateline.as_deref(),
            body: &article.body,
            published,
        });
        report.articles += 1;
        let name_of = |entity: &Entity| -> Option<(usize, String)> {
            match entity {
                Entity::Place { kind, key } => {
                    let (i, name) = match kind {
                        PlaceKind::District => (0, find_name(&gazetteer, "district", key)),
                        PlaceKind::Division => (1, find_name(&gazetteer, "division", key)),
                        PlaceKind::Region => (2, find_name(&gazetteer, "region", key)),
                        PlaceKind::State => (3, find_name(&gazetteer, "state", key)),
                        _ => return None,
                    };
                    Some((i, name?))
                }
                Entity::Party { code } => Some((4, code.clone())),
                Entity::Person { key } => gazetteer
                    .people
                    .iter()
                    .find(|p| p.key() == *key)
                    .map(|p| (5, p.name_en.clone())),
            }
        };
        let mut got: [BTreeSet<String>; 6] = Default::default();
        for m in &extraction.mentions {
            if let Some((i, name)) = name_of(&m.entity) {
                got[i].insert(name);
            }
        }
        let want: [BTreeSet<String>; 6] = [
            &label.districts,
            &label.divisions,
            &label.regions,
            &label.states,
            &label.parties,
            &label.people,
        ]
        .map(|v| v.iter().cloned().collect());
        let mut lines = Vec::new();
        for i in 0..6 {
            report.counts[i].add_sets(&want[i], &got[i]);
            for w in want[i].difference(&got[i]) {
                lines.push(format!("  - {} {w}", CATEGORIES[i]));
            }
            for g in got[i].difference(&want[i]) {
                lines.push(format!("  + {} {g}", CATEGORIES[i]));
            }
        }
        let (events, event_lines) = match_events(&label.events, &extraction.events, published);
        report.counts[6].tp += events.tp;
        report.counts[6].fp += events.fp;
        report.counts[6].fn_ += events.fn_;
        lines.extend(event_lines);
        if !lines.is_empty() {
            report.misses.push(format!(
                "{} ({})",
                label.id,
                crate::text::truncate_to_width(&article.title, 60)
            ));
            report.misses.extend(lines);
        }
    }
    Ok(report)
}

fn find_name(g: &Gazetteer, kind: &str, key: &str) -> Option<String> {
    let key_of = |name: &str| crate::gazetteer::place_key(kind, name);
    match kind {
        "district" => g
            .districts
            .iter()
            .find(|d| key_of(&d.name_en) == key)
            .map(|d| d.name_en.clone()),
        "division" => g
            .divisions
            .iter()
            .find(|d| key_of(&d.name_en) == key)
            .map(|d| d.name_en.clone()),
        "region" => g
            .regions
            .iter()
            .find(|r| key_of(&r.name_en) == key)
            .map(|r| r.name_en.clone()),
        _ => g
            .states
            .iter()
            .find(|s| format!("state:{}", s.code.to_lowercase()) == key)
            .map(|s| s.name_en.clone()),
    }
}

/// Each labelled event matches at most one found event of the same kind
/// whose date agrees at the labelled precision.
fn match_events(
    labelled: &[LabelledEvent],
    found: &[ExtractedEvent],
    published: Option<NaiveDate>,
) -> (Counts, Vec<String>) {
    let mut used = vec![false; found.len()];
    let mut counts = Counts::default();
    let mut lines = Vec::new();
    for l in labelled {
        let hit = found.iter().enumerate().position(|(i, f)| {
            !used[i] && f.kind.as_str() == l.kind && date_agrees(l, f, published)
        });
        match hit {
            Some(i) => {
                used[i] = true;
                counts.tp += 1;
            }
            None => {
                counts.fn_ += 1;
                lines.push(format!(
                    "  - event {} {} ({})",
                    l.kind,
                    l.date.as_deref().unwrap_or("undated"),
                    l.precision
                ));
            }
        }
    }
    for (f, used) in found.iter().zip(used) {
        if !used {
            counts.fp += 1;
            lines.push(format!(
                "  + event {} {} [{}]: {}",
                f.kind.as_str(),
                crate::model::display_date(
                    f.date.start.map(|d| d.to_string()).as_deref(),
                    f.date.precision
                ),
                f.trigger,
                crate::text::truncate_to_width(&f.evidence, 70)
            ));
        }
    }
    (counts, lines)
}

fn date_agrees(l: &LabelledEvent, f: &ExtractedEvent, published: Option<NaiveDate>) -> bool {
    let Some(label_date) = &l.date else {
        return true; // an undated label is matched on kind alone
    };
    let Some(start) = f.date.start else {
        return false;
    };
    let precision: DatePrecision = l.precision.parse().unwrap_or(DatePrecision::Reported);
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    match precision {
        DatePrecision::Day => day(label_date) == Some(start),
        DatePrecision::Week => day(label_date).is_some_and(|w| {
            let end = f.date.end.unwrap_or(start);
            (start <= w + chrono::Days::new(6) && end >= w) && (start - w).num_days().abs() <= 6
        }),
        DatePrecision::Month => label_date.get(..7) == Some(&start.to_string()[..7]),
        DatePrecision::Quarter => {
            label_date.get(..4) == Some(&start.year().to_string()[..])
                && label_date
                    .get(5..7)
                    .and_then(|m| m.parse::<u32>().ok())
                    .is_some_and(|m| (m - 1) / 3 == (start.month() - 1) / 3)
        }
        DatePrecision::Year => label_date.get(..4) == Some(&start.year().to_string()[..]),
        DatePrecision::Reported => Some(start) == published.or_else(|| day(label_date)),
    }
}
