//! `centrifugo checkconfig`: load and validate the config without opening any socket.

use crate::args::{CheckconfigArgs, Cli};
use anyhow::bail;
use centrifugo::config::{self, Sources};

/// Silent with exit 0 when the config is valid. Every value of the wrong shape is listed at once,
/// each naming its dotted key path (then the first invalid setting, once shapes are right); any
/// error exits 1. Unknown keys are warnings on stderr with a "did you mean"; `--strict` makes
/// them an error.
pub(crate) fn run(cli: &Cli, args: &CheckconfigArgs) -> anyhow::Result<()> {
    let sources = Sources {
        file: Some(cli.config_path().to_path_buf()),
        file_required: true,
        env: crate::load::centrifugo_env(),
        flags: cli.flags.pairs(),
    };
    let found = match config::problems(&sources) {
        Ok(p) => p,
        Err(e) => {
            let text = format!("{e:#}");
            if text.starts_with("config file not found") {
                bail!("{text}");
            }
            bail!("error validating config: {text}");
        }
    };
    for w in &found.warnings {
        eprintln!("warning: {w}");
    }
    match found.errors.as_slice() {
        [] => {}
        [one] => bail!("error validating config: {one}"),
        many => {
            for e in many {
                eprintln!("error: {e}");
            }
            bail!("error validating config: {} problems", many.len());
        }
    }
    if args.strict && !found.unknown_keys.is_empty() {
        bail!("unknown keys in config: {}", found.unknown_keys.join(", "));
    }
    Ok(())
}
