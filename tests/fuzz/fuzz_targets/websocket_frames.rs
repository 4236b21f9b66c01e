//! Fuzz target: `centrifugo::fuzzing::websocket_frames` on arbitrary bytes.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| centrifugo::fuzzing::websocket_frames(data));
