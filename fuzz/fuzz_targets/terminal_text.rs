//! Text made safe for a terminal keeps no escape, control, bidirectional
//! or invisible character, and cleaning twice changes nothing.
#![no_main]

use chunav::text::{clean, is_terminal_safe, strip_controls};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let stripped = strip_controls(&s);
    assert!(is_terminal_safe(&stripped), "{stripped:?}");
    let cleaned = clean(&s);
    assert!(is_terminal_safe(&cleaned), "{cleaned:?}");
    assert_eq!(clean(&cleaned), cleaned);
});
