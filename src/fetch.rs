//! Fetching subscribed feeds over HTTP, and with `--full` each new item's
//! page, and importing what arrives.
//!
//! A few threads fetch at once; the store is written by the calling thread
//! as each response arrives, one transaction per feed. Requests are
//! conditional (ETag, Last-Modified), time out on connect and on read, are
//! retried with backoff on transient failures (5xx, 429, timeouts, broken
//! connections) but not on other 4xx, and read at most a set number of
//! bytes. A failing feed is reported and never stops the others.

use std::sync::Mutex;
use std::sync::mpsc;
use std::time::Duration;

use ureq::Agent;

use crate::ingest::{self, ImportOptions, ImportReport, MAX_FEED_BYTES, MAX_HTML_BYTES};
use crate::store::{Feed, FetchState, Store};
use crate::text::strip_controls;
use crate::{Error, Result};

/// The user agent every request carries.
pub const USER_AGENT: &str = concat!(
    "chunav/",
    env!("CARGO_PKG_VERSION"),
    " (election-coverage tracker)"
);

#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// Requests under way at once.
    pub threads: usize,
    pub connect_timeout: Duration,
    /// The longest wait for the next bytes of a response.
    pub read_timeout: Duration,
    /// Attempts after the first, for transient failures.
    pub retries: u32,
    /// The wait before the first retry; it doubles for each further one.
    pub backoff: Duration,
    pub max_feed_bytes: u64,
    pub max_page_bytes: u64,
    /// Also fetch and import each new item's page.
    pub full: bool,
    /// Use a proxy named by the environment (`HTTPS_PROXY`, ...).
    pub env_proxy: bool,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            threads: 4,
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(30),
            retries: 2,
            backoff: Duration::from_secs(1),
            max_feed_bytes: MAX_FEED_BYTES as u64,
            max_page_bytes: MAX_HTML_BYTES as u64,
            full: false,
            env_proxy: true,
        }
    }
}

/// What a GET came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Got {
    /// 304: unchanged since the validators we sent.
    NotModified,
    Body {
        bytes: Vec<u8>,
        etag: Option<String>,
        last_modified: Option<String>,
        /// The charset the `Content-Type` header names.
        charset: Option<String>,
    },
}

/// A blocking HTTP client with the timeouts, limits and retries above.
pub struct Http {
    agent: Agent,
    options: FetchOptions,
}

struct Failed {
    message: String,
    transient: bool,
}

impl Http {
    pub fn new(options: &FetchOptions) -> Http {
        let mut config = Agent::config_builder()
            .user_agent(USER_AGENT)
            .http_status_as_error(false)
            .max_redirects(5)
            .timeout_connect(Some(options.connect_timeout))
            .timeout_per_read(Some(options.read_timeout))
            .timeout_global(Some(options.read_timeout * 4));
        if !options.env_proxy {
            config = config.proxy(None);
        }
        Http {
            agent: config.build().into(),
            options: options.clone(),
        }
    }

    /// GETs `url`, sending the validators given, reading at most
    /// `max_bytes`. Transient failures are retried with backoff.
    pub fn get(
        &self,
        url: &str,
        etag: Option<&str>,
        last_modified: Option<&str>,
        max_bytes: u64,
    ) -> Result<Got, String> {
        let mut wait = self.options.backoff;
        let mut attempt = 0;
        loop {
            match self.get_once(url, etag, last_modified, max_bytes) {
                Ok(got) => return Ok(got),
                Err(f) if f.transient && attempt < self.options.retries => {
                    std::thread::sleep(wait);
                    wait *= 2;
                    attempt += 1;
                }
                Err(f) if attempt > 0 => {
                    return Err(format!("{} ({} attempts)", f.message, attempt + 1));
                }
                Err(f) => return Err(f.message),
            }
        }
    }

    fn get_once(
        &self,
        url: &str,
        etag: Option<&str>,
        last_modified: Option<&str>,
        max_bytes: u64,
    ) -> Result<Got, Failed> {
        let mut request = self.agent.get(url);
        if let Some(etag) = etag {
            request = request.header("If-None-Match", etag);
        }
        if let Some(since) = last_modified {
            request = request.header("If-Modified-Since", since);
        }
        let mut response = request.call().map_err(|e| failed(e, max_bytes))?;
        let status = response.status().as_u16();
        if status == 304 {
            return Ok(Got::NotModified);
        }
        if !(200..300).contains(&status) {
            let reason = response.status().canonical_reason().unwrap_or("");
            return Err(Failed {
                message: format!("HTTP {status} {reason}").trim_end().to_string(),
                transient: status >= 500 || status == 429 || status == 408,
            });
        }
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let (etag, last_modified) = (header("etag"), header("last-modified"));
        let charset = header("content-type").and_then(|t| {
            t.split(';')
                .filter_map(|p| p.trim().split_once('='))
                .find(|(k, _)| k.trim().eq_ignore_ascii_case("charset"))
                .map(|(_, v)| v.trim().to_string())
        });
        let bytes = response
            .body_mut()
            .with_config()
            .limit(max_bytes)
            .read_to_vec()
            .map_err(|e| failed(e, max_bytes))?;
        Ok(Got::Body {
            bytes,
            etag,
            last_modified,
            charset,
        })
    }
}

