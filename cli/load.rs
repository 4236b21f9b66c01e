//! Config loading shared by the subcommands: file (`-c`), `CENTRIFUGO_*` environment and flags.

use crate::args::Cli;
use centrifugo::config::{self, Sources};

/// The process environment's `CENTRIFUGO_*` variables (the library never reads the environment).
pub(crate) fn centrifugo_env() -> Vec<(String, String)> {
    std::env::vars_os()
        .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
        .filter(|(k, _)| k.starts_with("CENTRIFUGO_"))
        .collect()
}

/// Loads the config from `-c` (or `config.json`), the environment and the flags.
/// `file_required`: a missing file is an error instead of a warning.
pub(crate) fn load_config(cli: &Cli, file_required: bool) -> anyhow::Result<config::Loaded> {
    let sources = Sources {
        file: Some(cli.config_path().to_path_buf()),
        file_required,
        env: centrifugo_env(),
        flags: cli.flags.pairs(),
    };
    Ok(config::load(&sources)?)
}

/// Loading for the token commands: the file is required only when `-c` was given explicitly,
/// so `CENTRIFUGO_CLIENT_TOKEN_HMAC_SECRET_KEY=... centrifugo gentoken` works without a file.
/// Warnings go to stderr, keeping stdout for the command's output.
pub(crate) fn load_for_tool(cli: &Cli) -> anyhow::Result<config::Config> {
    let loaded = load_config(cli, cli.config.is_some())?;
    for w in &loaded.warnings {
        if !w.starts_with("config file not found") {
            eprintln!("warning: {w}");
        }
    }
    Ok(loaded.config)
}
