//! `centrifugo checkconfig`: load and validate the config without opening any socket.

use crate::args::{CheckconfigArgs, Cli};
use crate::load::load_config;
use anyhow::bail;

/// Silent with exit 0 when the config is valid. Errors (file not found, parse errors, bad values
/// naming their dotted key path) exit 1. Unknown keys are warnings on stderr; `--strict` makes
/// them an error.
pub(crate) fn run(cli: &Cli, args: &CheckconfigArgs) -> anyhow::Result<()> {
    let loaded = match load_config(cli, true) {
        Ok(loaded) => loaded,
        Err(e) => {
            let text = format!("{e:#}");
            if text.starts_with("config file not found") {
                bail!("{text}");
            }
            bail!("error validating config: {text}");
        }
    };
    for w in &loaded.warnings {
        eprintln!("warning: {w}");
    }
    if args.strict && !loaded.unknown_keys.is_empty() {
        bail!("unknown keys in config: {}", loaded.unknown_keys.join(", "));
    }
    Ok(())
}