fn failed(e: ureq::Error, max_bytes: u64) -> Failed {
    use ureq::Error as E;
    let (message, transient) = match &e {
        E::BodyExceedsLimit(_) => (
            format!(
                "response larger than {} bytes ({} MB): not read",
                max_bytes,
                max_bytes >> 20
            ),
            false,
        ),
        E::Timeout(t) => (format!("timed out ({t})"), true),
        E::ConnectionFailed => ("could not connect".to_string(), true),
        E::Io(io) => (format!("connection error: {io}"), true),
        E::HostNotFound => ("host not found".to_string(), false),
        E::TooManyRedirects => ("too many redirects".to_string(), false),
        other => (other.to_string(), false),
    };
    Failed { message, transient }
}

/// One feed's part of a fetch.
#[derive(Debug, Clone)]
pub struct FeedReport {
    pub feed: Feed,
    /// `Err` when the feed could not be fetched or read.
    pub result: Result<FeedResult, String>,
}

#[derive(Debug, Clone, Default)]
pub struct FeedResult {
    pub not_modified: bool,
    /// The feed's items as imported.
    pub import: ImportReport,
    /// Pages fetched for new items (`--full`) that replaced their item.
    pub pages: u64,
    /// Pages that could not be fetched or read; their items keep the
    /// feed's text.
    pub page_failures: Vec<String>,
}

/// The summary of a fetch.
#[derive(Debug, Clone, Default)]
pub struct FetchReport {
    pub feeds: Vec<FeedReport>,
}

impl FetchReport {
    pub fn any_failed(&self) -> bool {
        self.feeds.iter().any(|f| f.result.is_err())
    }
}

