//! News article pages saved from a browser or fetched over HTTP.
//!
//! Metadata comes from the page's JSON-LD (a schema.org `NewsArticle` or a
//! relative, alone, in an array or in an `@graph`), then OpenGraph and
//! `article:*` meta tags, then `<title>` and `<time>`. The body is
//! JSON-LD's `articleBody` when there is one, else the readable content
//! that dom_smoothie finds, with the furniture rules applied to each
//! paragraph.
//!
//! Hostile input is bounded before the parser sees it: the size, the
//! nesting depth and the number of elements each have a limit, and a page
//! over one is refused with a message saying which.

use dom_query::Document;
use dom_smoothie::{Config, Readability, ReadabilityError};
use encoding_rs::Encoding;
use serde_json::Value;

use super::page::{dateline, is_furniture};
use super::records::parse_timestamp;
use crate::model::NewArticle;
use crate::text;

/// The largest page read. News pages are a few hundred kilobytes.
pub const MAX_HTML_BYTES: usize = 8 * 1024 * 1024;
/// Deeper nesting than this is not an article page.
pub const MAX_DEPTH: usize = 1000;
/// More elements than this are not an article page either.
pub const MAX_ELEMENTS: usize = 200_000;

/// Readability scoring takes time in proportion to the elements times
/// their depth; a page over this product that has no JSON-LD body is
/// refused. Real article pages are well under it (8,000 elements nested
/// 40 deep make 320,000).
pub const READABILITY_BUDGET: usize = 1_000_000;

/// Less text than this found by readability scoring is not an article.
const MIN_READABLE_CHARS: usize = 60;

/// The schema.org types that describe an article.
const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "BlogPosting",
    "LiveBlogPosting",
    "Report",
];

/// Parses one saved page into an article, or says why it cannot.
pub fn parse(bytes: &[u8]) -> Result<NewArticle, String> {
    parse_with_charset(bytes, None)
}

