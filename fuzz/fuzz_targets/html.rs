//! A saved article page: any bytes give an article or a reason.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = chunav::ingest::html::parse(data);
});
