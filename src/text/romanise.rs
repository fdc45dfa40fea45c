//! Hindi in Latin letters, for terminals that shape Devanagari badly.
//!
//! A plain, readable romanisation in the style of Indian English spelling
//! (गोरखपुर → Gorakhpur, not gōrakhapura): no diacritics, and the inherent
//! vowel dropped where Hindi speech drops it (at the end of a word, and
//! between a vowel-carrying syllable and one with a full vowel). It is for
//! reading, not a reversible transliteration.

use unicode_normalization::UnicodeNormalization;

/// One written syllable: its consonants (or an independent vowel) and the
/// vowel after them.
struct Unit {
    consonants: String,
    vowel: Vowel,
}

#[derive(Clone, PartialEq)]
enum Vowel {
    /// The inherent "a", not written.
    Inherent,
    /// A vowel sign or an independent vowel, as Latin.
    Written(&'static str),
    /// A virama or a word-final consonant cluster: no vowel.
    None,
}

fn consonant(c: char) -> Option<&'static str> {
    Some(match c {
        'क' => "k",
        'ख' => "kh",
        'ग' => "g",
        'घ' => "gh",
        'ङ' => "n",
        'च' => "ch",
        'छ' => "chh",
        'ज' => "j",
        'झ' => "jh",
        'ञ' => "n",
        'ट' => "t",
        'ठ' => "th",
        'ड' => "d",
        'ढ' => "dh",
        'ण' => "n",
        'त' => "t",
        'थ' => "th",
        'द' => "d",
        'ध' => "dh",
        'न' => "n",
        'प' => "p",
        'फ' => "ph",
        'ब' => "b",
        'भ' => "bh",
        'म' => "m",
        'य' => "y",
        'र' => "r",
        'ल' => "l",
        'व' => "v",
        'श' => "sh",
        'ष' => "sh",
        'स' => "s",
        'ह' => "h",
        _ => return None,
    })
}

/// A consonant with a nukta sounds different: ज़ is z, फ़ is f, ड़ is r.
fn with_nukta(c: char) -> Option<&'static str> {
    Some(match c {
        'क' => "q",
        'ख' => "kh",
        'ग' => "gh",
        'ज' => "z",
        'ड' => "r",
        'ढ' => "rh",
        'फ' => "f",
        _ => return None,
    })
}

fn independent_vowel(c: char) -> Option<&'static str> {
    Some(match c {
        'अ' => "a",
        'आ' => "a",
        'इ' => "i",
        'ई' => "i",
        'उ' => "u",
        'ऊ' => "u",
        'ऋ' => "ri",
        'ए' => "e",
        'ऐ' => "ai",
        'ओ' => "o",
        'औ' => "au",
        'ऑ' => "o",
        _ => return None,
    })
}

fn vowel_sign(c: char) -> Option<&'static str> {
    Some(match c {
        'ा' => "a",
        'ि' => "i",
        'ी' => "i",
        'ु' => "u",
        'ू' => "u",
        'ृ' => "ri",
        'े' => "e",
        'ै' => "ai",
        'ो' => "o",
        'ौ' => "au",
        'ॉ' => "o",
        _ => return None,
    })
}

const NUKTA: char = '\u{093C}';
const VIRAMA: char = '\u{094D}';

/// `s` with every Devanagari word in Latin letters (lower case, as Hindi
/// has no capitals); everything else as is.
pub fn romanise(s: &str) -> String {
    // Decomposed, so a nukta letter is its consonant plus a nukta.
    let chars: Vec<char> = s.nfd().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        if super::is_devanagari(chars[i]) && !is_punctuation(chars[i]) {
            let start = i;
            while i < chars.len() && super::is_devanagari(chars[i]) && !is_punctuation(chars[i]) {
                i += 1;
            }
            out.push_str(&word(&chars[start..i]));
        } else {
            match chars[i] {
                '।' | '॥' => out.push('.'),
                '\u{200C}' | '\u{200D}' => {}
                c => out.push(c),
            }
            i += 1;
        }
    }
    out
}

fn is_punctuation(c: char) -> bool {
    matches!(c, '।' | '॥')
}