/// Parses a page whose transport (an HTTP `Content-Type`) named a charset;
/// that charset comes before the page's own declaration, as in browsers.
pub fn parse_with_charset(bytes: &[u8], charset: Option<&str>) -> Result<NewArticle, String> {
    if bytes.len() > MAX_HTML_BYTES {
        return Err(format!(
            "page larger than {} MB: not one article",
            MAX_HTML_BYTES >> 20
        ));
    }
    let html = decode(bytes, charset)?;
    let (elements, depth) = check_shape(html.as_bytes())?;
    let doc = Document::from(html.as_str());

    let ld = json_ld(&doc);
    let meta = |key: &str| -> Option<String> {
        let sel = format!(r#"meta[property="{key}"], meta[name="{key}"]"#);
        doc.select(&sel)
            .iter()
            .filter_map(|m| m.attr("content"))
            .map(|c| text::clean(&c))
            .find(|c| !c.is_empty())
    };
    let ld_str = |key: &str| ld.as_ref().and_then(|o| string_of(o.get(key)?));

    let title = ld_str("headline")
        .or_else(|| ld_str("name"))
        .or_else(|| meta("og:title"))
        .or_else(|| meta("twitter:title"))
        .or_else(|| page_title(&doc));
    let standfirst = ld_str("description")
        .or_else(|| meta("og:description"))
        .or_else(|| meta("description"));
    let date = |ld_key: &str, meta_key: &str| {
        ld_str(ld_key)
            .and_then(|s| parse_timestamp(&s))
            .or_else(|| meta(meta_key).and_then(|s| parse_timestamp(&s)))
    };
    let published = date("datePublished", "article:published_time").or_else(|| {
        doc.select("time[datetime]")
            .iter()
            .filter_map(|t| t.attr("datetime"))
            .find_map(|s| parse_timestamp(&s))
    });
    let updated = date("dateModified", "article:modified_time");
    let author = ld
        .as_ref()
        .and_then(|o| names_of(o.get("author")?))
        .or_else(|| meta("author"))
        .or_else(|| meta("article:author").filter(|a| !is_url(a)));
    let url = doc
        .select(r#"link[rel="canonical"]"#)
        .attr("href")
        .map(|h| text::clean(&h))
        .filter(|u| is_url(u))
        .or_else(|| meta("og:url").filter(|u| is_url(u)))
        .or_else(|| ld_str("url").filter(|u| is_url(u)))
        .or_else(|| {
            let main = ld.as_ref()?.get("mainEntityOfPage")?;
            string_of(main)
                .or_else(|| string_of(main.get("@id")?))
                .filter(|u| is_url(u))
        });
    let outlet = ld
        .as_ref()
        .and_then(|o| names_of(o.get("publisher")?))
        .or_else(|| meta("og:site_name"))
        .or_else(|| url.as_deref().and_then(host));

    let body = match ld_str("articleBody") {
        Some(b) => paragraphs(&if b.contains('<') { html_to_text(&b) } else { b }),
        None if elements * depth > READABILITY_BUDGET => {
            return Err(format!(
                "too much markup to find the article in ({elements} elements nested up to {depth} deep) and no JSON-LD articleBody"
            ));
        }
        None => readable_body(doc, url.as_deref())?,
    };
    let Some(title) = title else {
        return Err("no title found (no JSON-LD headline, og:title or <title>)".into());
    };
    if body.is_empty() {
        return Err("no article text found".into());
    }
    let dateline = body.split("\n\n").next().and_then(dateline);
    Ok(NewArticle {
        url,
        outlet,
        title,
        standfirst,
        author,
        dateline,
        published,
        updated,
        body,
        ..NewArticle::default()
    })
}

/// The title from `<title>` without the site's name after it: the first
/// `<h1>` when `<title>` starts with it, else `<title>` cut at its last
/// ` | `, ` - ` or ` – `, else the `<h1>` alone.
fn page_title(doc: &Document) -> Option<String> {
    let title = text::clean(&doc.select("title").first().text());
    let h1 = text::clean(&doc.select("h1").first().text());
    if !h1.is_empty() && (title.is_empty() || title.starts_with(&h1)) {
        return Some(h1);
    }
    if title.is_empty() {
        return None;
    }
    let cut = [" | ", " - ", " – ", " — "]
        .iter()
        .filter_map(|sep| title.rfind(sep))
        .max()
        .map_or(title.as_str(), |at| &title[..at]);
    Some(cut.trim().to_string())
}

/// The page as text in the encoding it declares (a byte order mark, then
/// `<meta charset>` or `http-equiv`), UTF-8 when it declares none. A page
/// whose bytes do not fit its declaration is refused rather than stored
/// as mojibake.
pub fn decode(bytes: &[u8], transport: Option<&str>) -> Result<String, String> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return strict(encoding, &bytes[bom..], "its byte order mark");
    }
    let label = transport
        .map(|c| c.trim().trim_matches(['"', '\'']).to_ascii_lowercase())
        .filter(|c| !c.is_empty())
        .or_else(|| declared_charset(bytes));
    let Some(label) = label else {
        return match std::str::from_utf8(bytes) {
            Ok(s) => Ok(s.to_string()),
            Err(e) => Err(format!(
                "not UTF-8 (line {}) and no charset declared; add <meta charset> or save it as UTF-8",
                line_of(bytes, e.valid_up_to())
            )),
        };
    };
    let encoding = Encoding::for_label(label.as_bytes())
        .ok_or_else(|| format!("declares an unknown charset {label:?}"))?;
    // A page in UTF-8 labelled as a legacy single-byte encoding would decode
    // without error into nonsense: catch it by its multi-byte sequences.
    if encoding != encoding_rs::UTF_8
        && encoding.is_ascii_compatible()
        && !bytes.is_ascii()
        && std::str::from_utf8(bytes).is_ok()
    {
        return Err(format!(
            "declares charset {label:?} but its text is UTF-8; fix the declaration or save the page again"
        ));
    }
    strict(encoding, bytes, &format!("charset {label:?}"))
}

fn strict(encoding: &'static Encoding, bytes: &[u8], declared: &str) -> Result<String, String> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        let at = match std::str::from_utf8(bytes) {
            Err(e) if encoding == encoding_rs::UTF_8 => {
                format!(" (line {})", line_of(bytes, e.valid_up_to()))
            }
            _ => String::new(),
        };
        return Err(format!(
            "the text is not valid {} as {declared} says{at}",
            encoding.name()
        ));
    }
    Ok(text.into_owned())
}

fn line_of(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1
}

/// The charset a page declares in its first 4 kB, as browsers look for it.
fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let mut rest = head.as_str();
    while let Some(at) = rest.find("<meta") {
        rest = &rest[at + 5..];
        let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
        if let Some(c) = tag.find("charset=") {
            let value = tag[c + 8..]
                .trim_start_matches(['"', '\''])
                .split(['"', '\'', ';', ' ', '/', '>'])
                .next()
                .unwrap_or("")
                .trim();
            if !value.is_empty() {
                return Some(value.to_string());
            }
        }
    }
    None
}

/// Elements whose end tag may be left out; they do not nest in practice.
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot",
    "colgroup", "rt", "rp", "html", "head", "body",
];
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen",
];
/// Elements whose content is text up to their end tag.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "noscript"];

