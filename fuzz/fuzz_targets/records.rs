//! JSON Lines and CSV import, without the store: the first byte picks the
//! format. Every record must come out as an article or a reason.
#![no_main]

use chunav::ingest::records::{read_csv, read_json_lines};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&which, input)) = data.split_first() else { return };
    let mut last_line = 0;
    let mut sink = |_record, line: u64| {
        assert!(line >= last_line, "lines go forward");
        last_line = line;
        Ok(())
    };
    let result = if which % 2 == 0 {
        read_json_lines(input, "fuzz.jsonl", &mut sink)
    } else {
        read_csv(input, &mut sink)
    };
    result.expect("reading from memory cannot fail");
});