/// Runs `work` over `items` on up to `threads` threads, handing each
/// result to `each` on the calling thread as soon as it is ready.
fn in_parallel<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    work: impl Fn(&T) -> R + Sync,
    mut each: impl FnMut(&T, R),
) {
    let next = Mutex::new(0usize);
    let (tx, rx) = mpsc::channel();
    std::thread::scope(|scope| {
        for _ in 0..threads.clamp(1, items.len().max(1)) {
            let tx = tx.clone();
            let (next, work) = (&next, &work);
            scope.spawn(move || {
                loop {
                    let i = {
                        let mut n = next.lock().unwrap_or_else(|p| p.into_inner());
                        *n += 1;
                        *n - 1
                    };
                    let Some(item) = items.get(i) else { break };
                    if tx.send((i, work(item))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        for (i, result) in rx {
            each(&items[i], result);
        }
    });
}

/// Fetches every subscribed feed and imports what is new.
pub fn fetch_all(store: &mut Store, options: &FetchOptions) -> Result<FetchReport> {
    let feeds = store.feeds()?;
    let http = Http::new(options);
    let mut report = FetchReport::default();
    let mut error = None;
    in_parallel(
        &feeds,
        options.threads,
        |feed| {
            http.get(
                &feed.url,
                feed.etag.as_deref(),
                feed.last_modified.as_deref(),
                options.max_feed_bytes,
            )
        },
        |feed, got| {
            if error.is_some() {
                return;
            }
            match import_fetched(store, feed, got) {
                Ok(result) => report.feeds.push(FeedReport {
                    feed: feed.clone(),
                    result,
                }),
                Err(e) => error = Some(e),
            }
        },
    );
    if let Some(e) = error {
        return Err(e);
    }
    if options.full {
        for feed in report.feeds.iter_mut() {
            if let Ok(result) = &mut feed.result {
                fetch_pages(store, &http, options, result)?;
            }
        }
    }
    Ok(report)
}

/// Imports one feed's response and records the fetch on the feed.
fn import_fetched(
    store: &mut Store,
    feed: &Feed,
    got: Result<Got, String>,
) -> Result<Result<FeedResult, String>> {
    let (state, result) = match got {
        Err(reason) => (FetchState::Failed(reason.clone()), Err(reason)),
        Ok(Got::NotModified) => (
            FetchState::NotModified,
            Ok(FeedResult {
                not_modified: true,
                ..FeedResult::default()
            }),
        ),
        Ok(Got::Body {
            bytes,
            etag,
            last_modified,
            ..
        }) => {
            let mut import = ImportReport {
                files: 1,
                ..ImportReport::default()
            };
            match ingest::import_feed(
                store,
                &feed.url,
                &bytes,
                &ImportOptions::default(),
                &mut import,
            )? {
                Ok(()) => (
                    FetchState::Fetched {
                        etag,
                        last_modified,
                        new_articles: import.imported,
                    },
                    Ok(FeedResult {
                        import,
                        ..FeedResult::default()
                    }),
                ),
                // A feed that cannot be read keeps its old validators, so
                // that the next fetch gets it whole again.
                Err(reason) => (FetchState::Failed(reason.clone()), Err(reason)),
            }
        }
    };
    store.record_fetch(feed.id, &state)?;
    Ok(result)
}

/// Fetches the page of each item a feed just added and puts the page's
/// article in place of the item's, keeping the item's address (so that
/// the next fetch knows the item) and filling what the page lacks from the
/// item.
fn fetch_pages(
    store: &mut Store,
    http: &Http,
    options: &FetchOptions,
    result: &mut FeedResult,
) -> Result<()> {
    let mut items = Vec::new();
    for &id in &result.import.imported_ids {
        if let Some(article) = store.article(id)?
            && let Some(url) = article.url.clone()
        {
            items.push((id, url, article));
        }
    }
    let mut error = None;
    in_parallel(
        &items,
        options.threads,
        |(_, url, _)| {
            http.get(url, None, None, options.max_page_bytes)
                .and_then(|got| match got {
                    Got::Body { bytes, charset, .. } => {
                        ingest::parse_page(&bytes, charset.as_deref())
                    }
                    Got::NotModified => Err("HTTP 304 to a plain request".into()),
                })
        },
        |(id, url, item), page| {
            if error.is_some() {
                return;
            }
            match page {
                Ok(mut page) => {
                    page.url = Some(url.clone());
                    page.published = page.published.or_else(|| {
                        item.published_at
                            .as_deref()
                            .and_then(ingest::parse_timestamp)
                    });
                    page.updated = page
                        .updated
                        .or_else(|| item.updated_at.as_deref().and_then(ingest::parse_timestamp));
                    page.author = page.author.or(item.author.clone());
                    page.outlet = page.outlet.or(item.outlet.clone());
                    match ingest::replace_article(store, *id, &page, url) {
                        Ok(()) => result.pages += 1,
                        // One page that breaks a constraint is that page's failure.
                        Err(Error::Sqlite(e)) if crate::broke_a_constraint(&e) => result
                            .page_failures
                            .push(format!("{url}: cannot store: {e}")),
                        Err(e) => error = Some(e),
                    }
                }
                Err(reason) => result.page_failures.push(format!("{url}: {reason}")),
            }
        },
    );
    match error {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// Subscribes to a feed, named by `name` or by the address's host.
pub fn subscribe(store: &mut Store, url: &str, name: Option<&str>) -> Result<Feed> {
    let url = url.trim();
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        return Err(Error::Invalid(format!(
            "{url:?} is not an http or https address"
        )));
    }
    let name = match name.map(str::trim).filter(|n| !n.is_empty()) {
        Some(name) => name.to_string(),
        None => crate::ingest::host_of(url)
            .ok_or_else(|| Error::Invalid(format!("{url:?} has no host")))?,
    };
    store.add_feed(url, &name)
}

/// The subscriptions as a table.
pub fn render_feeds(feeds: &[Feed]) -> String {
    if feeds.is_empty() {
        return "no feeds; add one with `chunav feeds add URL`\n".to_string();
    }
    let mut out = String::new();
    for f in feeds {
        let last = match (f.last_status.as_deref(), &f.fetched_at) {
            (Some("ok"), Some(at)) => format!("fetched {at}, {} new", f.new_articles),
            (Some("not-modified"), Some(at)) => format!("fetched {at}, not modified"),
            (Some(_), Some(at)) => format!(
                "failed {at}: {}",
                f.last_error.as_deref().unwrap_or("unknown error")
            ),
            _ => "never fetched".to_string(),
        };
        out.push_str(&format!(
            "{}  {}\n    {}\n",
            strip_controls(&f.name),
            strip_controls(&f.url),
            strip_controls(&last)
        ));
    }
    out
}

impl FetchReport {
    /// What each feed brought, then the totals.
    pub fn render(&self) -> String {
        if self.feeds.is_empty() {
            return "no feeds to fetch; add one with `chunav feeds add URL`\n".to_string();
        }
        let mut out = String::new();
        let (mut new, mut failed) = (0, 0);
        for f in &self.feeds {
            let name = strip_controls(&f.feed.name);
            match &f.result {
                Err(reason) => {
                    failed += 1;
                    out.push_str(&format!("{name}: failed: {}\n", strip_controls(reason)));
                }
                Ok(r) if r.not_modified => out.push_str(&format!("{name}: not modified\n")),
                Ok(r) => {
                    let i = &r.import;
                    new += i.imported;
                    out.push_str(&format!(
                        "{name}: {} new, {} duplicate, {} updated, {} failed",
                        i.imported,
                        i.duplicates,
                        i.updated,
                        i.failures.len()
                    ));
                    if r.pages > 0 || !r.page_failures.is_empty() {
                        out.push_str(&format!("; {} pages fetched", r.pages));
                    }
                    out.push('\n');
                    for failure in &i.failures {
                        out.push_str(&format!(
                            "  failed: {}\n",
                            strip_controls(&failure.to_string())
                        ));
                    }
                    for failure in &r.page_failures {
                        out.push_str(&format!(
                            "  page not fetched: {}\n",
                            strip_controls(failure)
                        ));
                    }
                }
            }
        }
        out.push_str(&format!(
            "{} feeds: {new} new articles, {failed} failed\n",
            self.feeds.len()
        ));
        out
    }
}
