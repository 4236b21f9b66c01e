//! Reading JSON objects with Go `encoding/json` rules: case-folded field names, later keys win,
//! `null` leaves plain fields untouched, and a wrongly typed value fails the whole decode.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

/// Decode failure: the text is logged as the reason of an invalid token.
pub(crate) type DecodeResult<T> = Result<T, String>;

/// A JSON object's members in document order; values stay raw until a field is asked for.
#[derive(Debug, Default)]
pub(crate) struct Object<'a> {
    entries: Vec<(String, &'a RawValue)>,
}

impl<'de> Deserialize<'de> for Object<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjectVisitor;
        impl<'de> Visitor<'de> for ObjectVisitor {
            type Value = Object<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                // Go decodes `null` into a struct as "no fields set".
                Ok(Object::default())
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry::<String, &'de RawValue>()? {
                    entries.push(entry);
                }
                Ok(Object { entries })
            }
        }
        deserializer.deserialize_any(ObjectVisitor)
    }
}

impl<'a> Object<'a> {
    /// Parses `text` as an object (or `null`, which Go treats as an empty object).
    pub(crate) fn parse(text: &'a str) -> DecodeResult<Object<'a>> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    /// Parses a raw member value that must be an object or `null`.
    pub(crate) fn from_raw(raw: &'a RawValue, name: &str) -> DecodeResult<Object<'a>> {
        Object::parse(raw.get()).map_err(|_| format!("{name}: expected an object"))
    }

    /// Members in document order.
    pub(crate) fn entries(&self) -> &[(String, &'a RawValue)] {
        &self.entries
    }

    /// Every member that Go would decode into the struct field `name`, in document order.
    fn matches<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'a RawValue> + 's {
        self.entries
            .iter()
            .filter(move |(key, _)| go_field_matches(key, name))
            .map(|(_, value)| *value)
    }

    /// The first member named exactly `name` (how gjson looks a key up).
    pub(crate) fn first_exact(&self, name: &str) -> Option<&'a RawValue> {
        self.entries
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| *value)
    }

    /// A Go `string` field: strings overwrite, `null` is skipped, anything else fails.
    pub(crate) fn string(&self, name: &str) -> DecodeResult<Option<String>> {
        let mut out = None;
        for raw in self.matches(name) {
            if !is_null(raw) {
                let text: String = serde_json::from_str(raw.get())
                    .map_err(|_| format!("{name}: expected a string"))?;
                out = Some(text);
            }
        }
        Ok(out)
    }

    /// A Go `bool` field: booleans overwrite, `null` is skipped, anything else fails.
    pub(crate) fn boolean(&self, name: &str) -> DecodeResult<Option<bool>> {
        let mut out = None;
        for raw in self.matches(name) {
            if !is_null(raw) {
                let value: bool = serde_json::from_str(raw.get())
                    .map_err(|_| format!("{name}: expected a boolean"))?;
                out = Some(value);
            }
        }
        Ok(out)
    }

    /// A Go pointer / slice / map field: the last member wins and `null` resets it to `None`.
    pub(crate) fn nullable<T>(
        &self,
        name: &str,
        decode: impl Fn(&'a RawValue) -> DecodeResult<T>,
    ) -> DecodeResult<Option<T>> {
        let mut out = None;
        for raw in self.matches(name) {
            out = if is_null(raw) {
                None
            } else {
                Some(decode(raw)?)
            };
        }
        Ok(out)
    }

    /// A Go `json.RawMessage` field: the last member's bytes exactly as written (even `null`).
    pub(crate) fn raw(&self, name: &str) -> Option<&'a RawValue> {
        self.matches(name).last()
    }

    /// The `aud` claim (cristalhq `Audience`): a string or an array of strings; `null` fails.
    pub(crate) fn audience(&self, name: &str) -> DecodeResult<Vec<String>> {
        let mut out = Vec::new();
        for raw in self.matches(name) {
            out = match serde_json::from_str::<serde_json::Value>(raw.get()) {
                Ok(serde_json::Value::String(one)) => vec![one],
                Ok(serde_json::Value::Array(items)) => items
                    .into_iter()
                    .map(|item| match item {
                        serde_json::Value::String(s) => Ok(s),
                        _ => Err(format!("{name}: expected strings")),
                    })
                    .collect::<DecodeResult<Vec<String>>>()?,
                _ => return Err(format!("{name}: expected a string or an array of strings")),
            };
        }
        Ok(out)
    }
}

/// True when the raw value is the literal `null`.
pub(crate) fn is_null(raw: &RawValue) -> bool {
    raw.get().trim() == "null"
}

/// A cristalhq `NumericDate`: a JSON number, or a string holding one, read as float seconds.
pub(crate) fn numeric_date(raw: &RawValue, name: &str) -> DecodeResult<f64> {
    let text = raw.get().trim();
    let number = match text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
        // Go accepts a quoted valid JSON number for json.Number.
        Some(quoted) if is_json_number(quoted) => quoted,
        Some(_) => return Err(format!("{name}: invalid date format")),
        None => text,
    };
    if !is_json_number(number) {
        return Err(format!("{name}: invalid date format"));
    }
    match number.parse::<f64>() {
        Ok(value) if value.is_finite() => Ok(value),
        _ => Err(format!("{name}: invalid date format")),
    }
}

