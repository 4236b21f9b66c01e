//! Writing generated config files: format by extension, never overwriting, owner-only permissions.

use anyhow::{bail, Context};
use std::io::Write;
use std::path::Path;

/// Config file formats, chosen by the file extension like the loader does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Json,
    Yaml,
    Toml,
}

impl Format {
    /// The format of `path` by extension (json, yaml/yml, toml; case-insensitive).
    pub(crate) fn of(path: &Path) -> anyhow::Result<Format> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default()
            .to_ascii_lowercase();
        match ext.as_str() {
            "json" => Ok(Format::Json),
            "yaml" | "yml" => Ok(Format::Yaml),
            "toml" => Ok(Format::Toml),
            _ => bail!(
                "output config format not supported: {} (use a .json, .yaml, .yml or .toml file)",
                path.display()
            ),
        }
    }

    /// Serializes a config document in this format.
    pub(crate) fn render(self, doc: &serde_json::Value) -> anyhow::Result<String> {
        Ok(match self {
            Format::Json => {
                let mut s = serde_json::to_string_pretty(doc)?;
                s.push('\n');
                s
            }
            Format::Yaml => serde_yaml::to_string(doc)?,
            Format::Toml => toml::to_string_pretty(doc)?,
        })
    }
}

/// Fails when `path` already exists (genconfig and defaultconfig never overwrite).
pub(crate) fn refuse_existing(path: &Path) -> anyhow::Result<()> {
    if path.exists() {
        bail!("{}", exists_message(path));
    }
    Ok(())
}

fn exists_message(path: &Path) -> String {
    format!(
        "output config file already exists: {} (remove it or choose another path)",
        path.display()
    )
}

/// Creates `path` (which must not exist) with mode 0600 and writes `text` into it.
pub(crate) fn write_new(path: &Path, text: &str) -> anyhow::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Owner read/write only: the file holds secrets.
        options.mode(0o600);
    }
    let mut file = match options.open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            bail!("{}", exists_message(path))
        }
        Err(e) => return Err(e).with_context(|| format!("creating {}", path.display())),
    };
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .with_context(|| format!("writing {}", path.display()))
}

/// Writes `text` to stdout; a closed pipe (`| head`) is not an error.
pub(crate) fn print_stdout(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}
