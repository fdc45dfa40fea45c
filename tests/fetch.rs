//! Feed subscriptions and fetching, against an HTTP server on 127.0.0.1
//! inside this test process that serves feeds and pages we wrote: slow,
//! failing then recovering, conditional, redirecting, oversized, malformed
//! and missing responses. No test touches any other address.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chunav::fetch::{self, FetchOptions, USER_AGENT};
use chunav::query::Page;
use chunav::store::Store;

mod common;

/// A request as the server saw it.
#[derive(Debug, Clone)]
struct Seen {
    path: String,
    headers: HashMap<String, String>,
}

struct Server {
    base: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        let feed_base = base.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let (log, base) = (log.clone(), feed_base.clone());
                std::thread::spawn(move || serve(stream, &log, &base));
            }
        });
        Server { base, seen }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn hits(&self, path: &str) -> Vec<Seen> {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .filter(|s| s.path == path)
            .cloned()
            .collect()
    }
}

fn fixture(rel: &str) -> Vec<u8> {
    std::fs::read(common::fixture(rel)).unwrap()
}

/// A feed whose items link to pages on this server.
fn linked_feed(base: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>स्थानीय खबरें</title><link>{base}/</link>
<item><title>गोरखपुर में सपा की साइकिल यात्रा शुरू</title><link>{base}/news/yatra.html</link>
<description>छोटा सार: यात्रा शुरू हुई।</description>
<pubDate>Wed, 03 Feb 2021 09:15:00 +0530</pubDate></item>
<item><title>Congress plans padyatra in Varanasi</title><link>{base}/news/latin.html</link>
<description>A padyatra from the ghats.</description></item>
<item><title>पन्ना नहीं मिला</title><link>{base}/news/missing.html</link>
<description>इस खबर का पन्ना सर्वर पर नहीं है।</description></item>
</channel></rss>"#
    )
}

