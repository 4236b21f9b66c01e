//! The committed completions/ and man/ match what the CLI definition generates.

use super::*;

#[test]
fn completions_and_man_pages_are_fresh() {
    let dir = TempDir::new("assets");
    let o = run(&dir, &["generate-assets", &dir.0.to_string_lossy()]);
    assert_ok(&o);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let hint = "generated files are stale; run: cargo run -- generate-assets .";
    let mut generated = Vec::new();
    for sub in ["completions", "man"] {
        for entry in std::fs::read_dir(dir.path(sub)).expect("read generated dir") {
            let path = entry.expect("entry").path();
            let rel = path.strip_prefix(&dir.0).expect("relative").to_path_buf();
            let fresh = std::fs::read(&path).expect("read generated");
            let committed = std::fs::read(root.join(&rel)).unwrap_or_default();
            assert!(
                fresh == committed,
                "{} differs from the CLI definition: {hint}",
                rel.display()
            );
            generated.push(rel);
        }
        for entry in std::fs::read_dir(root.join(sub)).expect("read committed dir") {
            let path = entry.expect("entry").path();
            let rel = path.strip_prefix(root).expect("relative").to_path_buf();
            assert!(
                generated.contains(&rel),
                "{} is no longer generated: delete it, then {hint}",
                rel.display()
            );
        }
    }
}
