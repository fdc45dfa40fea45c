//! An RSS or Atom feed: any bytes give items or a reason.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = chunav::ingest::feed::parse(data);
});
