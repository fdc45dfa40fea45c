//! Text handling shared by every module: Unicode normalisation, the search
//! key that folds Hindi spelling variants, removal of terminal control
//! sequences, and script detection.

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::model::Language;

mod romanise;

pub use romanise::romanise;

/// Canonical composition: every string is stored and compared in NFC.
pub fn nfc(s: &str) -> String {
    use unicode_normalization::{IsNormalized, is_nfc_quick};
    // Most words are in NFC already, which a test of their characters'
    // ranges tells without composing them again. White space is a starter
    // that nothing composes with, so each word composes alone.
    let mut out = String::with_capacity(s.len());
    for word in s.split_inclusive(char::is_whitespace) {
        if word.chars().all(stays_in_nfc) || is_nfc_quick(word.chars()) == IsNormalized::Yes {
            out.push_str(word);
        } else {
            out.extend(word.nfc());
        }
    }
    out
}

/// A character NFC leaves as it is wherever it stands: ASCII, and
/// Devanagari but for the nukta (which composes with some letters and
/// moves before a virama), the letters with a nukta that NFC decomposes
/// (U+0958-095F), and the stress marks, which reorder.
fn stays_in_nfc(c: char) -> bool {
    c.is_ascii()
        || (('\u{0900}'..='\u{097F}').contains(&c)
            && c != NUKTA
            && !('\u{0951}'..='\u{0954}').contains(&c)
            && !('\u{0958}'..='\u{095F}').contains(&c))
}

const NUKTA: char = '\u{093C}';
const VIRAMA: char = '\u{094D}';
const ANUSVARA: char = '\u{0902}';
const CHANDRABINDU: char = '\u{0901}';
const ZWNJ: char = '\u{200C}';
const ZWJ: char = '\u{200D}';

/// The version of `fold`'s output, and of [`search_text`]'s. Stores record
/// the version their search keys were made with and make them again on open
/// when it differs, so raise it with any change to what either returns.
pub const FOLD_VERSION: u32 = 1;

/// The search key: one spelling for the many ways Hindi news writes a word.
///
/// Folds, in order: canonical decomposition (so a precomposed nukta letter
/// loses its nukta like a decomposed one), ZWJ/ZWNJ, nukta, chandrabindu to
/// anusvara, a class nasal with virama before a consonant of its class to
/// anusvara (सम्बन्ध = संबंध), Devanagari digits to ASCII and Latin case.
/// The result is recomposed to NFC. Used both when indexing and when querying,
/// so the two always agree.
pub fn fold(s: &str) -> String {
    // Each word folds alone: white space is a starter that nothing composes
    // with and no fold reaches across, so a whole article folds word by
    // word, in one pass. Most words need nothing but lower case (`is_plain`)
    // and are copied straight into the result.
    let mut out = String::with_capacity(s.len());
    let (mut word_start, mut plain, mut prev) = (0, true, ' ');
    for (i, c) in s.char_indices() {
        plain = plain && is_plain(prev, c);
        prev = c;
        if c.is_whitespace() {
            let end = i + c.len_utf8();
            push_folded_word(&mut out, &s[word_start..end], plain);
            (word_start, plain) = (end, true);
        }
    }
    push_folded_word(&mut out, &s[word_start..], plain);
    out
}

/// Appends `word` folded: lower-cased as it is when `plain`, else the long
/// way.
fn push_folded_word(out: &mut String, word: &str, plain: bool) {
    if plain {
        let start = out.len();
        out.push_str(word);
        out[start..].make_ascii_lowercase();
    } else {
        out.push_str(&fold_full(word));
    }
}

/// `fold` the long way, for any text.
fn fold_full(s: &str) -> String {
    let decomposed: Vec<char> = s
        .nfd()
        .filter(|&c| c != NUKTA && c != ZWJ && c != ZWNJ)
        .collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < decomposed.len() {
        let c = decomposed[i];
        match c {
            CHANDRABINDU => out.push(ANUSVARA),
            '०'..='९' => out.push(char::from(b'0' + (c as u32 - '०' as u32) as u8)),
            _ if is_class_nasal_before_its_class(&decomposed, i) => {
                out.push(ANUSVARA);
                i += 1; // the virama goes with the nasal
            }
            _ => out.extend(c.to_lowercase()),
        }
        i += 1;
    }
    out.nfc().collect()
}

