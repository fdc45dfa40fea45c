//! Importing articles: finding the files, choosing each one's format,
//! parsing it and storing what it holds, in short transactions.
//!
//! A bad file or record never stops the rest: it is reported with its file
//! and line, and an article is either stored whole, with what extraction
//! found in it, or not at all.

pub mod feed;
pub mod html;
pub mod page;
pub mod records;

pub use html::{MAX_DEPTH, MAX_ELEMENTS, MAX_HTML_BYTES, READABILITY_BUDGET};

use std::cell::Cell;
use std::collections::HashMap;
use std::hash::BuildHasher;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

pub use records::parse_timestamp;

use crate::extract::{Extraction, Extractor};
use crate::model::{Language, NewArticle};
use crate::store::{Isolation, KeyedArticle, Provenance, Store, StoreOutcome};
use crate::{Error, Result};

/// The largest single text page or JSON Lines line read; anything bigger
/// is not an article.
pub const MAX_RECORD_BYTES: usize = 16 * 1024 * 1024;

/// The largest feed read.
pub const MAX_FEED_BYTES: usize = 16 * 1024 * 1024;

/// How many articles one write transaction holds at most. Articles are
/// parsed and extracted outside the write lock and written in batches of
/// this many, so another process importing into the same store gets its
/// turn within half a second rather than after a whole file. Bigger
/// batches write each busy index page out fewer times: 256 imported 10%
/// faster than 64, and 1,024 imports 10,000 articles about 10% faster
/// than 256.
pub const BATCH_ARTICLES: usize = 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text copied from a news page.
    Page,
    /// A news article page saved as HTML.
    Html,
    /// An RSS or Atom feed.
    Feed,
    JsonLines,
    Csv,
}

impl Format {
    /// The format a file's extension says, if it names one we read.
    pub fn from_extension(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Page),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "xml" | "rss" | "atom" => Some(Format::Feed),
            "jsonl" | "ndjson" => Some(Format::JsonLines),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }

    /// A guess from the first bytes, for standard input and unknown names.
    pub fn sniff(head: &[u8]) -> Format {
        let text = String::from_utf8_lossy(&head[..head.len().min(4096)]);
        let text = text.trim_start_matches('\u{FEFF}').trim_start();
        let first_line = text.lines().next().unwrap_or("").to_lowercase();
        let lower: String = text
            .chars()
            .take(1024)
            .collect::<String>()
            .to_ascii_lowercase();
        let markup = lower.starts_with('<');
        if markup
            && ["<rss", "<feed", "<rdf:rdf"]
                .iter()
                .any(|t| lower.contains(t))
        {
            Format::Feed
        } else if markup && (lower.starts_with("<!doctype html") || lower.contains("<html")) {
            Format::Html
        } else if text.starts_with('{') {
            Format::JsonLines
        } else if first_line.contains(',') && first_line.contains("title") {
            Format::Csv
        } else {
            Format::Page
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Overrides the language of every article imported.
    pub language: Option<Language>,
    /// Marks the articles as sample data (the demo).
    pub sample: bool,
    /// Set (by a Ctrl-C handler) to stop between two articles: what is
    /// parsed so far is stored, and the report says it was interrupted.
    pub stop: Option<Arc<AtomicBool>>,
}

impl ImportOptions {
    fn stopped(&self) -> bool {
        self.stop
            .as_ref()
            .is_some_and(|s| s.load(Ordering::Relaxed))
    }
}

/// One thing that could not be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub file: String,
    pub line: Option<u64>,
    pub reason: String,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{} line {line}: {}", self.file, self.reason),
            None => write!(f, "{}: {}", self.file, self.reason),
        }
    }
}

/// The summary of an import.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub files: u64,
    pub imported: u64,
    pub duplicates: u64,
    pub updated: u64,
    /// Ids of the stored articles that a later version replaced.
    pub updated_ids: Vec<i64>,
    /// Ids of the articles stored for the first time.
    pub imported_ids: Vec<i64>,
    pub failures: Vec<Failure>,
    /// Stopped early by [`ImportOptions::stop`]; files and records after
    /// the last stored one were not read.
    pub interrupted: bool,
}

