//! The command line: argument definitions and one function per subcommand.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::export::{self, Destination, ExportFormat, ExportOptions};
use crate::ingest::{self, ImportOptions, ImportReport};
use crate::model::{ArticleSummary, EventSummary, Language, PlaceNode, display_date};
use crate::query::{EventPage, FilterArgs, Page};
use crate::store::Store;
use crate::text::{display_width, pad_to_width, strip_controls, truncate_to_width};
use crate::{Error, Result};

const EXAMPLES: &str = "\
Examples:
  chunav demo                                   load the sample articles
  chunav import ~/news/                         import every .txt/.jsonl/.csv below a folder
  chunav import article.txt --lang hi           import one copied page as Hindi
  chunav import saved.html feed.xml             import a saved article page and a feed
  chunav feeds add https://example.com/rss --name darpan
  chunav fetch --full                           fetch every feed, and each new item's page
  cat feed.jsonl | chunav import -              import JSON Lines from standard input
  chunav articles --district गोरखपुर             articles about Gorakhpur
  chunav articles --region purvanchal --party aimim --from 2021-01 --to 2021-03
  chunav articles --search \"बूथ स्तर\" --format json
  chunav show 12
  chunav places
  chunav export --region purvanchal --party aimim --format html -o timeline.html
  chunav export --district आजमगढ़ --format ics > azamgarh.ics";