/// True when `c`, after `prev`, folds to itself but for ASCII case: ASCII,
/// and Devanagari other than a nukta, chandrabindu, digit, decomposable
/// letter or a virama after a class nasal. A word of such characters is
/// already NFC and needs no normalising.
fn is_plain(prev: char, c: char) -> bool {
    match c {
        _ if c.is_ascii() => true,
        // ऩ ऱ ऴ and क़..य़ decompose; ँ ़ and the digits fold.
        '\u{0929}' | '\u{0931}' | '\u{0934}' | '\u{0958}'..='\u{095F}' => false,
        CHANDRABINDU | NUKTA | '०'..='९' => false,
        VIRAMA => !matches!(prev, 'ङ' | 'ञ' | 'ण' | 'न' | 'म'),
        '\u{0900}'..='\u{097F}' => true,
        _ => false,
    }
}

/// True when `chars[i]` is a nasal consonant followed by a virama and then a
/// consonant of the same articulation class (ङ्क, ञ्च, ण्ड, न्त, म्ब ...).
fn is_class_nasal_before_its_class(chars: &[char], i: usize) -> bool {
    let (Some(&nasal), Some(&VIRAMA), Some(&next)) =
        (chars.get(i), chars.get(i + 1), chars.get(i + 2))
    else {
        return false;
    };
    let class = match nasal {
        'ङ' => 'क'..='ङ',
        'ञ' => 'च'..='ञ',
        'ण' => 'ट'..='ण',
        'न' => 'त'..='न',
        'म' => 'प'..='म',
        _ => return false,
    };
    class.contains(&next)
}

/// The words of `s` as the full-text index holds them: [`fold`]ed, Latin
/// letters without their diacritics (café = cafe), and everything that is
/// not part of a word (punctuation, the danda, symbols, white space) one
/// space. The index's tokenizer then has nothing to do but split at
/// spaces: FTS5's `ascii` tokenizer, where `unicode61` looked every
/// Devanagari character up in Unicode's tables (a sixth of an import's
/// writing). Queries make their words with the same function.
pub fn search_text(s: &str) -> String {
    words_only(&fold(s))
}

/// `folded` (the output of [`fold`]) made into [`search_text`].
pub fn words_only(folded: &str) -> String {
    let mut out = String::with_capacity(folded.len());
    // Most characters stay as they are: each run of them is copied whole.
    let mut run = 0;
    for (i, c) in folded.char_indices() {
        // × and ÷ lie among the Latin letters but part words.
        let latin_letter =
            matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}') && c.is_alphabetic();
        if c == ' ' || (!latin_letter && !is_latin_diacritic(c) && is_word_char(c)) {
            continue;
        }
        out.push_str(&folded[run..i]);
        run = i + c.len_utf8();
        if latin_letter {
            // Its canonical decomposition starts with the bare letter (é =
            // e + U+0301).
            let mut first = true;
            unicode_normalization::char::decompose_canonical(c, |part| {
                if std::mem::take(&mut first) {
                    out.push(part);
                }
            });
        } else if !is_latin_diacritic(c) {
            out.push(' ');
        }
    }
    out.push_str(&folded[run..]);
    out
}

/// True for a character inside a word: a letter, a digit or a combining
/// mark (a Devanagari vowel sign, virama or anusvara is part of its word),
/// or a private-use character.
pub fn is_word_char(c: char) -> bool {
    match c {
        _ if c.is_ascii() => c.is_ascii_alphanumeric(),
        '\u{0964}' | '\u{0965}' | '\u{0970}' => false, // danda, double danda, abbreviation sign
        '\u{0900}'..='\u{097F}' => true,
        _ => {
            c.is_alphanumeric()
                || unicode_normalization::char::is_combining_mark(c)
                || ('\u{E000}'..='\u{F8FF}').contains(&c)
        }
    }
}

