//! Articles as records with named fields: JSON Lines and CSV.
//!
//! Field names: `id`, `title`, `url`, `outlet`, `published`, `updated`,
//! `author`, `editor`, `language`, `standfirst`, `dateline` and `body`
//! (`text` is read as `body`). Unknown fields are ignored.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};

use crate::model::NewArticle;
use crate::query::ist;
use crate::text;

/// Builds an article from a record's fields. `get` returns a field's text,
/// `None` when absent or empty.
pub fn article_from_fields(get: impl Fn(&str) -> Option<String>) -> Result<NewArticle, String> {
    let clean = |name: &str| get(name).map(|v| text::clean(&v)).filter(|v| !v.is_empty());
    let title = clean("title").or_else(|| clean("headline"));
    let body = clean("body").or_else(|| clean("text"));
    let title = match (title, &body) {
        (Some(t), _) => t,
        (None, None) => return Err("record has neither a title nor a body".into()),
        (None, Some(_)) => return Err("record has no title".into()),
    };
    let date = |name: &str| -> Result<Option<DateTime<FixedOffset>>, String> {
        clean(name)
            .map(|v| parse_timestamp(&v).ok_or_else(|| format!("{name}: cannot read date {v:?}")))
            .transpose()
    };
    let language = clean("language")
        .map(|l| l.parse().map_err(|e: String| format!("language: {e}")))
        .transpose()?;
    Ok(NewArticle {
        external_id: clean("id"),
        // Only a real address identifies an article ("None", "n/a" do not).
        url: clean("url").filter(|u| u.starts_with("http://") || u.starts_with("https://")),
        outlet: clean("outlet"),
        title,
        standfirst: clean("standfirst"),
        author: clean("author"),
        editor: clean("editor"),
        dateline: clean("dateline"),
        published: date("published")?,
        updated: date("updated")?,
        language,
        body: body.unwrap_or_default(),
    })
}

/// A timestamp in any of the forms exports commonly use. Without a zone,
/// the time is taken as IST; a bare date is midnight IST.
pub fn parse_timestamp(s: &str) -> Option<DateTime<FixedOffset>> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t);
    }
    if let Ok(t) = DateTime::parse_from_rfc2822(s) {
        return Some(t);
    }
    for format in [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, format) {
            return ist().from_local_datetime(&t).single();
        }
    }
    let day = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?;
    ist()
        .from_local_datetime(&day.and_hms_opt(0, 0, 0)?)
        .single()
}

/// One JSON Lines line: an object with the fields above.
pub fn from_json_line(line: &str) -> Result<NewArticle, String> {
    let value: serde_json::Value =
        serde_json::from_str(line).map_err(|e| format!("invalid JSON: {e}"))?;
    let object = value
        .as_object()
        .ok_or("expected a JSON object with article fields")?;
    article_from_fields(|name| match object.get(name)? {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_in_common_forms() {
        let iso = |s: &str| parse_timestamp(s).map(|t| t.to_rfc3339());
        assert_eq!(
            iso("2021-01-11T15:07:00+05:30").unwrap(),
            "2021-01-11T15:07:00+05:30"
        );
        assert_eq!(
            iso("2021-01-11T09:37:00Z").unwrap(),
            "2021-01-11T09:37:00+00:00"
        );
        assert_eq!(
            iso("2021-01-11 15:07").unwrap(),
            "2021-01-11T15:07:00+05:30"
        );
        assert_eq!(iso("2021-01-11").unwrap(), "2021-01-11T00:00:00+05:30");
        assert_eq!(
            iso("Mon, 11 Jan 2021 15:07:00 +0530").unwrap(),
            "2021-01-11T15:07:00+05:30"
        );
        assert_eq!(iso("2021-02-31"), None);
        assert_eq!(iso("yesterday"), None);
    }

    #[test]
    fn json_records_need_a_title() {
        let a = from_json_line(r#"{"title":"शीर्षक","text":"पाठ","url":"None","id":7}"#).unwrap();
        assert_eq!(a.body, "पाठ");
        assert_eq!(a.url, None);
        assert_eq!(a.external_id.as_deref(), Some("7"));
        assert!(
            from_json_line(r#"{"url":"https://x.example/a"}"#)
                .unwrap_err()
                .contains("neither")
        );
        assert!(
            from_json_line(r#"{"body":"x"}"#)
                .unwrap_err()
                .contains("no title")
        );
        assert!(from_json_line("[1,2]").unwrap_err().contains("object"));
        assert!(
            from_json_line("{oops")
                .unwrap_err()
                .contains("invalid JSON")
        );
        assert!(
            from_json_line(r#"{"title":"t","language":"xx"}"#)
                .unwrap_err()
                .contains("language")
        );
    }
}
