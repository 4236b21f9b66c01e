//! Go-compatible durations: parse "25s", "1m30s", "720h"; format like Go's `time.Duration.String()`.
//!
//! Use as `#[serde(with = "crate::config::duration")]` on `std::time::Duration` fields. Strings use
//! Go's `time.ParseDuration` grammar; bare integers are nanoseconds, as Go's viper/mapstructure
//! decode numbers into `time.Duration`.

use std::cell::Cell;
use std::fmt;
use std::time::Duration;

use serde::de::{self, Visitor};
use serde::{Deserializer, Serializer};

/// The message every duration decode error carries, so users see the expected shape.
pub const EXPECTED: &str = "expected a duration like \"25s\"";

/// Prefix marking a duration leaf while the key schema is built (see `with_schema_marks`).
/// A NUL byte cannot appear in a formatted duration, so it never collides with real values.
pub(crate) const SCHEMA_MARKER: &str = "\u{0}duration:";

thread_local! {
    static MARK_DURATIONS: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` with duration serialization emitting `SCHEMA_MARKER`-prefixed strings, so the schema
/// builder can tell a duration leaf from a plain string leaf in `serde_json::to_value` output.
pub(crate) fn with_schema_marks<T>(f: impl FnOnce() -> T) -> T {
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            MARK_DURATIONS.with(|m| m.set(false));
        }
    }
    MARK_DURATIONS.with(|m| m.set(true));
    let _reset = Reset;
    f()
}

/// Nanoseconds per unit suffix accepted by Go's `time.ParseDuration`.
fn unit_nanos(unit: &str) -> Option<u128> {
    Some(match unit {
        "ns" => 1,
        "us" | "\u{b5}s" | "\u{3bc}s" => 1_000,
        "ms" => 1_000_000,
        "s" => 1_000_000_000,
        "m" => 60 * 1_000_000_000,
        "h" => 3_600 * 1_000_000_000,
        _ => return None,
    })
}

/// Largest duration Go can represent (`int64` nanoseconds); larger inputs are rejected like Go does.
const MAX_NANOS: u128 = i64::MAX as u128;

/// Parses a Go duration string ("300ms", "1h", "1m30s", "1.5s", "0"). Negative durations are
/// rejected because every Centrifugo duration key is a non-negative interval.
pub fn parse(input: &str) -> Result<Duration, String> {
    let bad = || format!("{EXPECTED}, got {input:?}");
    let mut s = input;
    let mut negative = false;
    if let Some(rest) = s.strip_prefix('-') {
        negative = true;
        s = rest;
    } else if let Some(rest) = s.strip_prefix('+') {
        s = rest;
    }
    if s == "0" {
        return Ok(Duration::ZERO);
    }
    if s.is_empty() {
        return Err(bad());
    }
    let mut total: u128 = 0;
    while !s.is_empty() {
        let int_len = s.bytes().take_while(u8::is_ascii_digit).count();
        let (int_part, rest) = s.split_at(int_len);
        let (frac_part, rest) = match rest.strip_prefix('.') {
            Some(after) => {
                let n = after.bytes().take_while(u8::is_ascii_digit).count();
                after.split_at(n)
            }
            None => ("", rest),
        };
        if int_part.is_empty() && frac_part.is_empty() {
            return Err(bad());
        }
        let unit_len = rest
            .char_indices()
            .find(|(_, c)| c.is_ascii_digit() || *c == '.')
            .map_or(rest.len(), |(i, _)| i);
        let (unit, rest) = rest.split_at(unit_len);
        let per_unit = unit_nanos(unit).ok_or_else(bad)?;
        let whole: u128 = if int_part.is_empty() {
            0
        } else {
            int_part.parse().map_err(|_| bad())?
        };
        // Go keeps at most int64 precision; 18 fractional digits is more than nanoseconds need.
        let frac_digits = &frac_part[..frac_part.len().min(18)];
        let frac_value: u128 = if frac_digits.is_empty() {
            0
        } else {
            frac_digits.parse().map_err(|_| bad())?
        };
        let scale = 10u128.pow(frac_digits.len() as u32);
        let nanos = whole
            .checked_mul(per_unit)
            .and_then(|n| n.checked_add(frac_value * per_unit / scale))
            .ok_or_else(bad)?;
        total = total.checked_add(nanos).ok_or_else(bad)?;
        if total > MAX_NANOS {
            return Err(format!("duration {input:?} is out of range"));
        }
        s = rest;
    }
    if negative && total != 0 {
        return Err(format!("negative duration {input:?} is not allowed"));
    }
    Ok(nanos_to_duration(total))
}

fn nanos_to_duration(nanos: u128) -> Duration {
    let secs = (nanos / 1_000_000_000) as u64;
    let sub = (nanos % 1_000_000_000) as u32;
    Duration::new(secs, sub)
}

/// Writes `value / unit` with a trimmed decimal fraction, as Go's formatter does ("1.5ms").
fn push_fraction(out: &mut String, value: u128, unit: u128) {
    out.push_str(&(value / unit).to_string());
    let rem = value % unit;
    if rem != 0 {
        let width = unit.to_string().len() - 1;
        let digits = format!("{rem:0width$}");
        out.push('.');
        out.push_str(digits.trim_end_matches('0'));
    }
}

/// Formats like Go's `time.Duration.String()`: "0s", "300ms", "25s", "1m30s", "720h0m0s".
pub fn format(d: Duration) -> String {
    let total = d.as_nanos();
    let mut out = String::new();
    if total == 0 {
        return "0s".to_string();
    }
    if total < 1_000_000_000 {
        let (unit, suffix) = if total < 1_000 {
            (1, "ns")
        } else if total < 1_000_000 {
            (1_000, "\u{b5}s")
        } else {
            (1_000_000, "ms")
        };
        push_fraction(&mut out, total, unit);
        out.push_str(suffix);
        return out;
    }
    let secs = total / 1_000_000_000;
    let (hours, minutes) = (secs / 3600, (secs % 3600) / 60);
    if hours > 0 {
        out.push_str(&format!("{hours}h"));
    }
    if hours > 0 || minutes > 0 {
        out.push_str(&format!("{minutes}m"));
    }
    push_fraction(&mut out, total % 60_000_000_000, 1_000_000_000);
    out.push('s');
    out
}

/// Serde `serialize_with`: a Go-style duration string.
pub fn serialize<S: Serializer>(d: &Duration, serializer: S) -> Result<S::Ok, S::Error> {
    if MARK_DURATIONS.with(Cell::get) {
        return serializer.serialize_str(&format!("{SCHEMA_MARKER}{}", format(*d)));
    }
    serializer.serialize_str(&format(*d))
}

/// Serde `deserialize_with`: a Go duration string, or integer nanoseconds.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Duration, D::Error> {
    deserializer.deserialize_any(DurationVisitor)
}

struct DurationVisitor;

impl Visitor<'_> for DurationVisitor {
    type Value = Duration;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(EXPECTED)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Duration, E> {
        parse(v).map_err(E::custom)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Duration, E> {
        Ok(Duration::from_nanos(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Duration, E> {
        u64::try_from(v)
            .map(Duration::from_nanos)
            .map_err(|_| E::custom(format!("negative duration {v} is not allowed")))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Duration, E> {
        if v.is_finite() && v >= 0.0 && v.fract() == 0.0 && v <= MAX_NANOS as f64 {
            Ok(Duration::from_nanos(v as u64))
        } else {
            Err(E::custom(format!("{EXPECTED}, got {v}")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_go_durations() {
        assert_eq!(parse("25s"), Ok(Duration::from_secs(25)));
        assert_eq!(parse("300ms"), Ok(Duration::from_millis(300)));
        assert_eq!(parse("1h"), Ok(Duration::from_secs(3600)));
        assert_eq!(parse("720h"), Ok(Duration::from_secs(720 * 3600)));
        assert_eq!(parse("1m30s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse("1.5s"), Ok(Duration::from_millis(1500)));
        assert_eq!(parse("0"), Ok(Duration::ZERO));
        assert_eq!(parse("10us"), Ok(Duration::from_micros(10)));
        assert_eq!(parse("2\u{b5}s"), Ok(Duration::from_micros(2)));
        assert_eq!(parse("5ns"), Ok(Duration::from_nanos(5)));
    }

    #[test]
    fn rejects_bad_durations() {
        for bad in [
            "", "25", "25x", "s", "1.s.", "-5s", "1h-2m", " 1s", "abc", ".",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} should be rejected");
        }
        assert!(parse("9999999999h").is_err());
    }

    #[test]
    fn formats_like_go() {
        assert_eq!(format(Duration::ZERO), "0s");
        assert_eq!(format(Duration::from_secs(25)), "25s");
        assert_eq!(format(Duration::from_millis(300)), "300ms");
        assert_eq!(format(Duration::from_millis(1000)), "1s");
        assert_eq!(format(Duration::from_millis(1500)), "1.5s");
        assert_eq!(format(Duration::from_secs(90)), "1m30s");
        assert_eq!(format(Duration::from_secs(720 * 3600)), "720h0m0s");
        assert_eq!(format(Duration::from_micros(1500)), "1.5ms");
        assert_eq!(format(Duration::from_nanos(7)), "7ns");
    }

    #[test]
    fn format_round_trips() {
        for s in [
            "25s",
            "300ms",
            "1h0m0s",
            "1m30s",
            "1.25s",
            "720h0m0s",
            "1.5\u{b5}s",
        ] {
            let d = parse(s).unwrap_or_default();
            assert_eq!(format(d), s);
        }
    }
}
