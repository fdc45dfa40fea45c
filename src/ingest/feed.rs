//! RSS and Atom feeds: one article per item, with whatever text the feed
//! carries. HTML in titles, summaries and content becomes plain text.

use chrono::{DateTime, FixedOffset, Utc};
use feed_rs::model::{Entry, Text};

use super::html::html_to_text;
use crate::model::NewArticle;
use crate::query::ist;
use crate::text;

/// One item of a feed: its article, or why it cannot be one.
pub type Item = Result<NewArticle, String>;

/// Parses a feed. Items repeated inside the feed (the same link or guid)
/// are given once.
pub fn parse(bytes: &[u8]) -> Result<Vec<Item>, String> {
    let feed = feed_rs::parser::parse(bytes)
        .map_err(|e| format!("not a readable RSS or Atom feed: {e}"))?;
    let outlet = feed
        .title
        .as_ref()
        .map(plain)
        .filter(|t| !t.is_empty())
        .or_else(|| feed.links.first().and_then(|l| super::html::host(&l.href)));
    let mut seen = std::collections::HashSet::new();
    let mut items = Vec::new();
    for (n, entry) in feed.entries.into_iter().enumerate() {
        let key = link_of(&entry).unwrap_or_else(|| entry.id.clone());
        if !seen.insert(key) {
            continue;
        }
        items.push(
            article_of(entry, outlet.clone()).map_err(|reason| format!("item {}: {reason}", n + 1)),
        );
    }
    Ok(items)
}

/// The address of an item's page: its alternate link, or a guid that is
/// an address.
fn link_of(entry: &Entry) -> Option<String> {
    entry
        .links
        .iter()
        .filter(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .map(|l| text::clean(&l.href))
        .chain(std::iter::once(text::clean(&entry.id)))
        .find(|u| u.starts_with("http://") || u.starts_with("https://"))
}

fn article_of(entry: Entry, outlet: Option<String>) -> Result<NewArticle, String> {
    let title = entry
        .title
        .as_ref()
        .map(plain)
        .filter(|t| !t.is_empty())
        .ok_or("no title")?;
    let content = entry
        .content
        .as_ref()
        .and_then(|c| c.body.as_deref())
        .map(html_text)
        .filter(|t| !t.is_empty());
    let summary = entry.summary.as_ref().map(plain).filter(|t| !t.is_empty());
    // With both, the summary is the standfirst and the content the body.
    let (standfirst, body) = match (summary, content) {
        (Some(s), Some(c)) if s != c => (Some(s), c),
        (s, c) => (None, c.or(s).unwrap_or_default()),
    };
    let author: Vec<String> = entry
        .authors
        .iter()
        .filter_map(|p| p.name.as_deref().map(text::clean))
        .filter(|n| !n.is_empty())
        .collect();
    let url = link_of(&entry);
    Ok(NewArticle {
        external_id: Some(text::clean(&entry.id))
            .filter(|id| !id.is_empty() && Some(id) != url.as_ref()),
        url,
        outlet,
        title,
        standfirst,
        author: (!author.is_empty()).then(|| author.join(", ")),
        published: entry.published.map(in_ist),
        updated: entry
            .updated
            .filter(|u| Some(*u) != entry.published)
            .map(in_ist),
        dateline: body.split("\n\n").next().and_then(super::page::dateline),
        body,
        ..NewArticle::default()
    })
}

fn in_ist(t: DateTime<Utc>) -> DateTime<FixedOffset> {
    t.with_timezone(&ist())
}

/// A feed text construct as clean plain text.
fn plain(t: &Text) -> String {
    if t.content_type.essence().to_string().contains("html") || t.content.contains('<') {
        html_text(&t.content)
    } else {
        text::clean(&t.content)
    }
}

/// Markup (or escaped markup) as paragraphs of clean text.
fn html_text(s: &str) -> String {
    super::html::paragraphs(&html_to_text(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_items_with_html_and_repeats() {
        let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>खबरें</title>
            <item><title>पहली &amp; खबर</title><link>https://k.example/1</link>
              <description>&lt;p&gt;मऊ। पहला पैरा।&lt;/p&gt;&lt;p&gt;दूसरा पैरा।&lt;/p&gt;</description>
              <pubDate>Mon, 11 Jan 2021 09:37:00 GMT</pubDate></item>
            <item><title>पहली खबर फिर</title><link>https://k.example/1</link></item>
            <item><description>शीर्षक नहीं</description></item>
            </channel></rss>"#;
        let items = parse(rss.as_bytes()).unwrap();
        assert_eq!(items.len(), 2);
        let a = items[0].as_ref().unwrap();
        assert_eq!(a.title, "पहली & खबर");
        assert_eq!(a.body, "मऊ। पहला पैरा।\n\nदूसरा पैरा।");
        assert_eq!(a.outlet.as_deref(), Some("खबरें"));
        assert_eq!(
            a.published.unwrap().to_rfc3339(),
            "2021-01-11T15:07:00+05:30"
        );
        assert_eq!(items[1].as_ref().unwrap_err(), "item 3: no title");
        assert!(parse(b"<html><body>no feed</body></html>").is_err());
    }
}
