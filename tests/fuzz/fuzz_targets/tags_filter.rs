//! Fuzz target: `centrifugo::fuzzing::tags_filter` on arbitrary bytes.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| centrifugo::fuzzing::tags_filter(data));