impl ImportReport {
    fn count(&mut self, outcome: StoreOutcome) {
        match outcome {
            StoreOutcome::Imported(id) => {
                self.imported += 1;
                self.imported_ids.push(id);
            }
            StoreOutcome::Duplicate(_) => self.duplicates += 1,
            StoreOutcome::Updated(id) => {
                self.updated += 1;
                self.updated_ids.push(id);
            }
        }
    }

    fn fail(&mut self, file: &str, line: Option<u64>, reason: impl Into<String>) {
        self.failures.push(Failure {
            file: file.to_string(),
            line,
            reason: reason.into(),
        });
    }
}

/// Progress of an import, in bytes of input read, for a progress bar.
pub trait Progress {
    fn start(&mut self, total_bytes: u64);
    fn advance(&mut self, bytes: u64, file: &str);
    fn finish(&mut self);
}

/// No progress display.
impl Progress for () {
    fn start(&mut self, _: u64) {}
    fn advance(&mut self, _: u64, _: &str) {}
    fn finish(&mut self) {}
}

/// Imports files and directories (recursively; `-` is standard input).
pub fn import_paths(
    store: &mut Store,
    paths: &[PathBuf],
    options: &ImportOptions,
    progress: &mut dyn Progress,
) -> Result<ImportReport> {
    let mut report = ImportReport::default();
    let mut files = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            files.push(path.clone());
        } else if path.is_dir() {
            collect_dir(path, &mut files, &mut report);
        } else if path.exists() {
            files.push(path.clone());
        } else {
            report.fail(
                &path.display().to_string(),
                None,
                "no such file or directory",
            );
        }
    }
    let total = files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    progress.start(total);
    // One writer for every file: the articles of many small files (saved
    // pages, one each) share batches instead of a transaction each.
    let mut adder = Adder::new(store, options);
    for file in &files {
        if options.stopped() {
            report.interrupted = true;
        }
        if report.interrupted {
            break;
        }
        let name = file.display().to_string();
        report.files += 1;
        let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
        let result = if file.as_os_str() == "-" {
            read_stream(&mut adder, std::io::stdin(), "<stdin>", None, &mut report)
        } else {
            std::fs::File::open(file)
                .map_err(|e| e.to_string())
                .and_then(|handle| {
                    let format = Format::from_extension(file);
                    read_stream(&mut adder, handle, &name, format, &mut report)
                })
        };
        match result {
            Ok(Ok(())) => {}
            Ok(Err(Error::Interrupted)) => report.interrupted = true,
            // A full disk (or another failure of the store) stops
            // everything: no other file could be stored either.
            Ok(Err(e)) if e.is_store_failure() => return Err(e),
            Ok(Err(e)) => report.fail(&name, None, e.to_string()),
            Err(reason) => report.fail(&name, None, reason),
        }
        progress.advance(size, &name);
    }
    adder.flush(&mut report)?;
    progress.finish();
    Ok(report)
}

/// Hands a file or standard input to `adder` as it is read, never holding
/// more of it than one record (or one capped page): the first bytes tell an
/// empty or binary input and, without `format`, the format.
fn read_stream(
    adder: &mut Adder,
    mut input: impl Read + Send,
    name: &str,
    format: Option<Format>,
    report: &mut ImportReport,
) -> std::result::Result<Result<()>, String> {
    let mut head = vec![0u8; 8192];
    let n = read_up_to(&mut input, &mut head).map_err(|e| e.to_string())?;
    head.truncate(n);
    if n == 0 {
        return Err("empty file".into());
    }
    if head.contains(&0) {
        return Err("binary file (contains NUL bytes), not an article".into());
    }
    let format = format.unwrap_or_else(|| Format::sniff(&head));
    let reader = std::io::Cursor::new(head).chain(input);
    Ok(read_input(adder, name, reader, format, report))
}

