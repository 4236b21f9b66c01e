//! `centrifugo genconfig`: a minimal config with fresh secrets, from templates/ by file extension.

use crate::args::Cli;
use crate::output::{refuse_existing, write_new, Format};
use anyhow::{bail, Context};
use base64::Engine as _;
use centrifugo::config::{self, Sources};
use rand::RngCore;
use std::path::Path;

const JSON_TEMPLATE: &str = include_str!("../templates/config.json");
const YAML_TEMPLATE: &str = include_str!("../templates/config.yaml");
const TOML_TEMPLATE: &str = include_str!("../templates/config.toml");

/// Random bytes behind each secret (Centrifugo's sizes): 64 for keys and secrets, 16 for the
/// admin password. Encoded as base64url without padding, so they need no quoting in any format.
const SECRETS: &[(&str, usize)] = &[
    ("{{HMAC_SECRET_KEY}}", 64),
    ("{{HTTP_API_KEY}}", 64),
    ("{{ADMIN_PASSWORD}}", 16),
    ("{{ADMIN_SECRET}}", 64),
];

fn random_secret(len: usize) -> String {
    let mut bytes = vec![0u8; len];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// The template for `format` with every placeholder replaced by a fresh secret.
pub(crate) fn render(format: Format) -> String {
    let template = match format {
        Format::Json => JSON_TEMPLATE,
        Format::Yaml => YAML_TEMPLATE,
        Format::Toml => TOML_TEMPLATE,
    };
    SECRETS
        .iter()
        .fold(template.to_string(), |text, (placeholder, len)| {
            text.replace(placeholder, &random_secret(*len))
        })
}

/// Loads exactly what was written (no env, no flags) and insists on no unknown keys.
fn validate(path: &Path) -> anyhow::Result<()> {
    let loaded = config::load(&Sources {
        file: Some(path.to_path_buf()),
        file_required: true,
        ..Sources::default()
    })?;
    if !loaded.unknown_keys.is_empty() {
        bail!("unknown keys in config: {}", loaded.unknown_keys.join(", "));
    }
    Ok(())
}

pub(crate) fn run(cli: &Cli) -> anyhow::Result<()> {
    let path = cli.config_path();
    let format = Format::of(path)?;
    refuse_existing(path)?;
    write_new(path, &render(format))?;
    if let Err(e) = validate(path) {
        let _ = std::fs::remove_file(path);
        return Err(e).context("generated config is invalid and was removed");
    }
    Ok(())
}