fn serve(mut stream: TcpStream, log: &Mutex<Vec<Seen>>, base: &str) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut headers = HashMap::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.insert(k.trim().to_lowercase(), v.trim().to_string());
        }
    }
    let seen_before = {
        let mut log = log.lock().unwrap();
        let n = log.iter().filter(|s| s.path == path).count();
        log.push(Seen {
            path: path.clone(),
            headers: headers.clone(),
        });
        n
    };
    let rss = fixture("feeds/hindi_rss.xml");
    let (status, extra, body): (&str, Vec<(&str, String)>, Vec<u8>) = match path.as_str() {
        "/feed.xml" => {
            if headers.get("if-none-match").map(String::as_str) == Some("\"v1\"") {
                ("304 Not Modified", vec![], vec![])
            } else {
                (
                    "200 OK",
                    vec![
                        ("ETag", "\"v1\"".into()),
                        ("Last-Modified", "Wed, 03 Feb 2021 10:00:00 GMT".into()),
                    ],
                    rss,
                )
            }
        }
        "/flaky.xml" if seen_before == 0 => ("500 Internal Server Error", vec![], b"oops".to_vec()),
        "/flaky.xml" => ("200 OK", vec![], fixture("feeds/english_atom.xml")),
        "/slow.xml" => {
            std::thread::sleep(Duration::from_millis(700));
            ("200 OK", vec![], rss)
        }
        "/moved.xml" => (
            "301 Moved Permanently",
            vec![("Location", "/feed.xml".into())],
            vec![],
        ),
        "/big.xml" => ("200 OK", vec![], vec![b' '; 300_000]),
        "/bad.xml" => ("200 OK", vec![], b"<html><body>not a feed".to_vec()),
        "/linked.xml" => ("200 OK", vec![], linked_feed(base).into_bytes()),
        "/news/yatra.html" => ("200 OK", vec![], fixture("html/hindi_no_json_ld.html")),
        // windows-1252 named only by the Content-Type header.
        "/news/latin.html" => {
            let mut bytes = fixture("html/english_windows_1252.html");
            let label: &[u8] = b"; charset=windows-1252";
            let at = bytes.windows(label.len()).position(|w| w == label).unwrap();
            bytes.drain(at..at + label.len());
            (
                "200 OK",
                vec![("Content-Type", "text/html; charset=windows-1252".into())],
                bytes,
            )
        }
        _ => ("404 Not Found", vec![], b"no such page".to_vec()),
    };
    let mut head = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (k, v) in extra {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

/// Short limits, so that the slow and big responses fail quickly.
fn options() -> FetchOptions {
    FetchOptions {
        threads: 4,
        connect_timeout: Duration::from_millis(500),
        read_timeout: Duration::from_millis(200),
        retries: 1,
        backoff: Duration::from_millis(20),
        max_feed_bytes: 100_000,
        max_page_bytes: 1_000_000,
        full: false,
        env_proxy: false,
    }
}

fn subscribe(store: &mut Store, server: &Server, paths: &[&str]) {
    for path in paths {
        let name = path.trim_start_matches('/').trim_end_matches(".xml");
        fetch::subscribe(store, &server.url(path), Some(name)).unwrap();
    }
}

#[test]
fn every_feed_is_fetched_and_failures_do_not_stop_the_others() {
    let server = Server::start();
    let mut store = Store::open_in_memory().unwrap();
    subscribe(
        &mut store,
        &server,
        &[
            "/feed.xml",
            "/flaky.xml",
            "/slow.xml",
            "/moved.xml",
            "/big.xml",
            "/bad.xml",
            "/gone.xml",
        ],
    );
    let report = fetch::fetch_all(&mut store, &options()).unwrap();
    assert!(report.any_failed());
    let result = |name: &str| {
        report
            .feeds
            .iter()
            .find(|f| f.feed.name == name)
            .unwrap()
            .result
            .clone()
    };
    let feed = result("feed").unwrap();
    let moved = result("moved").unwrap();
    // The redirect leads to the same items: together they add them once.
    assert_eq!(feed.import.imported + moved.import.imported, 2);
    assert_eq!(feed.import.duplicates + moved.import.duplicates, 2);
    // 500 then 200: retried once, and the Atom items landed.
    assert_eq!(result("flaky").unwrap().import.imported, 2);
    assert_eq!(server.hits("/flaky.xml").len(), 2);
    let slow = result("slow").unwrap_err();
    assert!(
        slow.contains("timed out") && slow.contains("2 attempts"),
        "{slow}"
    );
    let big = result("big").unwrap_err();
    assert!(big.contains("larger than 100000 bytes"), "{big}");
    let bad = result("bad").unwrap_err();
    assert!(bad.contains("not a readable RSS or Atom feed"), "{bad}");
    // A 404 is not retried.
    assert_eq!(result("gone").unwrap_err(), "HTTP 404 Not Found");
    assert_eq!(server.hits("/gone.xml").len(), 1);
    assert_eq!(store.article_count().unwrap(), 4);

    let text = report.render();
    assert!(text.contains("gone: failed: HTTP 404 Not Found"), "{text}");
    assert!(text.contains("7 feeds: 4 new articles, 4 failed"), "{text}");
    for hit in server.seen.lock().unwrap().iter() {
        assert_eq!(hit.headers["user-agent"], USER_AGENT);
    }
    let listed = fetch::render_feeds(&store.feeds().unwrap());
    assert!(listed.contains("failed"), "{listed}");
}

#[test]
fn conditional_requests_use_the_stored_validators() {
    let server = Server::start();
    let mut store = Store::open_in_memory().unwrap();
    subscribe(&mut store, &server, &["/feed.xml"]);
    let first = fetch::fetch_all(&mut store, &options()).unwrap();
    assert_eq!(first.feeds[0].result.as_ref().unwrap().import.imported, 2);
    let feed = &store.feeds().unwrap()[0];
    assert_eq!(feed.etag.as_deref(), Some("\"v1\""));
    assert_eq!(feed.new_articles, 2);

    let second = fetch::fetch_all(&mut store, &options()).unwrap();
    assert!(second.feeds[0].result.as_ref().unwrap().not_modified);
    assert!(!second.any_failed());
    let hits = server.hits("/feed.xml");
    assert_eq!(hits[1].headers["if-none-match"], "\"v1\"");
    assert_eq!(
        hits[1].headers["if-modified-since"],
        "Wed, 03 Feb 2021 10:00:00 GMT"
    );
    assert_eq!(
        store.feeds().unwrap()[0].last_status.as_deref(),
        Some("not-modified")
    );
}

#[test]
fn full_fetch_imports_each_new_items_page() {
    let server = Server::start();
    let mut store = Store::open_in_memory().unwrap();
    subscribe(&mut store, &server, &["/linked.xml"]);
    let report = fetch::fetch_all(
        &mut store,
        &FetchOptions {
            full: true,
            ..options()
        },
    )
    .unwrap();
    let result = report.feeds[0].result.as_ref().unwrap();
    assert_eq!((result.import.imported, result.pages), (3, 2));
    assert_eq!(result.page_failures.len(), 1);
    assert!(result.page_failures[0].contains("missing.html: HTTP 404"));

    let rows = store
        .articles(&Default::default(), &Page::default())
        .unwrap();
    let yatra = rows.iter().find(|r| r.title.contains("यात्रा")).unwrap();
    let article = store.article(yatra.id).unwrap().unwrap();
    assert!(
        article.body.contains("23 फरवरी को कैंपियरगंज"),
        "{}",
        article.body
    );
    assert_eq!(
        article.url.as_deref(),
        Some(server.url("/news/yatra.html").as_str())
    );
    assert_eq!(article.author.as_deref(), Some("संजय मौर्य"));
    assert_eq!(article.dateline_place.as_deref(), Some("Gorakhpur"));

    let latin = rows
        .iter()
        .find(|r| r.title.starts_with("Congress"))
        .unwrap();
    let latin = store.article(latin.id).unwrap().unwrap();
    assert!(
        latin.body.contains("The Congress\u{2019}s district unit"),
        "{}",
        latin.body
    );

    // The next fetch knows every item.
    let again = fetch::fetch_all(&mut store, &options()).unwrap();
    let again = again.feeds[0].result.as_ref().unwrap();
    assert_eq!((again.import.imported, again.import.duplicates), (0, 3));
    assert_eq!(store.article_count().unwrap(), 3);
}

#[test]
fn subscriptions_are_checked() {
    let mut store = Store::open_in_memory().unwrap();
    let feed = fetch::subscribe(&mut store, "https://www.darpan.example/rss", None).unwrap();
    assert_eq!(feed.name, "darpan.example");
    let again = fetch::subscribe(&mut store, "https://www.darpan.example/rss", Some("x"));
    assert!(
        again
            .unwrap_err()
            .to_string()
            .contains("already subscribed")
    );
    let not_http = fetch::subscribe(&mut store, "ftp://x.example/feed", None);
    assert!(not_http.unwrap_err().to_string().contains("not an http"));
    assert!(store.remove_feed("darpan.example").unwrap().is_some());
    assert!(store.feeds().unwrap().is_empty());
}

fn chunav(db: &Path, args: &[&str]) -> std::process::Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_chunav"));
    cmd.arg("--db").arg(db).args(args).env_remove("CHUNAV_DB");
    for var in [
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
    ] {
        cmd.env_remove(var);
    }
    cmd.output().unwrap()
}