fn read_up_to(r: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match r.read(&mut buf[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

fn collect_dir(dir: &Path, files: &mut Vec<PathBuf>, report: &mut ImportReport) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => return report.fail(&dir.display().to_string(), None, e.to_string()),
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            collect_dir(&path, files, report);
        } else if Format::from_extension(&path).is_some() {
            files.push(path);
        }
    }
}

/// Imports one input: its good articles are stored, in batches of
/// [`BATCH_ARTICLES`], and its bad records reported. An error here (the
/// store failing) loses the batch being written but nothing stored before.
/// Records are parsed on a thread of their own, so that the thread that
/// writes to the store does nothing else.
pub fn import_reader(
    store: &mut Store,
    name: &str,
    reader: impl Read + Send,
    format: Format,
    options: &ImportOptions,
    report: &mut ImportReport,
) -> Result<()> {
    let mut adder = Adder::new(store, options);
    match read_input(&mut adder, name, reader, format, report) {
        Err(Error::Interrupted) => report.interrupted = true,
        other => other?,
    }
    adder.flush(report)
}

/// Parses one input on a thread of its own and hands its records to
/// `adder`, which writes them in batches as they fill.
fn read_input(
    adder: &mut Adder,
    name: &str,
    reader: impl Read + Send,
    format: Format,
    report: &mut ImportReport,
) -> Result<()> {
    adder.begin_input(name);
    let (parsed, records) = std::sync::mpsc::sync_channel(BATCH_ARTICLES);
    let language = adder.options.language;
    std::thread::scope(|scope| {
        let parser = scope.spawn(move || {
            read_articles(name, reader, format, &mut |article, line| {
                let keyed = article.map(|a| keyed(a, language));
                // The writing side has stopped (interrupted or failed).
                parsed.send((keyed, line)).map_err(|_| Error::Interrupted)
            })
        });
        let mut added = Ok(());
        while let Ok((article, line)) = records.recv() {
            added = adder.add(article, line, report);
            if added.is_err() {
                break;
            }
        }
        // The parser's next record finds no one to take it and it stops.
        drop(records);
        let read = parser
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        added.and(read)
    })
}

/// Parses `reader` as `format` and hands every article (or the reason a
/// record is not one) to `add`, with its line.
fn read_articles(
    name: &str,
    reader: impl Read,
    format: Format,
    add: &mut dyn FnMut(std::result::Result<NewArticle, String>, Option<u64>) -> Result<()>,
) -> Result<()> {
    match format {
        Format::Page => {
            let bytes = read_capped(reader, name, MAX_RECORD_BYTES)?;
            if bytes.len() > MAX_RECORD_BYTES {
                add(
                    Err(format!(
                        "larger than {} MB: not one article",
                        MAX_RECORD_BYTES >> 20
                    )),
                    None,
                )?;
            } else {
                match std::str::from_utf8(&bytes) {
                    Ok(text) => match page::parse(text) {
                        Some(article) => add(Ok(article), None)?,
                        None => add(Err("no article text found".into()), None)?,
                    },
                    Err(e) => {
                        let line = line_of_offset(&bytes, e.valid_up_to());
                        add(
                            Err("invalid UTF-8 (save the file as UTF-8)".into()),
                            Some(line),
                        )?;
                    }
                }
            }
        }
        Format::Html => {
            let bytes = read_capped(reader, name, MAX_HTML_BYTES)?;
            add(html::parse(&bytes), None)?;
        }
        Format::Feed => {
            let bytes = read_capped(reader, name, MAX_FEED_BYTES)?;
            match feed_items(&bytes) {
                Ok(items) => {
                    for item in items {
                        add(item, None)?;
                    }
                }
                Err(reason) => add(Err(reason), None)?,
            }
        }
        Format::JsonLines => {
            records::read_json_lines(reader, name, &mut |record, line| add(record, Some(line)))?
        }
        Format::Csv => records::read_csv(reader, &mut |record, line| add(record, Some(line)))?,
    }
    Ok(())
}

/// `a` with its keys, in the language the import was told it is in, if any.
fn keyed(mut a: NewArticle, language: Option<Language>) -> KeyedArticle {
    if language.is_some() {
        a.language = language;
    }
    KeyedArticle::new(a)
}

