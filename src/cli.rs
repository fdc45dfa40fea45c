//! The command line: argument definitions and one function per subcommand.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::export::{self, Destination, ExportFormat, ExportOptions};
use crate::ingest::{self, ImportOptions, ImportReport};
use crate::model::{
    ArticleSummary, EventSummary, FOLLOW_UP, Item, Language, PlaceNode, display_date,
};
use crate::query::{
    ArticleFilter, Condition, EventFilter, EventPage, FilterArgs, Page, Query, ViewCounts,
};
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
  chunav events -q 'district:गोरखपुर party:aimim,sp kind:rally date:2021-01..2021-03'
  chunav views add aimim-east 'region:purvanchal party:aimim -kind:statement'
  chunav export --view aimim-east --format html -o aimim.html
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
    /// Saved views: a name for a query, run with --view NAME by `articles`,
    /// `events` and `export`.
    Views {
        #[command(subcommand)]
        action: ViewsAction,
    },
    /// Add or remove your own tags on an article or event. A tag is one
    /// word; case does not matter when matching (`tag:` in a query).
    Tag {
        #[command(subcommand)]
        action: TagAction,
    },
    /// Print, set or clear your note on an article or event.
    Note {
        #[arg(value_enum)]
        what: ItemKind,
        id: i64,
        /// The new note; without it the note is printed.
        #[arg(
            value_name = "TEXT",
            allow_hyphen_values = true,
            conflicts_with = "clear"
        )]
        text: Option<String>,
        /// Remove the note.
        #[arg(long)]
        clear: bool,
    },
    /// Every tag in use, with how many articles and events carry it.
    Tags {
        #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
        format: OutputFormat,
    },
    /// The follow-up list: events and articles tagged follow-up.
    Followup {
        #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
        format: OutputFormat,
        /// How many events and how many articles at most.
        #[arg(long, default_value_t = 100)]
        limit: usize,
    },
    /// Regions of your own ("my beat"): a name in English and Hindi and a
    /// list of districts, usable wherever a region is (--region, region:,
    /// the place tree). Also read from chunav/regions.toml in the XDG config
    /// directory, which wins over the commands.
    Regions {
        #[command(subcommand)]
        action: RegionsAction,
    },
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
    /// Copy the store to FILE, consistently even while it is in use. The
    /// copy is checked and written whole or not at all; an existing FILE is
    /// kept unless --force is given.
    Backup {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Replace FILE if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Print a shell completion script.
    Completions { shell: clap_complete::Shell },
    /// Print the manual page (roff).
    Man,
}

/// Filters shared by the listing commands. Names may be Hindi, English or
/// a variant (गोरखपुर, gorakhpur, Allahabad for Prayagraj). Each flag is
/// shorthand for a clause of the query language, and everything given
/// holds together.
#[derive(Debug, Args, Default)]
pub struct FilterOpts {
    /// A query: fields district, division, region, state, place, party,
    /// person, outlet, kind, status, date, precision, reviewed, lang and tag, as
    /// `field:value` (commas for alternatives, a leading - to exclude), and
    /// words or "phrases" to search for. Example:
    /// 'district:गोरखपुर party:aimim,sp date:2021-01..2021-03 -kind:statement'.
    #[arg(short = 'q', long, value_name = "QUERY", allow_hyphen_values = true)]
    pub query: Option<String>,
    /// A saved view (chunav views list).
    #[arg(long, value_name = "NAME")]
    pub view: Option<String>,
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
            view: o.view.clone(),
            query: o.query.clone(),
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
pub enum ViewsAction {
    /// Save a query under a name; the query is checked first.
    Add {
        name: String,
        #[arg(value_name = "QUERY", allow_hyphen_values = true)]
        query: String,
    },
    /// The views, each with how many events and articles match it now.
    List {
        #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
        format: OutputFormat,
    },
    /// Remove a view.
    Remove { name: String },
}

#[derive(Debug, Subcommand)]
pub enum TagAction {
    /// Add tags.
    Add {
        #[arg(value_enum)]
        what: ItemKind,
        id: i64,
        #[arg(required = true, value_name = "TAG")]
        tags: Vec<String>,
    },
    /// Remove tags.
    Remove {
        #[arg(value_enum)]
        what: ItemKind,
        id: i64,
        #[arg(required = true, value_name = "TAG")]
        tags: Vec<String>,
    },
}

/// What a tag or note is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ItemKind {
    Article,
    Event,
}

