//! Words and sentences with their byte spans in the original text, and the
//! folded form of each word that every matcher works on.

use std::ops::Range;

use crate::text::fold;

/// One word: a run of letters, combining marks and digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte span in the original text.
    pub span: Range<usize>,
    /// The search key of the word (text::fold).
    pub folded: String,
}

/// A sentence: its byte span in the original text and its tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub span: Range<usize>,
    pub tokens: Vec<Token>,
}

pub fn is_word_char(c: char) -> bool {
    match c {
        // The common cases first: the Unicode tables are slow to consult.
        _ if c.is_ascii() => c.is_ascii_alphanumeric(),
        // In the Devanagari block only the dandas and the abbreviation sign
        // are not letters, digits or marks.
        '\u{0900}'..='\u{097F}' => !matches!(c, '\u{0964}' | '\u{0965}' | '\u{0970}'),
        _ => c.is_alphanumeric() || is_mark(c),
    }
}

/// Devanagari combining marks, nukta, virama and the joiners belong inside
/// a word (a tokenizer that splits at them cuts words at every vowel sign).
fn is_mark(c: char) -> bool {
    matches!(c,
        '\u{0900}'..='\u{0903}' | '\u{093A}'..='\u{094F}' | '\u{0951}'..='\u{0957}'
        | '\u{0962}'..='\u{0963}' | '\u{200C}' | '\u{200D}')
}

/// The words of `text`, in order.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                tokens.push(token(text, s..i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        tokens.push(token(text, s..text.len()));
    }
    tokens
}

fn token(text: &str, span: Range<usize>) -> Token {
    Token {
        folded: fold(&text[span.clone()]),
        span,
    }
}

/// The longest sentence read whole, in bytes: some 100 words of Hindi,
/// more than news sentences run to.
pub const MAX_SENTENCE_BYTES: usize = 2000;

/// Splits `text` into sentences at the danda, full stops, question and
/// exclamation marks and line breaks. An English full stop ends a sentence
/// only before white space and not after a one-letter initial or a common
/// title or month (Mr., Dr., Jan.). Past `MAX_SENTENCE_BYTES` a sentence
/// ends at the next character that is not part of a word.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (n, &(i, c)) in chars.iter().enumerate() {
        let end_here = match c {
            '।' | '॥' | '?' | '!' | '\n' => true,
            '.' => {
                let next_is_space = chars.get(n + 1).is_none_or(|&(_, d)| d.is_whitespace());
                next_is_space && !after_abbreviation(&text[start..i])
            }
            // Text without sentence ends (a list, a table, garbage) is cut
            // between words: finding events costs more than linear time
            // in a sentence's length.
            _ => i - start >= MAX_SENTENCE_BYTES && !is_word_char(c),
        };
        if end_here {
            push_sentence(text, start..i + c.len_utf8(), &mut out);
            start = i + c.len_utf8();
        }
    }
    push_sentence(text, start..text.len(), &mut out);
    out
}

fn after_abbreviation(before: &str) -> bool {
    let last = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let single_initial = last.chars().count() == 1 && last.chars().all(|c| c.is_uppercase());
    // "ए.के. शर्मा", "डॉ. ममता", "एस. पी. सिंह": Hindi initials and titles.
    let chained = before[..before.len() - last.len()].ends_with('.');
    let hindi_initial = !last.is_ascii()
        && (chained && last.chars().count() <= 3 || HINDI_INITIALS.contains(&last));
    single_initial
        || hindi_initial
        || matches!(
            last,
            "Mr" | "Mrs"
                | "Ms"
                | "Dr"
                | "St"
                | "Shri"
                | "Smt"
                | "No"
                | "Jr"
                | "vs"
                | "Jan"
                | "Feb"
                | "Mar"
                | "Apr"
                | "Jun"
                | "Jul"
                | "Aug"
                | "Sep"
                | "Sept"
                | "Oct"
                | "Nov"
                | "Dec"
        )
}

/// Letters spelt out as initials in Hindi, and titles written with a full
/// stop; none is a word that ends a sentence.
const HINDI_INITIALS: &[&str] = &[
    "डॉ",
    "डा",
    "प्रो",
    "श्री",
    "स्व",
    "बी",
    "सी",
    "डी",
    "ई",
    "एफ",
    "जी",
    "एच",
    "आई",
    "जे",
    "एल",
    "एम",
    "एन",
    "ओ",
    "पी",
    "क्यू",
    "आर",
    "एस",
    "टी",
    "यू",
    "वी",
    "डब्ल्यू",
    "वाई",
    "जेड",
];

fn push_sentence(text: &str, span: Range<usize>, out: &mut Vec<Sentence>) {
    let raw = &text[span.clone()];
    let lead = raw.len() - raw.trim_start().len();
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return;
    }
    let span = span.start + lead..span.start + lead + trimmed.len();
    let tokens = tokenize(&text[span.clone()])
        .into_iter()
        .map(|t| Token {
            span: t.span.start + span.start..t.span.end + span.start,
            folded: t.folded,
        })
        .collect();
    out.push(Sentence { span, tokens });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hindi_words_stay_whole_and_hyphens_split() {
        let text = "गोरखपुर-बस्ती मंडल में चुनाव।";
        let words: Vec<&str> = tokenize(text)
            .iter()
            .map(|t| &text[t.span.clone()])
            .collect();
        assert_eq!(words, ["गोरखपुर", "बस्ती", "मंडल", "में", "चुनाव"]);
        assert_eq!(tokenize("आज़मगढ़")[0].folded, "आजमगढ");
    }

    /// The sentences of `text`, as written.
    fn split(text: &str) -> Vec<&str> {
        sentences(text)
            .iter()
            .map(|s| &text[s.span.clone()])
            .collect()
    }

    #[test]
    fn sentences_split_at_danda_and_full_stop() {
        let text = "पहला वाक्य। दूसरा वाक्य\nThird one. Mr. Owaisi came on Jan. 12? Yes!";
        assert_eq!(
            split(text),
            [
                "पहला वाक्य।",
                "दूसरा वाक्य",
                "Third one.",
                "Mr. Owaisi came on Jan. 12?",
                "Yes!"
            ]
        );
    }

    #[test]
    fn hindi_initials_and_titles_do_not_end_a_sentence() {
        let text = "मंत्री ए.के. शर्मा पहुंचे. डॉ. ममता पांडे ने एस. पी. सिंह से कहा. बात यही है. अगला वाक्य।";
        assert_eq!(
            split(text),
            [
                "मंत्री ए.के. शर्मा पहुंचे.",
                "डॉ. ममता पांडे ने एस. पी. सिंह से कहा.",
                "बात यही है.",
                "अगला वाक्य।"
            ]
        );
    }

    #[test]
    fn the_quick_word_test_agrees_with_the_unicode_tables() {
        for c in ('\u{0}'..='\u{7F}').chain('\u{0900}'..='\u{097F}') {
            assert_eq!(
                is_word_char(c),
                c.is_alphanumeric() || is_mark(c),
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn token_spans_point_into_the_original() {
        let text = "  क। Owaisi's visit";
        for s in sentences(text) {
            for t in &s.tokens {
                assert_eq!(fold(&text[t.span.clone()]), t.folded);
            }
        }
    }
}