/// An article parsed and extracted, waiting for its batch to be written.
struct Pending {
    article: KeyedArticle,
    /// The input it came from, and its line there.
    file: Arc<str>,
    line: Option<u64>,
    /// Whether the store lacks the article as it is; a duplicate needs no
    /// extraction (made at writing time should that change).
    new: bool,
    extraction: Option<Extraction>,
}

/// Extracts every new article of `pending`, on as many threads as there
/// are cores: extraction is the part of an import that parallelises.
fn extract_all(pending: &mut [Pending]) {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let share = pending.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        for part in pending.chunks_mut(share) {
            scope.spawn(|| {
                for p in part.iter_mut().filter(|p| p.new) {
                    p.extraction = Some(extract(p.article.article()));
                }
            });
        }
    });
}

/// Collects articles and writes them in batches, reporting each outcome.
/// While one batch is written, the next is extracted on other threads.
struct Adder<'a> {
    store: &'a mut Store,
    pending: Vec<Pending>,
    extracting: Option<std::thread::JoinHandle<Vec<Pending>>>,
    options: &'a ImportOptions,
    /// The input whose records come now.
    input: Arc<str>,
    /// Each record id met in this input: where, and what it named.
    ids: HashMap<String, IdUse>,
}

/// The first record of an input that used an id: its line, and hashes of
/// what the store knows an article by.
struct IdUse {
    line: Option<u64>,
    identity: Identity,
}

/// Hashes of an article's address, its content, and its title with its
/// publication time: the store takes two records with one of these in
/// common for versions of the same article.
#[derive(PartialEq)]
struct Identity {
    url: Option<u64>,
    content: u64,
    headline: Option<u64>,
}

impl Identity {
    fn of(a: &NewArticle) -> Identity {
        let state = foldhash::quality::FixedState::with_seed(0);
        Identity {
            url: a.url.as_ref().map(|u| state.hash_one(u)),
            content: state.hash_one((&a.title, &a.body)),
            headline: a.published.map(|p| state.hash_one((&a.title, p))),
        }
    }

    fn same_article(&self, other: &Identity) -> bool {
        (self.url.is_some() && self.url == other.url)
            || self.content == other.content
            || (self.headline.is_some() && self.headline == other.headline)
    }
}