/// A combining diacritic of Latin (and Greek and Cyrillic) letters, which
/// search keys leave out.
pub fn is_latin_diacritic(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// Removes everything that could drive a terminal or reorder text on screen:
/// ANSI/VT escape sequences (CSI, OSC, DCS and friends, in 7- and 8-bit
/// forms), C0 and C1 controls other than newline and tab, bidirectional
/// overrides and isolates, and invisible zero-width characters. ZWJ and ZWNJ
/// are kept only beside a virama, where they legitimately choose a
/// conjunct's shape.
pub fn strip_controls(s: &str) -> String {
    // Most text holds nothing to strip: then it is copied as it is.
    if is_terminal_safe(s) && !s.contains([ZWJ, ZWNJ]) {
        return s.to_string();
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\u{1B}' => {
                i = skip_escape(&chars, i + 1);
                continue;
            }
            '\u{9B}' => {
                i = skip_csi(&chars, i + 1);
                continue;
            }
            '\u{90}' | '\u{9D}' | '\u{98}' | '\u{9E}' | '\u{9F}' => {
                i = skip_string(&chars, i + 1);
                continue;
            }
            '\n' | '\t' => out.push(c),
            '\r' => {}
            ZWJ | ZWNJ => {
                // Meaningful only next to a virama: after one it picks a
                // half form or stops a conjunct; र + ZWJ before one is the
                // eyelash ra. Anywhere else it is an invisible trap.
                let prev = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
                let next = chars.get(i + 1).copied();
                if prev == Some(VIRAMA) || (prev == Some('र') && next == Some(VIRAMA)) {
                    out.push(c);
                }
            }
            _ if is_invisible_or_control(c) => {}
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

/// True when `s` holds nothing `strip_controls` removes: what it returns
/// is always safe to print.
pub fn is_terminal_safe(s: &str) -> bool {
    !s.chars()
        .any(|c| c != '\n' && c != '\t' && is_invisible_or_control(c))
}

fn is_invisible_or_control(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}'
            | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}'
            | '\u{FFF9}'..='\u{FFFB}' | '\u{180E}' | '\u{E0000}'..='\u{E007F}')
}

/// Index just past an escape sequence whose ESC was at `start - 1`.
fn skip_escape(chars: &[char], start: usize) -> usize {
    match chars.get(start) {
        Some('[') => skip_csi(chars, start + 1),
        Some(']' | 'P' | 'X' | '^' | '_') => skip_string(chars, start + 1),
        // Two-character sequences (ESC c, ESC 7 ...), possibly with intermediates.
        Some(_) => {
            let mut i = start;
            while chars
                .get(i)
                .is_some_and(|c| ('\u{20}'..='\u{2F}').contains(c))
            {
                i += 1;
            }
            (i + 1).min(chars.len())
        }
        None => start,
    }
}

fn skip_csi(chars: &[char], start: usize) -> usize {
    let mut i = start;
    while let Some(&c) = chars.get(i) {
        i += 1;
        if ('\u{40}'..='\u{7E}').contains(&c) {
            break;
        }
        if !('\u{20}'..='\u{3F}').contains(&c) {
            // Malformed: drop the introducer and keep what follows.
            return i - 1;
        }
    }
    i
}

/// Skips an OSC/DCS-style string up to BEL, ST (ESC \) or the 8-bit ST.
fn skip_string(chars: &[char], start: usize) -> usize {
    let mut i = start;
    while let Some(&c) = chars.get(i) {
        match c {
            '\u{07}' | '\u{9C}' => return i + 1,
            '\u{1B}' if chars.get(i + 1) == Some(&'\\') => return i + 2,
            _ => i += 1,
        }
    }
    i
}

