//! The whole extraction on arbitrary text: the first line is the title,
//! the rest the body, published on a fixed day.
#![no_main]

use chrono::NaiveDate;
use chunav::extract::{ArticleText, Extractor};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (title, body) = text.split_once('\n').unwrap_or((text, ""));
    let article = ArticleText {
        title,
        standfirst: None,
        dateline: body.split("\n\n").next(),
        body,
        published: NaiveDate::from_ymd_opt(2021, 1, 11),
    };
    let extraction = Extractor::embedded().extract(&article);
    for m in &extraction.mentions {
        assert!(m.span.start <= m.span.end);
    }
});