impl<'a> Adder<'a> {
    fn new(store: &'a mut Store, options: &'a ImportOptions) -> Adder<'a> {
        Adder {
            store,
            pending: Vec::with_capacity(BATCH_ARTICLES),
            extracting: None,
            options,
            input: Arc::from(""),
            ids: HashMap::new(),
        }
    }

    /// The records that come next are `name`'s; ids start afresh.
    fn begin_input(&mut self, name: &str) {
        self.input = Arc::from(name);
        self.ids.clear();
    }

    /// An id that an earlier record of this input gave to another article:
    /// the store tells articles apart by address and content, not by id,
    /// so the second would be stored as a separate article under the same
    /// id. A later version of the same article may use it again.
    fn reused_id(&mut self, article: &NewArticle, line: Option<u64>) -> Option<String> {
        let id = article.external_id.as_ref()?;
        let identity = Identity::of(article);
        match self.ids.get(id) {
            None => {
                self.ids.insert(id.clone(), IdUse { line, identity });
                None
            }
            Some(first) if !first.identity.same_article(&identity) => {
                let at = first
                    .line
                    .map(|l| format!(" on line {l}"))
                    .unwrap_or_default();
                Some(format!(
                    "id {id:?} was already used{at} by another article; this record was skipped"
                ))
            }
            Some(_) => None,
        }
    }

    /// Takes one record. Fails with [`Error::Interrupted`] once the import
    /// is asked to stop, before anything of this record is done.
    fn add(
        &mut self,
        article: Result<KeyedArticle, String>,
        line: Option<u64>,
        report: &mut ImportReport,
    ) -> Result<()> {
        if self.options.stopped() {
            return Err(Error::Interrupted);
        }
        match article {
            Ok(article) => {
                if let Some(reason) = self.reused_id(article.article(), line) {
                    report.fail(&self.input, line, reason);
                    return Ok(());
                }
                let new = !self.store.holds_as_is(&article)?;
                self.pending.push(Pending {
                    article,
                    file: Arc::clone(&self.input),
                    line,
                    new,
                    extraction: None,
                });
                if self.pending.len() >= BATCH_ARTICLES {
                    self.rotate(report)?;
                }
            }
            Err(reason) => report.fail(&self.input, line, reason),
        }
        Ok(())
    }

    /// Starts extracting the pending batch on other threads and writes the
    /// batch extracted before it.
    fn rotate(&mut self, report: &mut ImportReport) -> Result<()> {
        let mut batch = std::mem::replace(&mut self.pending, Vec::with_capacity(BATCH_ARTICLES));
        let next = std::thread::spawn(move || {
            extract_all(&mut batch);
            batch
        });
        match self.extracting.replace(next) {
            Some(extracted) => self.write(joined(extracted), report),
            None => Ok(()),
        }
    }

    /// Writes every article still held. The report counts articles only
    /// once they are committed.
    fn flush(&mut self, report: &mut ImportReport) -> Result<()> {
        if let Some(extracted) = self.extracting.take() {
            self.write(joined(extracted), report)?;
        }
        let mut rest = std::mem::take(&mut self.pending);
        extract_all(&mut rest);
        self.write(rest, report)
    }

    /// Writes one batch in one transaction, first without a savepoint for
    /// each article. Should a record break a constraint, that attempt is
    /// rolled back and the batch written again article by article, so that
    /// the record is reported and the others still land.
    fn write(&mut self, mut batch: Vec<Pending>, report: &mut ImportReport) -> Result<()> {
        if batch.is_empty() {
            return Ok(());
        }
        let outcomes = match self.store_batch(&mut batch, Isolation::Whole) {
            Err(Error::Sqlite(e)) if crate::broke_a_constraint(&e) => {
                self.store_batch(&mut batch, Isolation::PerArticle)?
            }
            other => other?,
        };
        for outcome in outcomes {
            match outcome {
                Ok(outcome) => report.count(outcome),
                Err((file, line, reason)) => report.fail(&file, line, reason),
            }
        }
        Ok(())
    }

    /// Each article's outcome, or its line and why it failed.
    fn store_batch(
        &mut self,
        batch: &mut [Pending],
        isolation: Isolation,
    ) -> Result<Vec<RecordOutcome>> {
        let mut transaction = self.store.begin_import(self.options.sample, isolation)?;
        let mut outcomes = Vec::with_capacity(batch.len());
        for pending in batch {
            let provenance = Provenance {
                file: pending.file.to_string(),
                line: pending.line,
            };
            // A retried batch extracts again what its first attempt used.
            let ready = Cell::new(pending.extraction.take());
            let extract_once = |a: &NewArticle| ready.take().unwrap_or_else(|| extract(a));
            match transaction.add(&pending.article, &provenance, &extract_once) {
                Ok(outcome) => outcomes.push(Ok(outcome)),
                // A constraint broken by one record is that record's failure.
                Err(Error::Sqlite(e))
                    if isolation == Isolation::PerArticle && crate::broke_a_constraint(&e) =>
                {
                    outcomes.push(Err((
                        Arc::clone(&pending.file),
                        pending.line,
                        format!("cannot store: {e}"),
                    )))
                }
                Err(e) => return Err(e),
            }
        }
        transaction.commit()?;
        Ok(outcomes)
    }
}

/// What became of one record of a batch: stored (or not, as a duplicate),
/// or refused by the store, with its input, line and the reason.
type RecordOutcome = std::result::Result<StoreOutcome, (Arc<str>, Option<u64>, String)>;

