//! Fuzz target: `centrifugo::fuzzing::batch_split` on arbitrary bytes.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| centrifugo::fuzzing::batch_split(data));