impl ItemKind {
    fn item(self, id: i64) -> Item {
        match self {
            ItemKind::Article => Item::Article(id),
            ItemKind::Event => Item::Event(id),
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum RegionsAction {
    /// Every region, the gazetteer's and yours, with its districts.
    List {
        #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
        format: OutputFormat,
    },
    /// Add a region of your own, or change one you added before.
    Add {
        name: String,
        /// Its name in Hindi.
        #[arg(long, value_name = "NAME_HI")]
        hindi: Option<String>,
        /// Its districts, comma-separated, in any script or spelling
        /// (gorakhpur,देवरिया,Padrauna).
        #[arg(long, value_name = "DISTRICTS", required = true)]
        districts: String,
    },
    /// Remove a region you added.
    Remove { name: String },
    /// One region's names, whose it is and its districts.
    Show {
        name: String,
        #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
        format: OutputFormat,
    },
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

/// Runs the command line; returns the process exit code. A store error a
/// user can act on (a full disk, a read-only or damaged file) names the store.
pub fn run(cli: Cli) -> Result<i32> {
    let db = cli.db.clone();
    run_command(cli).map_err(|e| match db.map_or_else(default_store_path, Ok) {
        Ok(path) => e.about_store(&path),
        Err(_) => e,
    })
}

fn run_command(cli: Cli) -> Result<i32> {
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
    if let Some(found) = Store::upgrade_pending(&path) {
        eprintln!(
            "chunav: upgrading the store {} from schema {found} to {}; a big store takes a few minutes",
            path.display(),
            crate::store::SCHEMA_VERSION
        );
    }
    let mut store = Store::open(&path)?;
    if let Some(regions) = crate::regions::default_path() {
        crate::regions::apply_file(&mut store, &regions)?;
    }
    let Some(command) = command else {
        crate::tui::run(store)?;
        return Ok(0);
    };
    let mut out = std::io::stdout().lock();
    let result = match command {
        Command::Import { paths, lang } => {
            let options = ImportOptions {
                language: lang,
                stop: Some(stop_on_ctrl_c()?),
                ..ImportOptions::default()
            };
            let mut bar = ProgressBar::new();
            let report = ingest::import_paths(&mut store, &paths, &options, &mut bar)?;
            print_report(&mut out, &report)?;
            if report.interrupted {
                writeln!(
                    out,
                    "interrupted: the files and articles above are stored; run the same import again to add the rest"
                )
                .map_err(|source| Error::Io {
                    path: "<stdout>".into(),
                    source,
                })?;
                return Ok(130);
            }
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
            let mut used = filters_used(&args);
            // A region of the user's own means nothing to a reader without
            // its districts.
            used.extend(crate::regions::described_in(
                &store,
                &args.query_text(&store)?,
            )?);
            let mut options = ExportOptions {
                filters: used,
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
        Command::Views { action } => match action {
            ViewsAction::Add { name, query } => {
                // A view that would fail when run is refused now.
                Query::parse(&query)?.events(&store)?;
                store.add_view(&name, &query)?;
                writeln!(out, "saved view {name:?}: {}", query.trim())
            }
            ViewsAction::List { format } => {
                let views = view_counts(&store)?;
                match format {
                    OutputFormat::Json => write_json(&mut out, &views),
                    OutputFormat::Csv => print_views_csv(&mut out, &views),
                    OutputFormat::Table => print_views(&mut out, &views),
                }
            }
            ViewsAction::Remove { name } => {
                if !store.remove_view(&name)? {
                    return Err(Error::Invalid(format!("no view called {name:?}")));
                }
                writeln!(out, "removed view {name:?}")
            }
        },
        Command::Tag { action } => {
            let (item, tags) = match action {
                TagAction::Add { what, id, tags } => {
                    let item = what.item(id);
                    (item, store.add_tags(item, &tags)?)
                }
                TagAction::Remove { what, id, tags } => {
                    let item = what.item(id);
                    (item, store.remove_tags(item, &tags)?)
                }
            };
            match tags.as_slice() {
                [] => writeln!(out, "{item}: no tags"),
                tags => writeln!(out, "{item}: {}", strip_controls(&tags.join(" "))),
            }
        }
        Command::Note {
            what,
            id,
            text,
            clear,
        } => {
            let item = what.item(id);
            if clear {
                store.set_note(item, None)?;
                writeln!(out, "{item}: note removed")
            } else if let Some(text) = text {
                store.set_note(item, Some(&text))?;
                writeln!(out, "{item}: note saved")
            } else {
                match store.note(item)? {
                    Some(note) => writeln!(out, "{}", strip_controls(&note.text)),
                    None => writeln!(out, "{item}: no note"),
                }
            }
        }
        Command::Tags { format } => {
            let tags = store.tag_counts()?;
            match format {
                OutputFormat::Json => write_json(&mut out, &tags),
                OutputFormat::Csv => print_tags_csv(&mut out, &tags),
                OutputFormat::Table => print_tags(&mut out, &tags),
            }
        }
        Command::Followup { format, limit } => {
            if format == OutputFormat::Csv {
                return Err(Error::Invalid(
                    "followup lists events and articles: use --format table or json".into(),
                ));
            }
            let conditions = vec![Condition::Tags(vec![crate::text::fold(FOLLOW_UP)])];
            let events = store.events(
                &EventFilter {
                    conditions: conditions.clone(),
                    article_id: None,
                },
                &EventPage { after: None, limit },
            )?;
            let articles =
                store.articles(&ArticleFilter { conditions }, &Page { after: None, limit })?;
            match format {
                OutputFormat::Json => write_json(
                    &mut out,
                    &serde_json::json!({ "events": events, "articles": articles }),
                ),
                _ => print_followup(&mut out, &events, &articles),
            }
        }
        Command::Regions { action } => match action {
            RegionsAction::List { format } => {
                let regions = store.regions()?;
                match format {
                    OutputFormat::Json => write_json(&mut out, &regions),
                    OutputFormat::Csv => print_regions_csv(&mut out, &regions),
                    OutputFormat::Table => print_regions(&mut out, &regions),
                }
            }
            RegionsAction::Add {
                name,
                hindi,
                districts,
            } => {
                let mut region =
                    crate::regions::from_args(&store, &name, hindi.as_deref(), &districts)?;
                // Changing a region's districts keeps its Hindi name.
                if region.name_hi.is_none() {
                    region.name_hi = store.user_region(&name)?.and_then(|r| r.name_hi);
                }
                let changed =
                    store.save_user_region(&region, crate::store::REGIONS_FROM_COMMAND)?;
                let saved = store
                    .user_region(&region.name_en)?
                    .expect("the region just saved");
                writeln!(
                    out,
                    "{} region {:?}: {}",
                    if changed { "changed" } else { "added" },
                    saved.name_en,
                    saved.districts.join(", ")
                )
            }
            RegionsAction::Remove { name } => {
                if !store.remove_user_region(&name)? {
                    let gazetteer = store
                        .find_place(&name, &[crate::model::PlaceKind::Region])?
                        .is_some();
                    return Err(Error::Invalid(if gazetteer {
                        format!("{name:?} is a region of the gazetteer, not one of yours")
                    } else {
                        format!("no region of yours called {name:?}")
                    }));
                }
                writeln!(out, "removed region {name:?}")
            }
            RegionsAction::Show { name, format } => {
                let region = find_region(&store, &name)?;
                match format {
                    OutputFormat::Json => write_json(&mut out, &region),
                    OutputFormat::Csv => print_regions_csv(&mut out, &[region]),
                    OutputFormat::Table => print_region(&mut out, &region),
                }
            }
        },
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
        Command::Backup { file, force } => {
            let size = store.backup(&file, force)?;
            writeln!(
                out,
                "backed up {} to {} ({size} bytes, integrity check ok)",
                path.display(),
                file.display()
            )
        }
        Command::Completions { .. } | Command::Man => unreachable!("handled above"),
    };
    result.map_err(|source| Error::Io {
        path: "<stdout>".into(),
        source,
    })?;
    Ok(0)
}

/// A flag the first Ctrl-C sets, so that an import stops between two
/// articles; a second Ctrl-C ends the process at once.
fn stop_on_ctrl_c() -> Result<std::sync::Arc<std::sync::atomic::AtomicBool>> {
    use signal_hook::{consts::SIGINT, flag};
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let io = |source| Error::Io {
        path: "<signal handler>".into(),
        source,
    };
    // The shutdown must be registered first: it acts only once the flag is set.
    flag::register_conditional_shutdown(SIGINT, 130, stop.clone()).map_err(io)?;
    flag::register(SIGINT, stop.clone()).map_err(io)?;
    Ok(stop)
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
                "tags",
                "note",
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
                    spreadsheet_safe(&a.tags.join(" ")),
                    spreadsheet_safe(a.note.as_deref().unwrap_or_default()),
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

fn view_counts(store: &Store) -> Result<Vec<ViewCounts>> {
    crate::query::count_views(store, store.views()?)
}

fn count_cell(n: Option<u64>) -> String {
    n.map(|n| n.to_string()).unwrap_or_else(|| "?".into())
}

fn print_views(out: &mut impl Write, views: &[ViewCounts]) -> std::io::Result<()> {
    if views.is_empty() {
        return writeln!(out, "no views (chunav views add NAME QUERY)");
    }
    let width = views
        .iter()
        .map(|v| display_width(&v.view.name))
        .max()
        .unwrap_or(0)
        .max(4);
    writeln!(
        out,
        "{}  {:>7}  {:>8}  query",
        pad_to_width("name", width),
        "events",
        "articles"
    )?;
    for v in views {
        writeln!(
            out,
            "{}  {:>7}  {:>8}  {}",
            pad_to_width(&strip_controls(&v.view.name), width),
            count_cell(v.events),
            count_cell(v.articles),
            strip_controls(&v.view.query)
        )?;
    }
    Ok(())
}

fn print_views_csv(out: &mut impl Write, views: &[ViewCounts]) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["name", "query", "created", "events", "articles"])?;
    for v in views {
        w.write_record([
            spreadsheet_safe(&v.view.name),
            spreadsheet_safe(&v.view.query),
            v.view.created.clone(),
            count_cell(v.events),
            count_cell(v.articles),
        ])?;
    }
    w.flush()
}

/// A region, the gazetteer's or the user's, by any of its names.
fn find_region(store: &Store, name: &str) -> Result<crate::store::RegionInfo> {
    use crate::model::PlaceKind;
    let found = store.find_place(name, &[PlaceKind::Region])?;
    found
        .and_then(|(id, _)| {
            store
                .regions()
                .map(|all| all.into_iter().find(|r| r.id == id))
                .transpose()
        })
        .transpose()?
        .ok_or_else(|| Error::UnknownName {
            kind: "region",
            name: name.to_string(),
            suggestion: store
                .place_names(&[PlaceKind::Region])
                .ok()
                .and_then(|names| crate::query::nearest(name, names.into_iter())),
        })
}

/// Whose a region is, for listings.
fn region_owner(r: &crate::store::RegionInfo) -> String {
    match r.source.as_deref() {
        None => "gazetteer".into(),
        Some(crate::store::REGIONS_FROM_COMMAND) => "yours".into(),
        Some(file) => format!("yours ({file})"),
    }
}

fn print_regions(
    out: &mut impl Write,
    regions: &[crate::store::RegionInfo],
) -> std::io::Result<()> {
    for r in regions {
        let hindi = r
            .name_hi
            .as_deref()
            .map(|h| format!(" ({h})"))
            .unwrap_or_default();
        writeln!(
            out,
            "{}{}  [{}]  {} districts: {}",
            strip_controls(&r.name_en),
            strip_controls(&hindi),
            region_owner(r),
            r.districts.len(),
            r.districts.join(", ")
        )?;
    }
    Ok(())
}

fn print_region(out: &mut impl Write, r: &crate::store::RegionInfo) -> std::io::Result<()> {
    writeln!(out, "name       {}", strip_controls(&r.name_en))?;
    if let Some(h) = &r.name_hi {
        writeln!(out, "hindi      {}", strip_controls(h))?;
    }
    writeln!(out, "whose      {}", region_owner(r))?;
    writeln!(
        out,
        "districts  {} ({})",
        r.districts.join(", "),
        r.districts.len()
    )
}

fn print_regions_csv(
    out: &mut impl Write,
    regions: &[crate::store::RegionInfo],
) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["name", "hindi", "whose", "districts"])?;
    for r in regions {
        w.write_record([
            spreadsheet_safe(&r.name_en),
            spreadsheet_safe(r.name_hi.as_deref().unwrap_or_default()),
            region_owner(r),
            r.districts.join("; "),
        ])?;
    }
    w.flush()
}

/// The filters a user gave, as (flag, value) for an export's header.
fn filters_used(args: &FilterArgs) -> Vec<(String, String)> {
    let given = [
        ("view", &args.view),
        ("query", &args.query),
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
    print_marks(out, &a.tags, a.note.as_deref())?;
    writeln!(out)?;
    if let Some(s) = &a.standfirst {
        writeln!(out, "{}\n", strip_controls(s))?;
    }
    writeln!(out, "{}", strip_controls(&a.body))
}

/// The follow-up list as two tables, events first.
fn print_followup(
    out: &mut impl Write,
    events: &[EventSummary],
    articles: &[ArticleSummary],
) -> std::io::Result<()> {
    writeln!(out, "events tagged {FOLLOW_UP}")?;
    if events.is_empty() {
        writeln!(out, "  none")?;
    } else {
        print_events(out, events, OutputFormat::Table)?;
    }
    writeln!(out, "\narticles tagged {FOLLOW_UP}")?;
    if articles.is_empty() {
        writeln!(out, "  none")
    } else {
        print_articles(out, articles, OutputFormat::Table)
    }
}

/// The user's tags and note, one line each, when there are any.
fn print_marks(out: &mut dyn Write, tags: &[String], note: Option<&str>) -> std::io::Result<()> {
    if !tags.is_empty() {
        writeln!(out, "{:<11}{}", "tags", strip_controls(&tags.join(" ")))?;
    }
    if let Some(note) = note {
        // A note of several lines stays under its label.
        let note = strip_controls(note).replace('\n', &format!("\n{:11}", ""));
        writeln!(out, "{:<11}{note}", "note")?;
    }
    Ok(())
}

fn print_tags(out: &mut impl Write, tags: &[crate::store::TagCount]) -> std::io::Result<()> {
    if tags.is_empty() {
        return writeln!(out, "no tags (chunav tag add article|event ID TAG)");
    }
    let width = tags
        .iter()
        .map(|t| display_width(&t.tag))
        .max()
        .unwrap_or(0)
        .max(3);
    writeln!(
        out,
        "{}  {:>8}  {:>6}",
        pad_to_width("tag", width),
        "articles",
        "events"
    )?;
    for t in tags {
        writeln!(
            out,
            "{}  {:>8}  {:>6}",
            pad_to_width(&strip_controls(&t.tag), width),
            t.articles,
            t.events
        )?;
    }
    Ok(())
}

fn print_tags_csv(out: &mut impl Write, tags: &[crate::store::TagCount]) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["tag", "articles", "events"])?;
    for t in tags {
        w.write_record([
            spreadsheet_safe(&t.tag),
            t.articles.to_string(),
            t.events.to_string(),
        ])?;
    }
    w.flush()
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
            crate::model::PlaceKind::Region if node.user => "your region ",
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
            let more = [
                "places",
                "people",
                "evidence",
                "sources",
                "review_state",
                "tags",
                "note",
            ];
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
                    e.sources.to_string(),
                    e.review_state.clone(),
                    spreadsheet_safe(&e.tags.join(" ")),
                    spreadsheet_safe(e.note.as_deref().unwrap_or_default()),
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
    print_marks(out, &a.tags, a.note.as_deref())?;
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