fn word(chars: &[char]) -> String {
    let mut units: Vec<Unit> = Vec::new();
    let mut nasal_after: Vec<usize> = Vec::new();
    let mut digits = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let nukta = chars.get(i + 1) == Some(&NUKTA);
        if let Some(latin) = consonant(c) {
            let latin = if nukta {
                with_nukta(c).unwrap_or(latin)
            } else {
                latin
            };
            i += if nukta { 2 } else { 1 };
            let vowel = match chars.get(i) {
                Some(&VIRAMA) => {
                    i += 1;
                    Vowel::None
                }
                Some(&v) => match vowel_sign(v) {
                    Some(sign) => {
                        i += 1;
                        Vowel::Written(sign)
                    }
                    None => Vowel::Inherent,
                },
                None => Vowel::Inherent,
            };
            // A consonant after a virama joins its cluster.
            match units.last_mut() {
                Some(last) if last.vowel == Vowel::None && !last.consonants.is_empty() => {
                    last.consonants.push_str(latin);
                    last.vowel = vowel;
                }
                _ => units.push(Unit {
                    consonants: latin.to_string(),
                    vowel,
                }),
            }
        } else if let Some(v) = independent_vowel(c) {
            units.push(Unit {
                consonants: String::new(),
                vowel: Vowel::Written(v),
            });
            i += 1;
        } else {
            match c {
                // Anusvara and chandrabindu nasalise the syllable before.
                '\u{0902}' | '\u{0901}' => nasal_after.push(units.len()),
                '\u{0903}' => units.push(Unit {
                    consonants: "h".into(),
                    vowel: Vowel::None,
                }),
                '०'..='९' => digits.push(char::from(b'0' + (c as u32 - '०' as u32) as u8)),
                _ => {}
            }
            i += 1;
        }
    }
    if !digits.is_empty() && units.is_empty() {
        return digits;
    }
    drop_inherent_vowels(&mut units);
    let mut out = String::new();
    for (n, unit) in units.iter().enumerate() {
        out.push_str(&unit.consonants);
        match unit.vowel {
            Vowel::Inherent => out.push('a'),
            Vowel::Written(v) => out.push_str(v),
            Vowel::None => {}
        }
        if nasal_after.contains(&(n + 1)) {
            let labial = units
                .get(n + 1)
                .is_some_and(|u| u.consonants.starts_with(['p', 'b', 'm']));
            out.push(if labial { 'm' } else { 'n' });
        }
    }
    out.push_str(&digits);
    out
}

/// The inherent vowel is silent at the end of a word of more than one
/// syllable, and in a syllable between one that is voiced and one with a
/// written vowel (गो-र-ख-पु-र: Gorakhpur).
fn drop_inherent_vowels(units: &mut [Unit]) {
    let n = units.len();
    if n > 1 && units[n - 1].vowel == Vowel::Inherent && !units[n - 1].consonants.is_empty() {
        units[n - 1].vowel = Vowel::None;
    }
    for i in (1..n.saturating_sub(1)).rev() {
        let voiced_before = units[i - 1].vowel != Vowel::None;
        let full_after = matches!(units[i + 1].vowel, Vowel::Written(_) | Vowel::Inherent)
            && !units[i + 1].consonants.is_empty();
        if units[i].vowel == Vowel::Inherent && voiced_before && full_after {
            units[i].vowel = Vowel::None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn place_and_party_names_read_naturally() {
        assert_eq!(romanise("गोरखपुर"), "gorakhpur");
        assert_eq!(romanise("आज़मगढ़"), "azamgarh");
        assert_eq!(romanise("बस्ती"), "basti");
        assert_eq!(romanise("भाजपा"), "bhajpa");
        assert_eq!(romanise("संबंध"), "sambandh");
        assert_eq!(romanise("चुनाव"), "chunav");
        assert_eq!(romanise("मजलिस"), "majlis");
    }

    #[test]
    fn punctuation_digits_and_latin_pass_through() {
        assert_eq!(romanise("१२ जनवरी को AIMIM।"), "12 janavri ko AIMIM.");
        assert_eq!(romanise("a-b"), "a-b");
        assert!(romanise("पूर्वांचल में पैठ").is_ascii());
    }
}
