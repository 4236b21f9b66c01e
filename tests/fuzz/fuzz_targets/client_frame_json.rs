//! Fuzz target: `centrifugo::fuzzing::client_frame_json` on arbitrary bytes.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| centrifugo::fuzzing::client_frame_json(data));
