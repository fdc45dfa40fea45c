//! The date resolver: any words, any publication day (or none), any tense.
//! The first two bytes pick the day (0 is none) and the third the tense.
#![no_main]

use chrono::{Days, NaiveDate};
use chunav::extract::{Tense, find_dates};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let [a, b, t, rest @ ..] = data else { return };
    let day = u16::from_le_bytes([*a, *b]);
    let published = (day != 0).then(|| {
        NaiveDate::from_ymd_opt(1990, 1, 1).unwrap() + Days::new(u64::from(day) * 2)
    });
    let tense = match t % 4 {
        0 => Tense::Past,
        1 => Tense::Present,
        2 => Tense::Future,
        _ => Tense::Unknown,
    };
    let words = String::from_utf8_lossy(rest);
    for d in find_dates(&words, published, tense) {
        assert!(d.start <= d.end, "{d:?} in {words:?}");
    }
});