/// Counts elements and nesting depth with a quick scan of the tags, so
/// that a page built to exhaust the parser is refused before it is parsed.
/// Returns the elements and the greatest depth.
fn check_shape(html: &[u8]) -> Result<(usize, usize), String> {
    let lower = |b: &[u8]| b.to_ascii_lowercase();
    let (mut depth, mut deepest, mut elements, mut i) = (0usize, 0usize, 0usize, 0usize);
    while let Some(p) = html[i..].iter().position(|&b| b == b'<') {
        let at = i + p + 1;
        i = at;
        if html[at..].starts_with(b"!--") {
            i = find(html, at + 3, b"-->").map_or(html.len(), |e| e + 3);
            continue;
        }
        let closing = html.get(at) == Some(&b'/');
        let start = at + usize::from(closing);
        let len = html[start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if len == 0 {
            continue;
        }
        let name = lower(&html[start..start + len]);
        let name = std::str::from_utf8(&name).unwrap_or("");
        i = start + len;
        if closing {
            if !OPTIONAL_END.contains(&name) && !VOID.contains(&name) {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        elements += 1;
        if elements > MAX_ELEMENTS {
            return Err(format!(
                "more than {MAX_ELEMENTS} elements: not an article page"
            ));
        }
        if RAW_TEXT.contains(&name) {
            let end = format!("</{name}");
            i = find(html, i, end.as_bytes()).map_or(html.len(), |e| e);
            continue;
        }
        if OPTIONAL_END.contains(&name) || VOID.contains(&name) {
            continue;
        }
        depth += 1;
        deepest = deepest.max(depth);
        if depth > MAX_DEPTH {
            return Err(format!(
                "markup nested more than {MAX_DEPTH} levels deep: not an article page"
            ));
        }
    }
    Ok((elements, deepest))
}

/// Where `needle` (lower case) first stands in `hay` from `from` on, in
/// any case, without copying.
fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| from + p)
}

/// The first article object among the page's JSON-LD blocks. A block that
/// is not valid JSON is passed over.
fn json_ld(doc: &Document) -> Option<serde_json::Map<String, Value>> {
    doc.select(r#"script[type="application/ld+json"]"#)
        .iter()
        .filter_map(|s| serde_json::from_str::<Value>(s.text().trim()).ok())
        .find_map(|v| find_article(v, 0))
}

fn find_article(v: Value, depth: usize) -> Option<serde_json::Map<String, Value>> {
    if depth > 8 {
        return None;
    }
    match v {
        Value::Array(items) => items.into_iter().find_map(|i| find_article(i, depth + 1)),
        Value::Object(mut o) => {
            let is_article = match o.get("@type") {
                Some(Value::String(t)) => ARTICLE_TYPES.contains(&t.as_str()),
                Some(Value::Array(ts)) => ts
                    .iter()
                    .any(|t| t.as_str().is_some_and(|t| ARTICLE_TYPES.contains(&t))),
                _ => false,
            };
            if is_article {
                Some(o)
            } else {
                find_article(o.remove("@graph")?, depth + 1)
            }
        }
        _ => None,
    }
}

/// A JSON-LD value as clean text; entities in it are decoded.
fn string_of(v: &Value) -> Option<String> {
    let s = v.as_str()?;
    let s = if s.contains('&') {
        html_escape::decode_html_entities(s).into_owned()
    } else {
        s.to_string()
    };
    let s = text::clean(&s);
    (!s.is_empty()).then_some(s)
}

/// A person or organisation: a name, an object with a name, or a list.
fn names_of(v: &Value) -> Option<String> {
    let names: Vec<String> = match v {
        Value::Array(items) => items.iter().filter_map(names_of).collect(),
        Value::Object(o) => o.get("name").and_then(string_of).into_iter().collect(),
        other => string_of(other).into_iter().collect(),
    };
    (!names.is_empty()).then(|| names.join(", "))
}

fn is_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://")
}

pub(crate) fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#', ':']).next()?.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

/// The page's main text by readability scoring, paragraph by paragraph,
/// without furniture.
fn readable_body(doc: Document, url: Option<&str>) -> Result<String, String> {
    let config = Config {
        max_elements_to_parse: MAX_ELEMENTS,
        ..Config::default()
    };
    let mut readability =
        Readability::with_document(doc, url, Some(config)).map_err(|e| e.to_string())?;
    match readability.parse() {
        // A few words picked from a page of links are not an article.
        Ok(article) => Ok(paragraphs(&html_to_text(&article.content))).map(|body| {
            if body.chars().count() < MIN_READABLE_CHARS {
                String::new()
            } else {
                body
            }
        }),
        Err(ReadabilityError::GrabFailed) => Ok(String::new()),
        Err(e) => Err(format!("cannot find the article text: {e}")),
    }
}

/// Markup as plain text, with a blank line between blocks. Markup over the
/// shape limits (an `articleBody` or a feed item can carry any) would take
/// the parser quadratic time, so it only loses its tags: the text is kept,
/// the paragraph breaks are not.
pub fn html_to_text(html: &str) -> String {
    if check_shape(html.as_bytes()).is_err() {
        return without_tags(html);
    }
    Document::fragment(html).formatted_text().to_string()
}

/// The text between tags, each tag taken for a space, entities decoded.
fn without_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        out.push(' ');
        rest = rest[at..].find('>').map_or("", |end| &rest[at + end + 1..]);
    }
    out.push_str(rest);
    html_escape::decode_html_entities(&out).into_owned()
}

