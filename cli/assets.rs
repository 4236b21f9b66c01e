//! Hidden `centrifugo generate-assets DIR`: shell completions and man pages from the clap model.
//!
//! The output is committed under completions/ and man/; a test regenerates it and fails when
//! the committed files drift from the CLI definition.

use crate::args::Cli;
use anyhow::Context;
use clap::CommandFactory;
use clap_complete::Shell;
use std::path::Path;

/// Shells and the file name each completion script is installed under.
const SHELLS: &[(Shell, &str)] = &[
    (Shell::Bash, "centrifugo.bash"),
    (Shell::Zsh, "_centrifugo"),
    (Shell::Fish, "centrifugo.fish"),
    (Shell::PowerShell, "_centrifugo.ps1"),
];

/// Every generated file as (path relative to the output dir, contents), in a stable order.
pub(crate) fn files() -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let mut cmd = Cli::command();
    cmd.build();
    let mut out = Vec::new();
    for (shell, name) in SHELLS {
        let mut buf = Vec::new();
        clap_complete::generate(*shell, &mut cmd, "centrifugo", &mut buf);
        out.push((format!("completions/{name}"), buf));
    }
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render(&mut buf)?;
    out.push(("man/centrifugo.1".to_string(), buf));
    let pages = cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help");
    for sub in pages {
        let name = format!("centrifugo-{}", sub.get_name());
        let page = sub
            .clone()
            .name(name.clone())
            .display_name(&name)
            .bin_name(&name)
            .version(env!("CARGO_PKG_VERSION"));
        let mut buf = Vec::new();
        clap_mangen::Man::new(page).render(&mut buf)?;
        out.push((format!("man/{name}.1"), buf));
    }
    Ok(out)
}

pub(crate) fn run(dir: &Path) -> anyhow::Result<()> {
    for (rel, contents) in files()? {
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("creating {}", parent.display()))?;
        }
        std::fs::write(&path, contents).with_context(|| format!("writing {}", path.display()))?;
        println!("{}", path.display());
    }
    Ok(())
}