pub fn is_devanagari(c: char) -> bool {
    ('\u{0900}'..='\u{097F}').contains(&c) || ('\u{A8E0}'..='\u{A8FF}').contains(&c)
}

/// Clean text for storage: controls stripped, NFC, runs of spaces collapsed
/// inside lines, and the whole trimmed.
pub fn clean(s: &str) -> String {
    let stripped = nfc(&strip_controls(s));
    let mut out = String::with_capacity(stripped.len());
    for (n, line) in stripped.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        // Each run of white space becomes one space; words go in whole.
        for (w, word) in line.split_whitespace().enumerate() {
            if w > 0 {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    out.truncate(out.trim_end().len());
    let blank_lines = out.len() - out.trim_start().len();
    out.drain(..blank_lines);
    out
}

/// An abbreviation that only means itself in upper case: "UP", "SP",
/// "AAP", "B.J.P." (lower-case "up" and "aap" are ordinary words).
pub fn is_case_sensitive_abbreviation(s: &str) -> bool {
    let letters = s.chars().filter(|c| c.is_ascii_alphabetic()).count();
    (1..=4).contains(&letters) && s.chars().all(|c| c.is_ascii_uppercase() || c == '.')
}

/// Share of alphabetic characters that are Devanagari, from 0 to 1.
pub fn devanagari_share(s: &str) -> f64 {
    let (mut letters, mut deva) = (0usize, 0usize);
    for c in s.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        if is_devanagari(c) {
            deva += 1;
        }
    }
    if letters == 0 {
        0.0
    } else {
        deva as f64 / letters as f64
    }
}

/// Language by script: mostly Devanagari is Hindi, mostly Latin is English.
pub fn detect_language(s: &str) -> Language {
    let share = devanagari_share(s);
    if share >= 0.5 {
        Language::Hindi
    } else if s.chars().any(|c| c.is_ascii_alphabetic()) {
        Language::English
    } else {
        Language::Other
    }
}

/// Display width in terminal columns, by grapheme cluster.
pub fn display_width(s: &str) -> usize {
    s.graphemes(true).map(grapheme_width).sum()
}

/// A cluster's columns as terminals and ratatui count them: the sum over
/// its code points (a conjunct such as स्था takes two), so text we pad or
/// cut lines up with what ratatui draws.
fn grapheme_width(g: &str) -> usize {
    g.width()
}

/// `s` cut to at most `max` columns at a grapheme-cluster boundary, with an
/// ellipsis when something was cut. Never splits a conjunct or a vowel sign
/// from its consonant.
pub fn truncate_to_width(s: &str, max: usize) -> String {
    if display_width(s) <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = grapheme_width(g);
        if used + w + 1 > max {
            break;
        }
        out.push_str(g);
        used += w;
    }
    if max > 0 {
        out.push('…');
    }
    out
}

