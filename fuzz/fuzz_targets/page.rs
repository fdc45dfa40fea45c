//! A copied page: any text must parse to an article or to nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = chunav::ingest::page::parse(text);
    }
});
