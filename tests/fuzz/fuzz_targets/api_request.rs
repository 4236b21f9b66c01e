//! Fuzz target: `centrifugo::fuzzing::api_request` on arbitrary bytes.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| centrifugo::fuzzing::api_request(data));