/// The batch an extraction thread hands back; its panic goes on here.
fn joined(extraction: std::thread::JoinHandle<Vec<Pending>>) -> Vec<Pending> {
    extraction
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

fn extract(article: &NewArticle) -> crate::extract::Extraction {
    Extractor::embedded().extract_new(article)
}

fn feed_items(bytes: &[u8]) -> Result<Vec<feed::Item>, String> {
    if bytes.len() > MAX_FEED_BYTES {
        return Err(format!("feed larger than {} MB", MAX_FEED_BYTES >> 20));
    }
    feed::parse(bytes)
}

/// Imports a feed fetched from `name` in one transaction. A feed that
/// cannot be read at all is `Ok(Err(reason))` and touches nothing; a bad
/// item is reported in `report` while the others land.
pub fn import_feed(
    store: &mut Store,
    name: &str,
    bytes: &[u8],
    options: &ImportOptions,
    report: &mut ImportReport,
) -> Result<Result<(), String>> {
    let items = match feed_items(bytes) {
        Ok(items) => items,
        Err(reason) => return Ok(Err(reason)),
    };
    let mut adder = Adder::new(store, options);
    adder.begin_input(name);
    for item in items {
        adder.add(item.map(|a| keyed(a, options.language)), None, report)?;
    }
    adder.flush(report)?;
    Ok(Ok(()))
}

/// The host of an address, without `www.`.
pub fn host_of(url: &str) -> Option<String> {
    html::host(url)
}

/// Parses a saved or fetched article page; `charset` is the one its HTTP
/// response named, if any.
pub fn parse_page(bytes: &[u8], charset: Option<&str>) -> Result<NewArticle, String> {
    html::parse_with_charset(bytes, charset)
}

/// Puts a fuller version of a stored article (its page, fetched after its
/// feed item) in place of the stored one, keeping its id.
pub fn replace_article(
    store: &mut Store,
    id: i64,
    article: &NewArticle,
    source: &str,
) -> Result<()> {
    let mut batch = store.begin_import(false, Isolation::PerArticle)?;
    let provenance = Provenance {
        file: source.to_string(),
        line: None,
    };
    batch.replace(id, article, &provenance, &extract)?;
    batch.commit()
}

/// Reads at most `cap` bytes and one more, so that the parser can say the
/// input is too large without holding all of it.
fn read_capped(reader: impl Read, name: &str, cap: usize) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader
        .take(cap as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| Error::Io {
            path: name.into(),
            source,
        })?;
    Ok(bytes)
}

fn line_of_offset(bytes: &[u8], offset: usize) -> u64 {
    bytes[..offset].iter().filter(|&&b| b == b'\n').count() as u64 + 1
}

/// The demo articles compiled into the binary (db/demo/articles.jsonl).
pub const DEMO_ARTICLES: &str = include_str!("../../db/demo/articles.jsonl");

/// Loads the demo articles, marked as sample data.
pub fn load_demo(store: &mut Store) -> Result<ImportReport> {
    let mut report = ImportReport::default();
    let options = ImportOptions {
        sample: true,
        ..ImportOptions::default()
    };
    import_reader(
        store,
        "demo/articles.jsonl",
        DEMO_ARTICLES.as_bytes(),
        Format::JsonLines,
        &options,
        &mut report,
    )?;
    report.files = 1;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension_and_content() {
        assert_eq!(
            Format::from_extension(Path::new("a/b.JSONL")),
            Some(Format::JsonLines)
        );
        assert_eq!(
            Format::from_extension(Path::new("a.csv")),
            Some(Format::Csv)
        );
        assert_eq!(
            Format::from_extension(Path::new("a.HTM")),
            Some(Format::Html)
        );
        assert_eq!(Format::from_extension(Path::new("a.pdf")), None);
        assert_eq!(Format::sniff(b"\n <!DOCTYPE html><html>"), Format::Html);
        assert_eq!(
            Format::sniff(b"\xEF\xBB\xBF {\"title\":1}"),
            Format::JsonLines
        );
        assert_eq!(Format::sniff(b"title,body\nx,y"), Format::Csv);
        assert_eq!(Format::sniff("शीर्षक\n\nपाठ".as_bytes()), Format::Page);
    }

    #[test]
    fn offsets_to_lines() {
        assert_eq!(line_of_offset(b"a\nb\nc", 4), 3);
        assert_eq!(line_of_offset(b"abc", 0), 1);
    }
}
