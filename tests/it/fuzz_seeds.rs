//! The fuzz targets' entry points on their committed seeds, on stable Rust: the seeds stay valid
//! inputs and the targets' own checks hold for them (the fuzzing itself is `tests/fuzz/run.sh`).

use std::path::Path;

/// A fuzz target: its name in `tests/fuzz` and its entry point.
type Target = (&'static str, fn(&[u8]));

#[test]
fn every_fuzz_target_runs_its_seeds() {
    let targets: [Target; 8] = [
        ("client_frame_json", centrifugo::fuzzing::client_frame_json),
        (
            "client_frame_protobuf",
            centrifugo::fuzzing::client_frame_protobuf,
        ),
        ("batch_split", centrifugo::fuzzing::batch_split),
        ("websocket_frames", centrifugo::fuzzing::websocket_frames),
        ("jwt", centrifugo::fuzzing::jwt),
        ("api_request", centrifugo::fuzzing::api_request),
        ("config", centrifugo::fuzzing::config),
        ("tags_filter", centrifugo::fuzzing::tags_filter),
    ];
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz/seeds");
    let declared = std::fs::read_to_string(seeds.join("../Cargo.toml")).expect("fuzz Cargo.toml");
    for (name, run) in targets {
        assert!(
            declared.contains(&format!("name = \"{name}\"")),
            "{name} is a target of tests/fuzz"
        );
        let dir = seeds.join(name);
        let mut n = 0;
        for entry in std::fs::read_dir(&dir).expect("seed directory").flatten() {
            run(&std::fs::read(entry.path()).expect("seed"));
            n += 1;
        }
        assert!(n > 0, "{name} has seeds");
        // And the degenerate inputs.
        run(b"");
        run(&[0xff; 64]);
    }
}
