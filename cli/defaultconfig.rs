//! `centrifugo defaultconfig`: the full configuration with every option at its default value.

use crate::args::{Cli, DefaultconfigArgs};
use crate::output::{refuse_existing, write_new, Format};
use anyhow::Context;
use centrifugo::config::Config;

/// Renders `Config::default()` in the format of `-c`'s extension; `--dry-run` prints it instead
/// of writing the (new, mode 0600) file.
pub(crate) fn run(cli: &Cli, args: &DefaultconfigArgs) -> anyhow::Result<()> {
    let path = cli.config_path();
    let format = Format::of(path)?;
    let doc = serde_json::to_value(Config::default()).context("serializing the defaults")?;
    let text = format.render(&doc)?;
    if args.dry_run {
        return crate::output::print_stdout(&text);
    }
    refuse_existing(path)?;
    write_new(path, &text)
}