#[test]
fn command_line_feeds_and_fetch() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    let add = chunav(
        &db,
        &["feeds", "add", &server.url("/feed.xml"), "--name", "darpan"],
    );
    assert!(
        add.status.success(),
        "{}",
        String::from_utf8_lossy(&add.stderr)
    );
    let gone = chunav(&db, &["feeds", "add", &server.url("/gone.xml")]);
    assert!(String::from_utf8_lossy(&gone.stdout).contains("subscribed to 127.0.0.1"));

    let fetched = chunav(&db, &["fetch"]);
    assert_eq!(fetched.status.code(), Some(1));
    let out = String::from_utf8_lossy(&fetched.stdout);
    assert!(out.contains("darpan: 2 new, 0 duplicate"), "{out}");
    assert!(
        out.contains("127.0.0.1: failed: HTTP 404 Not Found"),
        "{out}"
    );

    let list = chunav(&db, &["feeds", "list"]);
    let list = String::from_utf8_lossy(&list.stdout);
    assert!(list.contains("darpan") && list.contains("2 new"), "{list}");
    let removed = chunav(&db, &["feeds", "remove", "127.0.0.1"]);
    assert!(removed.status.success());
    let fetched = chunav(&db, &["fetch"]);
    assert_eq!(fetched.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&fetched.stdout).contains("darpan: not modified"));
    let missing = chunav(&db, &["feeds", "remove", "nothing"]);
    assert!(!missing.status.success());
}