/// Track election coverage: import Hindi and English news, find places,
/// parties and campaign events, browse and export them.
#[derive(Debug, Parser)]
#[command(name = "chunav", version, after_help = EXAMPLES)]
pub struct Cli {
    /// The store (an SQLite file). Default: chunav.db in the XDG data directory.
    #[arg(long, global = true, env = "CHUNAV_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import articles from files, folders (recursively) or `-` (standard input).
    ///
    /// Formats: plain text copied from a news page (.txt), a saved article
    /// page (.html, .htm), JSON Lines (.jsonl, .ndjson) and CSV (.csv) with
    /// named fields; other files named on the
    /// command line are recognised by their content. Importing the same
    /// article again adds nothing; a copy with a later "updated" time
    /// replaces the stored one.
    Import {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Take every article as this language instead of detecting it.
        #[arg(long, value_name = "hi|en")]
        lang: Option<Language>,
    },
    /// List articles, newest first.
    Articles {
        #[command(flatten)]
        filters: FilterOpts,
        #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
        format: OutputFormat,
        /// How many articles at most.
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
    /// List campaign events in date order: tours, rallies, trainings,
    /// alliances, candidate lists and more, each with its evidence.
    Events {
        #[command(flatten)]
        filters: FilterOpts,
        #[command(flatten)]
        events: EventOpts,
        #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
        format: OutputFormat,
        /// How many events at most.
        #[arg(long, default_value_t = 100)]
        limit: usize,
    },
    /// Export campaign events as a timeline: CSV, JSON, JSON Lines, Markdown,
    /// iCalendar, TimelineJS or a self-contained HTML page.
    ///
    /// Takes the filters of `events`. The same store and filters always give
    /// the same bytes. A file is written whole or not at all, and an existing
    /// file is kept unless --force is given.
    Export {
        #[command(flatten)]
        filters: FilterOpts,
        #[command(flatten)]
        events: EventOpts,
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// The file to write; `-` or none for standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace the file if it exists.
        #[arg(long)]
        force: bool,
        /// CSV: start with a byte order mark so Excel reads the file as UTF-8.
        #[arg(long)]
        excel: bool,
        /// iCalendar: the DTSTAMP of every event (RFC 3339 or YYYY-MM-DD, IST
        /// without a zone). Default: each event's latest source's publication.
        #[arg(long, value_name = "TIME")]
        stamp: Option<String>,
        /// The timeline's title.
        #[arg(long, value_name = "TEXT")]
        title: Option<String>,
    },
    /// Show each sentence of an article with what extraction found in it and why.
    Explain { id: i64 },
    /// Score extraction against labelled articles (JSON Lines, see the README).
    Eval {
        labels: PathBuf,
        /// Import these article files into a scratch store and score against
        /// them, leaving the store untouched.
        #[arg(long, value_name = "PATH", num_args = 1..)]
        articles: Vec<PathBuf>,
        /// Also list every miss.
        #[arg(long)]
        misses: bool,
    },
    /// Show one article in full.
    Show {
        id: i64,
        #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
        format: OutputFormat,
    },
    /// The gazetteer as a tree (states, regions, divisions, districts) with article counts.
    Places {
        /// Also list states with no articles.
        #[arg(long)]
        all: bool,
        #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
        format: OutputFormat,
    },
    /// Counts of what the store holds.
    Stats {
        #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
        format: OutputFormat,
    },
    /// Find places, parties and people again in every stored article, after
    /// a gazetteer or rules change.
    Reextract,
    /// Subscribe to RSS and Atom feeds, list and remove subscriptions.
    Feeds {
        #[command(subcommand)]
        action: FeedsAction,
    },
    /// Fetch every subscribed feed and import the new items. A feed that
    /// fails is reported and the others go on; the exit code is then 1.
    Fetch {
        /// Also fetch each new item's page and import it as a saved page.
        #[arg(long)]
        full: bool,
    },
    /// Load the sample articles (marked as sample data), or remove them.
    Demo {
        /// Remove the sample articles instead, keeping your own.
        #[arg(long)]
        remove: bool,
    },
    /// Print a shell completion script.
    Completions { shell: clap_complete::Shell },
    /// Print the manual page (roff).
    Man,
}

/// Filters shared by the listing commands. Names may be Hindi, English or
/// a variant (गोरखपुर, gorakhpur, Allahabad for Prayagraj).
#[derive(Debug, Args, Default)]
pub struct FilterOpts {
    /// A district.
    #[arg(long, value_name = "NAME")]
    pub district: Option<String>,
    /// A region (Purvanchal, पूर्वांचल, ...), a division or a state.
    #[arg(long, value_name = "NAME")]
    pub region: Option<String>,
    /// A party, by abbreviation or name (aimim, भाजपा, सपा).
    #[arg(long, value_name = "NAME")]
    pub party: Option<String>,
    /// Published on or after: YYYY, YYYY-MM or YYYY-MM-DD (IST).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Published on or before: YYYY, YYYY-MM or YYYY-MM-DD (IST).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Words that must all occur (Hindi spelling variants match).
    #[arg(long, value_name = "WORDS")]
    pub search: Option<String>,
    /// Language: hi or en.
    #[arg(long, value_name = "hi|en")]
    pub lang: Option<Language>,
}

/// Filters for events only, shared by `events` and `export`.
#[derive(Debug, Args, Default)]
pub struct EventOpts {
    /// Event kinds, comma-separated: tour, rally, training, membership_drive,
    /// organisation, contest_plan, candidates, alliance, joining, statement,
    /// protest, result, nomination, polling.
    #[arg(long, value_name = "KINDS")]
    pub kind: Option<String>,
    /// planned, ongoing, happened or cancelled.
    #[arg(long, value_name = "STATUS")]
    pub status: Option<String>,
    /// Events a person takes part in (any spelling the gazetteer knows).
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
    /// Only events a user has confirmed or corrected.
    #[arg(long)]
    pub reviewed: bool,
}

impl EventOpts {
    /// The filters as given, with `filters`, before they are resolved.
    fn args(self, filters: &FilterOpts) -> FilterArgs {
        FilterArgs {
            kind: self.kind,
            status: self.status,
            person: self.person,
            reviewed: self.reviewed,
            ..FilterArgs::from(filters)
        }
    }
}

impl From<&FilterOpts> for FilterArgs {
    fn from(o: &FilterOpts) -> Self {
        FilterArgs {
            district: o.district.clone(),
            region: o.region.clone(),
            party: o.party.clone(),
            from: o.from.clone(),
            to: o.to.clone(),
            search: o.search.clone(),
            language: o.lang,
            kind: None,
            status: None,
            person: None,
            reviewed: false,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum FeedsAction {
    /// Subscribe to a feed by its address.
    Add {
        #[arg(value_name = "URL")]
        url: String,
        /// A short name for the feed (default: its host).
        #[arg(long)]
        name: Option<String>,
    },
    /// The subscriptions and how their last fetch went.
    List {
        #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
        format: OutputFormat,
    },
    /// Unsubscribe; articles already imported stay.
    Remove {
        #[arg(value_name = "NAME|URL")]
        feed: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Table,
    Json,
    Csv,
}

/// The default store: `chunav/chunav.db` in the XDG data directory.
pub fn default_store_path() -> Result<PathBuf> {
    use etcetera::BaseStrategy;
    let base = etcetera::choose_base_strategy()
        .map_err(|e| Error::Invalid(format!("cannot find a data directory ({e}); use --db")))?;
    Ok(base.data_dir().join("chunav").join("chunav.db"))
}

/// Runs the command line; returns the process exit code.
pub fn run(cli: Cli) -> Result<i32> {
    let command = match cli.command {
        Some(Command::Completions { shell }) => {
            let mut cmd = Cli::command();
            clap_complete::generate(shell, &mut cmd, "chunav", &mut std::io::stdout());
            return Ok(0);
        }
        Some(Command::Man) => {
            clap_mangen::Man::new(Cli::command())
                .render(&mut std::io::stdout())
                .map_err(|source| Error::Io {
                    path: "<stdout>".into(),
                    source,
                })?;
            return Ok(0);
        }
        Some(command) => Some(command),
        // Without a terminal to draw on, the help is more use than an interface.
        None if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() => {
            Cli::command().print_help().ok();
            return Ok(0);
        }
        None => None,
    };
    let path = match cli.db {
        Some(path) => path,
        None => default_store_path()?,
    };
    let mut store = Store::open(&path)?;
    let Some(command) = command else {
        crate::tui::run(store)?;
        return Ok(0);
    };
    let mut out = std::io::stdout().lock();
    let result = match command {
        Command::Import { paths, lang } => {
            let options = ImportOptions {
                language: lang,
                sample: false,
            };
            let mut bar = ProgressBar::new();
            let report = ingest::import_paths(&mut store, &paths, &options, &mut bar)?;
            print_report(&mut out, &report)?;
            return Ok(if report.failures.is_empty() { 0 } else { 1 });
        }
        Command::Articles {
            filters,
            format,
            limit,
        } => {
            let filter = FilterArgs::from(&filters).resolve(&store)?;
            let rows = store.articles(&filter, &Page { after: None, limit })?;
            print_articles(&mut out, &rows, format)
        }
        Command::Events {
            filters,
            events,
            format,
            limit,
        } => {
            let filter = events.args(&filters).resolve_events(&store)?;
            let rows = store.events(&filter, &EventPage { after: None, limit })?;
            print_events(&mut out, &rows, format)
        }
        Command::Export {
            filters,
            events,
            format,
            output,
            force,
            excel,
            stamp,
            title,
        } => {
            if excel && format != ExportFormat::Csv {
                return Err(Error::Invalid(
                    "--excel applies to --format csv only".into(),
                ));
            }
            if stamp.is_some() && format != ExportFormat::Ics {
                return Err(Error::Invalid(
                    "--stamp applies to --format ics only".into(),
                ));
            }
            let args = events.args(&filters);
            let filter = args.resolve_events(&store)?;
            let stamp = match stamp {
                Some(s) => Some(
                    ingest::parse_timestamp(&s)
                        .ok_or_else(|| Error::Invalid(format!("invalid --stamp {s:?}")))?
                        .with_timezone(&chrono::Utc),
                ),
                None => None,
            };
            let mut options = ExportOptions {
                filters: filters_used(&args),
                excel,
                stamp,
                ..ExportOptions::default()
            };
            if let Some(title) = title {
                options.title = title;
            }
            drop(out);
            let records = export::records(&store, &filter)?;
            export::write_to(&Destination::new(output, force), |w| {
                export::write(format, records, &options, w)
            })?;
            return Ok(0);
        }
        Command::Explain { id } => {
            let article = store
                .article(id)?
                .ok_or_else(|| Error::Invalid(format!("no article with id {id}")))?;
            print_explanation(&mut out, &article)
        }
        Command::Eval {
            labels,
            articles,
            misses,
        } => {
            let labels = crate::eval::read_labels(&labels)?;
            let report = if articles.is_empty() {
                crate::eval::evaluate(&store, &labels)?
            } else {
                let mut scratch = Store::open_in_memory()?;
                let imported = ingest::import_paths(
                    &mut scratch,
                    &articles,
                    &ImportOptions::default(),
                    &mut (),
                )?;
                if let Some(f) = imported.failures.first() {
                    return Err(Error::Invalid(format!("cannot import {f}")));
                }
                crate::eval::evaluate(&scratch, &labels)?
            };
            write!(out, "{}", report.render(misses))
        }
        Command::Show { id, format } => {
            let article = store
                .article(id)?
                .ok_or_else(|| Error::Invalid(format!("no article with id {id}")))?;
            match format {
                OutputFormat::Json => write_json(&mut out, &article),
                _ => print_article(&mut out, &article),
            }
        }
        Command::Places { all, format } => {
            let tree = store.place_tree()?;
            match format {
                OutputFormat::Json => write_json(&mut out, &tree),
                _ => print_places(&mut out, &tree, all),
            }
        }
        Command::Stats { format } => {
            let stats = store.stats()?;
            match format {
                OutputFormat::Json => write_json(&mut out, &stats),
                _ => print_stats(&mut out, &stats, &path),
            }
        }
        Command::Reextract => {
            let extractor = crate::extract::Extractor::embedded();
            let total = store.article_count()?;
            let bar = progress_bar(total, 2000);
            let done = store.reextract(&|a| extractor.extract(a), &mut |n| {
                if let Some(bar) = &bar {
                    bar.set_position(n);
                }
            })?;
            if let Some(bar) = bar {
                bar.finish_and_clear();
            }
            writeln!(out, "re-extracted {done} articles")
        }
        Command::Demo { remove } => {
            if remove {
                let n = store.remove_sample_articles()?;
                writeln!(out, "removed {n} sample articles")
            } else {
                let report = ingest::load_demo(&mut store)?;
                writeln!(
                    out,
                    "sample data: {} articles loaded, {} already present (written for chunav's demo; not real reporting)",
                    report.imported, report.duplicates
                )
                .and_then(|_| writeln!(out, "store: {}", path.display()))
            }
        }
        Command::Feeds { action } => match action {
            FeedsAction::Add { url, name } => {
                let feed = crate::fetch::subscribe(&mut store, &url, name.as_deref())?;
                writeln!(out, "subscribed to {} ({})", feed.name, feed.url)
            }
            FeedsAction::List { format } => {
                let feeds = store.feeds()?;
                match format {
                    OutputFormat::Json => write_json(&mut out, &feeds),
                    _ => write!(out, "{}", crate::fetch::render_feeds(&feeds)),
                }
            }
            FeedsAction::Remove { feed } => match store.remove_feed(&feed)? {
                Some(f) => writeln!(out, "unsubscribed from {} ({})", f.name, f.url),
                None => return Err(Error::Invalid(format!("no feed called {feed:?}"))),
            },
        },
        Command::Fetch { full } => {
            let options = crate::fetch::FetchOptions {
                full,
                ..Default::default()
            };
            let report = crate::fetch::fetch_all(&mut store, &options)?;
            write!(out, "{}", report.render()).map_err(|source| Error::Io {
                path: "<stdout>".into(),
                source,
            })?;
            return Ok(if report.any_failed() { 1 } else { 0 });
        }
        Command::Completions { .. } | Command::Man => unreachable!("handled above"),
    };
    result.map_err(|source| Error::Io {
        path: "<stdout>".into(),
        source,
    })?;
    Ok(0)
}

/// A progress bar on standard error for large imports; hidden when standard
/// error is not a terminal.
struct ProgressBar(Option<indicatif::ProgressBar>);

impl ProgressBar {
    fn new() -> Self {
        ProgressBar(None)
    }
}

impl ingest::Progress for ProgressBar {
    fn start(&mut self, total_bytes: u64) {
        // Small imports finish before a bar would be readable.
        self.0 = progress_bar(total_bytes, 4 << 20);
        if let Some(bar) = &self.0 {
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{bar:40} {bytes}/{total_bytes} {eta} {wide_msg}",
                )
                .expect("valid template"),
            );
        }
    }
    fn advance(&mut self, bytes: u64, file: &str) {
        if let Some(bar) = &self.0 {
            bar.inc(bytes);
            bar.set_message(file.to_string());
        }
    }
    fn finish(&mut self) {
        if let Some(bar) = self.0.take() {
            bar.finish_and_clear();
        }
    }
}

/// A progress bar on standard error for work of `total` units, when that
/// is a terminal and the work is at least `min` units.
fn progress_bar(total: u64, min: u64) -> Option<indicatif::ProgressBar> {
    (std::io::stderr().is_terminal() && total >= min).then(|| indicatif::ProgressBar::new(total))
}

fn print_report(out: &mut impl Write, report: &ImportReport) -> Result<()> {
    let io = |source| Error::Io {
        path: "<stdout>".into(),
        source,
    };
    writeln!(
        out,
        "{} files: {} imported, {} duplicate, {} updated, {} failed",
        report.files,
        report.imported,
        report.duplicates,
        report.updated,
        report.failures.len()
    )
    .map_err(io)?;
    for id in &report.updated_ids {
        writeln!(out, "  replaced article {id} with a later version").map_err(io)?;
    }
    const SHOWN: usize = 50;
    for failure in report.failures.iter().take(SHOWN) {
        writeln!(out, "  failed: {}", strip_controls(&failure.to_string())).map_err(io)?;
    }
    if report.failures.len() > SHOWN {
        writeln!(
            out,
            "  ... and {} more failures",
            report.failures.len() - SHOWN
        )
        .map_err(io)?;
    }
    Ok(())
}

/// Pretty JSON in which every character a terminal could act on is a
/// `\u` escape: the data stays whole and the terminal safe. serde_json
/// escapes the C0 controls itself; the rest can only stand inside strings.
fn write_json(out: &mut impl Write, value: &impl serde::Serialize) -> std::io::Result<()> {
    let json = serde_json::to_string_pretty(value)?;
    let mut safe = String::with_capacity(json.len());
    for c in json.chars() {
        if crate::text::is_terminal_safe(c.encode_utf8(&mut [0; 4])) {
            safe.push(c);
        } else {
            for unit in c.encode_utf16(&mut [0; 2]) {
                safe.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    writeln!(out, "{safe}")
}

/// Terminal width for tables: the real one, or 100 columns when piped.
fn terminal_width() -> usize {
    if std::io::stdout().is_terminal() {
        crossterm::terminal::size()
            .map(|(w, _)| w as usize)
            .unwrap_or(100)
    } else {
        100
    }
}

fn print_articles(
    out: &mut impl Write,
    rows: &[ArticleSummary],
    format: OutputFormat,
) -> std::io::Result<()> {
    match format {
        OutputFormat::Json => write_json(out, &rows),
        OutputFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record([
                "id",
                "published_at",
                "outlet",
                "language",
                "districts",
                "title",
                "url",
            ])?;
            for a in rows {
                w.write_record([
                    a.id.to_string(),
                    a.published_at.clone().unwrap_or_default(),
                    spreadsheet_safe(a.outlet.as_deref().unwrap_or_default()),
                    a.language.to_string(),
                    a.districts.join("; "),
                    spreadsheet_safe(&a.title),
                    strip_controls(a.url.as_deref().unwrap_or_default()),
                ])?;
            }
            w.flush()
        }
        OutputFormat::Table => {
            if rows.is_empty() {
                return writeln!(
                    out,
                    "no articles match (chunav import PATH, or chunav demo for sample data)"
                );
            }
            let width = terminal_width();
            writeln!(
                out,
                "{:>5}  {:<10}  {:<18}  {:<16}  title",
                "id", "date", "outlet", "districts"
            )?;
            for a in rows {
                let date = a
                    .published_at
                    .as_deref()
                    .map(|d| &d[..d.len().min(10)])
                    .unwrap_or("-");
                let title = strip_controls(&a.title);
                let title_room = width
                    .saturating_sub(5 + 2 + 10 + 2 + 18 + 2 + 16 + 2)
                    .max(20);
                writeln!(
                    out,
                    "{:>5}  {:<10}  {}  {}  {}",
                    a.id,
                    date,
                    pad_to_width(&strip_controls(a.outlet.as_deref().unwrap_or("-")), 18),
                    pad_to_width(&a.districts.join(", "), 16),
                    truncate_to_width(&title, title_room)
                )?;
            }
            Ok(())
        }
    }
}

/// A CSV cell for a listing: no control sequences, and not a formula.
fn spreadsheet_safe(s: &str) -> String {
    export::spreadsheet_safe(&strip_controls(s)).into_owned()
}

/// The filters a user gave, as (flag, value) for an export's header.
fn filters_used(args: &FilterArgs) -> Vec<(String, String)> {
    let given = [
        ("district", &args.district),
        ("region", &args.region),
        ("party", &args.party),
        ("person", &args.person),
        ("kind", &args.kind),
        ("status", &args.status),
        ("from", &args.from),
        ("to", &args.to),
        ("search", &args.search),
    ];
    let mut used: Vec<(String, String)> = given
        .into_iter()
        .filter_map(|(flag, value)| Some((flag.to_string(), value.clone()?)))
        .collect();
    if args.reviewed {
        used.push(("reviewed".into(), "yes".into()));
    }
    used
}

fn print_article(out: &mut impl Write, a: &crate::model::Article) -> std::io::Result<()> {
    let line = |out: &mut dyn Write, label: &str, value: Option<&str>| -> std::io::Result<()> {
        match value {
            Some(v) => writeln!(out, "{label:<11}{}", strip_controls(v)),
            None => Ok(()),
        }
    };
    let title = strip_controls(&a.title);
    writeln!(out, "{title}")?;
    writeln!(out, "{}", "=".repeat(display_width(&title).min(80)))?;
    if a.sample {
        writeln!(out, "(sample article, written for chunav's demo)")?;
    }
    line(out, "id", Some(&a.id.to_string()))?;
    line(out, "outlet", a.outlet.as_deref())?;
    line(out, "author", a.author.as_deref())?;
    line(out, "editor", a.editor.as_deref())?;
    line(out, "published", a.published_at.as_deref())?;
    line(out, "updated", a.updated_at.as_deref())?;
    let dateline = a.dateline.as_ref().map(|d| match &a.dateline_place {
        Some(p) => format!("{d} ({p})"),
        None => d.clone(),
    });
    line(out, "dateline", dateline.as_deref())?;
    line(out, "language", Some(a.language.code()))?;
    line(out, "url", a.url.as_deref())?;
    line(out, "source", a.source_file.as_deref())?;
    writeln!(out)?;
    if let Some(s) = &a.standfirst {
        writeln!(out, "{}\n", strip_controls(s))?;
    }
    writeln!(out, "{}", strip_controls(&a.body))
}

fn print_places(out: &mut impl Write, tree: &[PlaceNode], all: bool) -> std::io::Result<()> {
    fn walk(
        out: &mut impl Write,
        node: &PlaceNode,
        prefix: &str,
        last: bool,
        top: bool,
    ) -> std::io::Result<()> {
        let branch = if top {
            ""
        } else if last {
            "└─ "
        } else {
            "├─ "
        };
        let kind = match node.kind {
            crate::model::PlaceKind::Region => "region ",
            crate::model::PlaceKind::Division => "division ",
            _ => "",
        };
        let hindi = node
            .name_hi
            .as_deref()
            .map(|h| format!(" ({h})"))
            .unwrap_or_default();
        writeln!(
            out,
            "{prefix}{branch}{kind}{}{hindi}  {}",
            node.name_en, node.articles
        )?;
        let child_prefix = if top {
            String::new()
        } else {
            format!("{prefix}{}", if last { "   " } else { "│  " })
        };
        for (i, child) in node.children.iter().enumerate() {
            walk(
                out,
                child,
                &child_prefix,
                i + 1 == node.children.len(),
                false,
            )?;
        }
        Ok(())
    }
    for state in tree
        .iter()
        .filter(|s| all || s.articles > 0 || !s.children.is_empty())
    {
        walk(out, state, "", true, true)?;
    }
    Ok(())
}

fn print_stats(
    out: &mut impl Write,
    s: &crate::model::Stats,
    path: &std::path::Path,
) -> std::io::Result<()> {
    writeln!(out, "store      {}", path.display())?;
    writeln!(
        out,
        "articles   {} ({} Hindi, {} English; {} sample)",
        s.articles, s.articles_hindi, s.articles_english, s.sample_articles
    )?;
    writeln!(out, "outlets    {}", s.outlets)?;
    if let (Some(a), Some(b)) = (&s.earliest, &s.latest) {
        writeln!(
            out,
            "published  {} to {}",
            &a[..10.min(a.len())],
            &b[..10.min(b.len())]
        )?;
    }
    writeln!(
        out,
        "gazetteer  {} places ({} districts), {} parties, {} people",
        s.places, s.districts, s.parties, s.people
    )?;
    writeln!(out, "size       {:.1} MB", s.store_bytes as f64 / 1e6)
}

fn print_events(
    out: &mut impl Write,
    rows: &[EventSummary],
    format: OutputFormat,
) -> std::io::Result<()> {
    match format {
        OutputFormat::Json => write_json(out, &rows),
        OutputFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            let more = ["places", "people", "evidence", "articles", "review_state"];
            w.write_record(export::EVENT_COLUMNS.iter().chain(&more))?;
            for e in rows {
                w.write_record([
                    e.id.to_string(),
                    e.date_start.clone().unwrap_or_default(),
                    e.date_end.clone().unwrap_or_default(),
                    e.date_precision.as_str().to_string(),
                    spreadsheet_safe(e.date_text.as_deref().unwrap_or_default()),
                    e.status.as_str().to_string(),
                    e.kind.as_str().to_string(),
                    e.party.clone().unwrap_or_default(),
                    e.places.join("; "),
                    e.people.join("; "),
                    spreadsheet_safe(&e.evidence),
                    e.article_ids
                        .iter()
                        .map(i64::to_string)
                        .collect::<Vec<_>>()
                        .join(" "),
                    e.review_state.clone(),
                ])?;
            }
            w.flush()
        }
        OutputFormat::Table => {
            if rows.is_empty() {
                return writeln!(out, "no events match");
            }
            let width = terminal_width();
            writeln!(
                out,
                "{:>5}  {:<24}  {:<9}  {:<16}  {:<6}  {:<20}  evidence",
                "id", "date", "status", "kind", "party", "places"
            )?;
            for e in rows {
                let date = display_date(e.date_start.as_deref(), e.date_precision);
                let room = width
                    .saturating_sub(5 + 2 + 24 + 2 + 9 + 2 + 16 + 2 + 6 + 2 + 20 + 2)
                    .max(20);
                writeln!(
                    out,
                    "{:>5}  {}  {:<9}  {:<16}  {:<6}  {}  {}",
                    e.id,
                    pad_to_width(&date, 24),
                    e.status.as_str(),
                    e.kind.as_str(),
                    e.party.as_deref().unwrap_or("-"),
                    pad_to_width(&e.places.join(", "), 20),
                    truncate_to_width(&strip_controls(&e.evidence), room)
                )?;
            }
            Ok(())
        }
    }
}

/// Each sentence with its names (and the rule that took them), triggers,
/// dates (and how they were resolved), tense and the events made of them.
fn print_explanation(out: &mut impl Write, a: &crate::model::Article) -> std::io::Result<()> {
    let published = a
        .published_at
        .as_deref()
        .and_then(ingest::parse_timestamp)
        .map(|p| p.with_timezone(&crate::query::ist()).date_naive());
    let text = crate::extract::ArticleText {
        title: &a.title,
        standfirst: a.standfirst.as_deref(),
        dateline: a.dateline.as_deref(),
        body: &a.body,
        published,
    };
    writeln!(out, "article {}: {}", a.id, strip_controls(&a.title))?;
    writeln!(
        out,
        "published {}",
        published
            .map(|p| p.to_string())
            .unwrap_or_else(|| "unknown: relative dates are not resolved".into())
    )?;
    for s in crate::extract::Extractor::embedded().analyse(&text) {
        let found = !s.mentions.is_empty() || !s.triggers.is_empty() || !s.dates.is_empty();
        if !found {
            continue;
        }
        writeln!(
            out,
            "\n[{} {}..{}] {}",
            s.field.as_str(),
            s.span.start,
            s.span.end,
            strip_controls(&s.text)
        )?;
        for m in &s.mentions {
            let what = match &m.entity {
                crate::extract::Entity::Place { key, .. } => key.clone(),
                crate::extract::Entity::Party { code } => format!("party:{code}"),
                crate::extract::Entity::Person { key } => format!("person:{key}"),
            };
            writeln!(
                out,
                "  name     {} -> {what} ({})",
                strip_controls(&m.matched),
                m.rule.as_str()
            )?;
        }
        for (words, trigger) in &s.triggers {
            let what = trigger.describe();
            writeln!(out, "  trigger  {} -> {what}", strip_controls(words))?;
        }
        for d in &s.dates {
            writeln!(
                out,
                "  date     {} -> {} {}..{} ({})",
                strip_controls(&d.text),
                d.precision.as_str(),
                d.start,
                d.end,
                d.how
            )?;
        }
        writeln!(out, "  tense    {:?}", s.tense)?;
        for e in &s.events {
            writeln!(
                out,
                "  EVENT    {} {} {} party={} places={} confidence={:.1}",
                e.kind.as_str(),
                display_date(
                    e.date.start.map(|d| d.to_string()).as_deref(),
                    e.date.precision
                ),
                e.status.as_str(),
                e.party.as_deref().unwrap_or("-"),
                e.places.join(","),
                e.confidence
            )?;
        }
    }
    Ok(())
}
