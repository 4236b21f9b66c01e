//! Fuzz target: `centrifugo::fuzzing::jwt` on arbitrary bytes.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| centrifugo::fuzzing::jwt(data));