/// A Go `int64`: a JSON number written as an integer that fits in 64 bits.
pub(crate) fn int64(raw: &RawValue, name: &str) -> DecodeResult<i64> {
    let text = raw.get().trim();
    if !is_json_number(text) {
        return Err(format!("{name}: expected an integer"));
    }
    text.parse::<i64>()
        .map_err(|_| format!("{name}: expected a 64-bit integer"))
}

/// A Go `[]string`: an array whose `null` items become empty strings.
pub(crate) fn string_list(raw: &RawValue, name: &str) -> DecodeResult<Vec<String>> {
    let items: Vec<Option<String>> =
        serde_json::from_str(raw.get()).map_err(|_| format!("{name}: expected strings"))?;
    Ok(items.into_iter().map(Option::unwrap_or_default).collect())
}

/// The string gjson's `Result.String()` gives for a claim value.
pub(crate) fn gjson_string(raw: &RawValue) -> String {
    let text = raw.get().trim();
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(serde_json::Value::Bool(b)) => b.to_string(),
        Ok(serde_json::Value::Null) | Err(_) => String::new(),
        Ok(serde_json::Value::Number(_)) => {
            let digits = text.strip_prefix('-').unwrap_or(text);
            if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                text.to_string()
            } else {
                // Go's strconv.FormatFloat(f, 'f', -1, 64): shortest digits, no exponent.
                text.parse::<f64>()
                    .map(|f| f.to_string())
                    .unwrap_or_default()
            }
        }
        Ok(_) => text.to_string(),
    }
}

/// JSON number grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
fn is_json_number(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < bytes.len() && bytes[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start
    };
    if bytes.first() == Some(&b'-') {
        i += 1;
    }
    match bytes.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => {
            digits(&mut i);
        }
        _ => return false,
    }
    if bytes.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(bytes.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == bytes.len()
}

/// Go matches a JSON key to a field exactly or, failing that, under Unicode simple case folding.
/// Field names here are ASCII, and the only non-ASCII runes folding onto ASCII letters are
/// U+017F (long s, folds with `s`) and U+212A (Kelvin sign, folds with `k`).
fn go_field_matches(key: &str, field: &str) -> bool {
    if key == field {
        return true;
    }
    let mut key_chars = key.chars();
    for f in field.chars() {
        let Some(k) = key_chars.next() else {
            return false;
        };
        let k = match k {
            '\u{017F}' => 's',
            '\u{212A}' => 'k',
            other if other.is_ascii() => other.to_ascii_lowercase(),
            _ => return false,
        };
        if k != f.to_ascii_lowercase() {
            return false;
        }
    }
    key_chars.next().is_none()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn field_names_fold_like_go() {
        assert!(go_field_matches("sub", "sub"));
        assert!(go_field_matches("SUB", "sub"));
        assert!(go_field_matches("\u{017F}ub", "sub"));
        assert!(go_field_matches("b64info", "b64info"));
        assert!(!go_field_matches("subs", "sub"));
        assert!(!go_field_matches("su", "sub"));
        assert!(!go_field_matches("süb", "sub"));
    }

    #[test]
    fn later_members_win_and_null_is_skipped_for_strings() {
        let obj = Object::parse(r#"{"sub":"a","Sub":"b","SUB":null}"#).unwrap();
        assert_eq!(obj.string("sub").unwrap().as_deref(), Some("b"));
        let obj = Object::parse(r#"{"sub":1}"#).unwrap();
        assert!(obj.string("sub").is_err());
    }

    #[test]
    fn numbers_follow_go() {
        let raw = |s: &str| RawValue::from_string(s.to_string()).unwrap();
        assert_eq!(numeric_date(&raw("1.5"), "exp").unwrap(), 1.5);
        assert_eq!(numeric_date(&raw("\"12\""), "exp").unwrap(), 12.0);
        assert!(numeric_date(&raw("\"x\""), "exp").is_err());
        assert!(numeric_date(&raw("1e400"), "exp").is_err());
        assert!(numeric_date(&raw("true"), "exp").is_err());
        assert_eq!(int64(&raw("-3"), "expire_at").unwrap(), -3);
        assert!(int64(&raw("1.0"), "expire_at").is_err());
        assert!(int64(&raw("99999999999999999999"), "expire_at").is_err());
        assert_eq!(gjson_string(&raw("42")), "42");
        assert_eq!(gjson_string(&raw("1.50")), "1.5");
        assert_eq!(gjson_string(&raw("1e3")), "1000");
        assert_eq!(gjson_string(&raw("\"u\"")), "u");
        assert_eq!(gjson_string(&raw("null")), "");
        assert_eq!(gjson_string(&raw("{\"a\": 1}")), "{\"a\": 1}");
        assert!(is_json_number("-0.5e+3"));
        assert!(!is_json_number("01"));
        assert!(!is_json_number("+1"));
        assert!(!is_json_number("1."));
    }
}