/// `s` padded with spaces to `width` columns (cut first if wider).
pub fn pad_to_width(s: &str, width: usize) -> String {
    let cut = truncate_to_width(s, width);
    let fill = width.saturating_sub(display_width(&cut));
    format!("{cut}{}", " ".repeat(fill))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plain_path_folds_as_the_full_one() {
        let words = [
            "गोरखपुर",
            "आज़मगढ़",
            "आजमगढ",
            "सम्बन्ध",
            "संबंध",
            "चाँद",
            "१२",
            "Owaisi",
            "UP",
            "प्रशिक्षण",
            "क्षेत्र",
            "ज़िले",
            "ऩ",
            "उन्होंने",
            "अम्बेडकर",
            "हिन्दी",
            "इंडिया",
            "Ａ",
            "é",
            "क\u{200D}",
        ];
        for w in words {
            assert_eq!(fold(w), fold_full(w), "{w}");
        }
    }

    #[test]
    fn nfc_composes_word_by_word_as_the_whole_would() {
        for s in [
            "ड\u{93C}र से बड़ा\n\u{928}\u{93C}ई बात",
            "e\u{301} \u{301}x \u{2000}a\u{30A}\tb",
            "कफ़ी Kaffee\u{308}",
            "\u{915}\u{94D}\u{93C}ष \u{916}\u{93C}\u{94D}\u{200D} \u{95B}रा \u{915}\u{952}\u{951}",
            "\u{928}\u{93C}\u{93C} \u{929}",
            "",
        ] {
            let whole: String = s.nfc().collect();
            assert_eq!(nfc(s), whole, "{s:?}");
        }
    }

    #[test]
    fn characters_left_as_they_are_need_no_composing() {
        use unicode_normalization::char::canonical_combining_class;
        use unicode_normalization::{IsNormalized, is_nfc_quick};
        // Then a word of them is in NFC: none composes or decomposes, and
        // the only mark among them that is not a starter, the virama,
        // never follows another such mark out of order.
        for c in ('\0'..='\u{97F}').filter(|&c| stays_in_nfc(c)) {
            assert_eq!(is_nfc_quick([c].into_iter()), IsNormalized::Yes, "{c:?}");
            assert!(
                [0, 9].contains(&canonical_combining_class(c)),
                "{c:?} {}",
                canonical_combining_class(c)
            );
        }
    }

    #[test]
    fn fold_composes_to_nfc() {
        // क + nukta decomposed and the precomposed क़ fold alike, and a
        // letter with a combining accent is composed.
        assert_eq!(fold("e\u{0301}"), "é");
        assert_eq!(fold("\u{0915}\u{093C}ानून"), fold("\u{0958}ानून"));
    }

    #[test]
    fn fold_drops_zero_width_joiners() {
        assert_eq!(fold("क्\u{200D}ष"), fold("क्ष"));
        assert_eq!(fold("क्\u{200C}ष"), fold("क्ष"));
    }

    #[test]
    fn fold_removes_nukta_in_both_encodings() {
        assert_eq!(fold("फ़रवरी"), fold("फरवरी"));
        assert_eq!(fold("\u{095E}रवरी"), fold("फरवरी"));
        assert_eq!(fold("आज़मगढ़"), fold("आजमगढ"));
    }

    #[test]
    fn fold_makes_chandrabindu_anusvara() {
        assert_eq!(fold("झाँसी"), fold("झांसी"));
        assert_eq!(fold("गाँव"), "गांव");
    }

    #[test]
    fn fold_makes_a_half_nasal_before_its_class_anusvara() {
        for (half, anusvara) in [
            ("गङ्गा", "गंगा"),
            ("पञ्चायत", "पंचायत"),
            ("कण्ठ", "कंठ"),
            ("हिन्दी", "हिंदी"),
            ("सितम्बर", "सितंबर"),
            ("सम्बन्ध", "संबंध"),
        ] {
            assert_eq!(fold(half), fold(anusvara), "{half}");
        }
        // A nasal before a consonant of another class stays as written.
        assert_ne!(fold("जन्म"), fold("जंम"));
    }

    #[test]
    fn fold_writes_devanagari_digits_in_ascii() {
        assert_eq!(fold("१२ जनवरी २०२१"), "12 जनवरी 2021");
    }

    #[test]
    fn fold_by_word_equals_fold_of_the_whole_text() {
        let text = "AIMIM ने फ़रवरी में सम्बन्ध\u{00A0}पञ्चायत, ँचुनाव “बूथ” २०२२ Owaisi\n\tकण्ठ  गङ्गा-तट क़\u{200D}ि end.";
        assert_eq!(fold(text), fold_full(text));
        for word in text.split_whitespace() {
            assert_eq!(fold(word), fold_full(word), "{word}");
        }
    }

    #[test]
    fn fold_lower_cases_latin() {
        assert_eq!(fold("GoRaKhPuR"), "gorakhpur");
        assert_eq!(fold("Ａ"), "ａ");
    }

    #[test]
    fn search_text_keeps_only_words() {
        assert_eq!(
            search_text("ओवैसी ने कहा—“गोरखपुर, आज़मगढ़।” (2022)"),
            "ओवैसी ने कहा  गोरखपुर  आजमगढ    2022 "
        );
        assert_eq!(search_text("Café NAÏVE déjà"), "cafe naive deja");
        assert_eq!(search_text("4×100 भारत÷पाकिस्तान"), "4 100 भारत पाकिस्तान");
        // A diacritic that no precomposed letter holds goes too.
        assert_eq!(search_text("q\u{0301}uote"), "quote");
        // Words of other Indian scripts keep their vowel signs.
        assert_eq!(search_text("নির্বাচন।"), "নির্বাচন ");
        assert_eq!(search_text("१२॥ ॰"), "12   ");
    }

    #[test]
    fn search_text_of_a_whole_text_is_that_of_its_words() {
        let text = "मुख्यमंत्री ने कहा, \"हम जीतेंगे\"; Owaisi: no—yes.";
        let words: Vec<String> = text.split(' ').map(search_text).collect();
        assert_eq!(search_text(text), words.join(" "));
    }

    #[test]
    fn strip_controls_removes_escapes_and_bidi() {
        assert_eq!(strip_controls("a\u{1B}[31mred\u{1B}[0m"), "ared");
        assert_eq!(
            strip_controls("x\u{1B}]8;;http://e\u{07}link\u{1B}]8;;\u{1B}\\y"),
            "xlinky"
        );
        assert_eq!(strip_controls("\u{1B}]52;c;aGk=\u{07}ok"), "ok");
        assert_eq!(strip_controls("ab\u{202E}cd\u{2066}e\u{2069}"), "abcde");
        assert_eq!(strip_controls("bell\u{07}\u{0}nul\u{9B}2Jz"), "bellnulz");
        assert_eq!(strip_controls("a\u{200B}b\u{FEFF}"), "ab");
    }

    #[test]
    fn strip_controls_keeps_joiners_beside_a_virama_only() {
        assert_eq!(strip_controls("क्\u{200D}ष"), "क्\u{200D}ष");
        assert_eq!(strip_controls("र\u{200D}्य"), "र\u{200D}्य");
        assert_eq!(strip_controls("ना\u{200D}वी"), "नावी");
        assert_eq!(strip_controls("a\u{200D}b"), "ab");
    }

    #[test]
    fn clean_collapses_spaces_and_keeps_lines() {
        assert_eq!(clean("  एक   दो \n  तीन\r\n"), "एक दो\nतीन");
        assert_eq!(
            clean("\n \n\tक\u{00A0}\u{2003} ख\n\n  ग  \n \n"),
            "क ख\n\nग"
        );
        assert_eq!(clean(" \n\t "), "");
    }

    #[test]
    fn abbreviations_that_need_their_case() {
        assert!(is_case_sensitive_abbreviation("UP"));
        assert!(is_case_sensitive_abbreviation("B.J.P."));
        assert!(!is_case_sensitive_abbreviation("Up"));
        assert!(!is_case_sensitive_abbreviation("AIMIM"));
        assert!(!is_case_sensitive_abbreviation("यूपी"));
    }

    #[test]
    fn language_by_script() {
        assert_eq!(detect_language("गोरखपुर में सभा हुई"), Language::Hindi);
        assert_eq!(detect_language("Owaisi visits Azamgarh"), Language::English);
        assert_eq!(detect_language("12345"), Language::Other);
    }

    #[test]
    fn truncation_keeps_clusters_whole() {
        let title = "पूर्वांचल में पैठ";
        let cut = truncate_to_width(title, 6);
        assert!(display_width(&cut) <= 6, "{cut}");
        assert!(cut.ends_with('…'));
        // Every cluster kept is a whole cluster of the original.
        let kept = cut.trim_end_matches('…');
        assert!(title.starts_with(kept));
        assert!(!kept.ends_with('\u{094D}'), "no dangling virama");
        assert_eq!(truncate_to_width("short", 10), "short");
        assert_eq!(display_width(&pad_to_width("गोरखपुर", 10)), 10);
        assert_eq!(truncate_to_width("abc", 0), "");
    }
}