/// Text cleaned paragraph by paragraph, furniture left out, paragraphs
/// separated by one blank line.
pub(crate) fn paragraphs(s: &str) -> String {
    text::clean(s)
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty() && !is_furniture(l))
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charsets_declared_in_meta() {
        assert_eq!(
            declared_charset(br#"<head><meta charset="UTF-8"></head>"#).as_deref(),
            Some("utf-8")
        );
        assert_eq!(
            declared_charset(
                br#"<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">"#
            )
            .as_deref(),
            Some("windows-1252")
        );
        assert_eq!(declared_charset(b"<p>charset=x</p>"), None);
    }

    #[test]
    fn legacy_bytes_and_wrong_labels() {
        let latin = b"<meta charset=\"iso-8859-1\"><title>Caf\xe9</title>";
        assert!(decode(latin, None).unwrap().contains("Café"));
        let header_only = b"<title>Caf\xe9</title>";
        assert!(
            decode(header_only, Some("windows-1252"))
                .unwrap()
                .contains("Café")
        );
        let utf8_as_latin = "<meta charset=\"iso-8859-1\"><title>चुनाव</title>".as_bytes();
        assert!(
            decode(utf8_as_latin, None)
                .unwrap_err()
                .contains("is UTF-8")
        );
        let bad_utf8 = b"<meta charset=\"utf-8\">\n<p>\xff</p>";
        let err = decode(bad_utf8, None).unwrap_err();
        assert!(
            err.contains("not valid UTF-8") && err.contains("line 2"),
            "{err}"
        );
        assert!(
            decode(b"<p>\xff</p>", None)
                .unwrap_err()
                .contains("no charset")
        );
        assert!(
            decode(b"<meta charset=\"klingon\">", None)
                .unwrap_err()
                .contains("unknown charset")
        );
    }

    #[test]
    fn shape_limits() {
        assert_eq!(
            check_shape(b"<div><p>a<p>b<br><img></div><!-- <div><div> -->"),
            Ok((5, 1))
        );
        let deep = "<div>".repeat(MAX_DEPTH + 1);
        assert!(check_shape(deep.as_bytes()).unwrap_err().contains("nested"));
        let flat = "<p>x".repeat(MAX_ELEMENTS + 1);
        assert!(
            check_shape(flat.as_bytes())
                .unwrap_err()
                .contains("elements")
        );
        let script = format!("<SCRIPT>{}</Script>", "<div>".repeat(MAX_DEPTH + 5));
        assert!(check_shape(script.as_bytes()).is_ok());
        // Many raw-text elements cost one pass, not one per element.
        let scripts = "<script>x</script>".repeat(150_000);
        let started = std::time::Instant::now();
        assert!(check_shape(scripts.as_bytes()).is_ok());
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }

    #[test]
    fn markup_too_deep_to_parse_keeps_its_text() {
        let deep = format!(
            "{}गहरा &amp; पाठ{}",
            "<div>".repeat(MAX_DEPTH + 1),
            "</div>".repeat(MAX_DEPTH + 1)
        );
        assert_eq!(text::clean(&html_to_text(&deep)), "गहरा & पाठ");
        assert_eq!(html_to_text("<p>एक</p><p>दो</p>").trim(), "एक\n\nदो");
    }

    #[test]
    fn titles_without_the_site_name() {
        let t = |html: &str| page_title(&Document::from(html));
        assert_eq!(
            t("<title>मऊ में सभा | दर्पण</title><h1>मऊ में सभा</h1>").as_deref(),
            Some("मऊ में सभा")
        );
        assert_eq!(
            t("<title>BJP - SP clash in Mau | Darpan</title>").as_deref(),
            Some("BJP - SP clash in Mau")
        );
        assert_eq!(
            t("<h1>Only a heading</h1>").as_deref(),
            Some("Only a heading")
        );
        assert_eq!(t("<p>nothing</p>"), None);
    }

    #[test]
    fn json_ld_in_graph_and_arrays() {
        let v: Value = serde_json::from_str(
            r#"{"@graph":[{"@type":"WebSite"},[{"@type":["NewsArticle"],"headline":"h"}]]}"#,
        )
        .unwrap();
        assert_eq!(find_article(v, 0).unwrap()["headline"], "h");
        let a: Value = serde_json::json!({"author": [{"name": "A"}, "B"]});
        assert_eq!(names_of(&a["author"]).as_deref(), Some("A, B"));
    }
}
