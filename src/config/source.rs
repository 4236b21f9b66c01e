//! Reading the config file (JSON, YAML or TOML by extension) and applying command-line flags.

use std::path::Path;

use serde_json::{Map, Value};

use super::env::set_path;
use super::schema::parse_text;
use super::schema::{closest, lookup, Node};
use super::ConfigError;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Format {
    Json,
    Yaml,
    Toml,
}

fn format_of(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "json" => Some(Format::Json),
        "yaml" | "yml" => Some(Format::Yaml),
        "toml" => Some(Format::Toml),
        _ => None,
    }
}

/// 1-based line of a byte offset in `text`.
fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// Parses `text` in `format`; errors carry the line where the parser reports one.
fn parse(text: &str, format: Format) -> Result<Value, (Option<usize>, String)> {
    match format {
        Format::Json => serde_json::from_str(text).map_err(|e| (Some(e.line()), e.to_string())),
        Format::Yaml => {
            serde_yaml::from_str(text).map_err(|e| (e.location().map(|l| l.line()), e.to_string()))
        }
        Format::Toml => toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| line_of(text, s.start));
            (line, e.message().to_string())
        }),
    }
}

/// Parses config text as the file extension `ext` says ("json", "yaml", "yml", "toml"; anything
/// else is tried as JSON), for callers that hold the text rather than a file (the fuzz targets).
pub(crate) fn parse_text_as(text: &str, ext: &str) -> Result<Value, String> {
    let format = format_of(Path::new(&format!("config.{ext}"))).unwrap_or(Format::Json);
    parse(text, format).map_err(|(_, message)| message)
}

/// Reads the config file into a document. A missing file is an error when `required`, else a
/// warning and an empty document (v6 keeps going on defaults, env and flags).
pub(crate) fn read_file(
    path: &Path,
    required: bool,
    warnings: &mut Vec<String>,
) -> Result<Value, ConfigError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if required {
                return Err(ConfigError::FileNotFound {
                    path: path.to_path_buf(),
                });
            }
            warnings.push(format!(
                "config file not found: {}; continuing with defaults, environment and flags",
                path.display()
            ));
            return Ok(Value::Object(Map::new()));
        }
        Err(source) => {
            return Err(ConfigError::Read {
                path: path.to_path_buf(),
                source,
            })
        }
    };
    let parse_error = |(line, message): (Option<usize>, String)| ConfigError::Parse {
        path: path.to_path_buf(),
        line,
        message,
    };
    let doc = match format_of(path) {
        Some(format) => parse(&text, format).map_err(parse_error)?,
        None => parse(&text, Format::Json).map_err(|(line, message)| {
            parse_error((
                line,
                format!("unknown file extension (expected .json, .yaml, .yml or .toml); tried JSON: {message}"),
            ))
        })?,
    };
    match doc {
        Value::Null => Ok(Value::Object(Map::new())),
        Value::Object(_) => Ok(doc),
        _ => Err(parse_error((
            None,
            "the top level must be an object of config keys".to_string(),
        ))),
    }
}

/// Applies flags (dotted key, text as typed) to the document. An unknown key is an error.
pub(crate) fn apply_flags(doc: &mut Value, flags: &[(String, String)]) -> Result<(), ConfigError> {
    for (key, raw) in flags {
        let node = match lookup(key) {
            Some(Node::Object(_)) | None => {
                return Err(ConfigError::UnknownFlag {
                    key: key.clone(),
                    suggestion: suggest_flag(key),
                })
            }
            Some(node) => node,
        };
        let mut unknown = Vec::new();
        let value = parse_text(node, raw, key, &mut unknown).map_err(|message| {
            ConfigError::InvalidValue {
                key: key.clone(),
                message,
            }
        })?;
        set_path(doc, key, value);
    }
    Ok(())
}

fn suggest_flag(key: &str) -> Option<String> {
    let paths: Vec<String> = super::schema::key_paths()
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    closest(key, paths.iter()).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension() {
        assert_eq!(format_of(Path::new("a/config.json")), Some(Format::Json));
        assert_eq!(format_of(Path::new("config.YML")), Some(Format::Yaml));
        assert_eq!(format_of(Path::new("config.toml")), Some(Format::Toml));
        assert_eq!(format_of(Path::new("config.conf")), None);
    }

    #[test]
    fn parse_errors_have_lines() {
        let err = parse("{\n\"a\": 1,\n}", Format::Json).err();
        assert_eq!(err.and_then(|(l, _)| l), Some(3));
        let err = parse("a = 1\nb = = 2\n", Format::Toml).err();
        assert_eq!(err.and_then(|(l, _)| l), Some(2));
        let err = parse("a: 1\n b: [\n", Format::Yaml).err();
        assert!(err.and_then(|(l, _)| l).is_some());
    }
}
