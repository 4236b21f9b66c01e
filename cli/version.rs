//! `centrifugo version`: one line with our version and the Rust compiler that built the binary.

/// `Centrifugo v<version> (Rust <rustc version>)`; the rustc version comes from `cli/build.rs`.
pub(crate) fn line() -> String {
    match option_env!("CENTRIFUGO_RUSTC_VERSION").filter(|v| !v.is_empty()) {
        Some(rustc) => format!("Centrifugo v{} (Rust {rustc})", env!("CARGO_PKG_VERSION")),
        None => format!("Centrifugo v{} (Rust)", env!("CARGO_PKG_VERSION")),
    }
}

pub(crate) fn run() -> anyhow::Result<()> {
    println!("{}", line());
    Ok(())
}
