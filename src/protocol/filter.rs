//! Publication tags filters (`SubscribeRequest.tf`, since Centrifugo v6.4): a tree of `and`/`or`/`not`
//! nodes over leaf comparisons of one tag. Validated once at subscribe time, then matched against the
//! tags of every publication the subscriber would get (live and recovered).

use serde::Deserialize;

/// One node of a filter: a leaf comparison when `op` is empty, else a logical node over `nodes`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct FilterNode {
    pub op: String,
    pub key: String,
    pub cmp: String,
    pub val: String,
    pub vals: Vec<String>,
    pub nodes: Vec<FilterNode>,
}

/// Deepest nesting accepted; deeper trees are refused as malformed rather than risk the stack.
const MAX_DEPTH: usize = 32;

/// Checks that the tree is well formed; the error names the first problem.
pub(crate) fn validate(f: &FilterNode) -> Result<(), String> {
    validate_at(f, 0)
}

fn validate_at(f: &FilterNode, depth: usize) -> Result<(), String> {
    if depth > MAX_DEPTH {
        return Err(format!("filter nested deeper than {MAX_DEPTH}"));
    }
    match f.op.as_str() {
        "" => {
            let (has_val, has_vals) = (!f.val.is_empty(), !f.vals.is_empty());
            match f.cmp.as_str() {
                "" => return Err("leaf node must have cmp set".into()),
                "eq" | "neq" | "sw" | "ew" | "ct" | "gt" | "gte" | "lt" | "lte" => {
                    if !has_val || has_vals {
                        return Err(format!("{} needs val and no vals", f.cmp));
                    }
                }
                "in" | "nin" => {
                    if !has_vals || has_val {
                        return Err(format!("{} needs vals and no val", f.cmp));
                    }
                }
                "ex" | "nex" => {
                    if has_val || has_vals {
                        return Err(format!("{} takes neither val nor vals", f.cmp));
                    }
                }
                other => return Err(format!("unknown comparison {other:?}")),
            }
            if f.key.is_empty() && f.cmp != "ex" && f.cmp != "nex" {
                return Err("leaf node requires key".into());
            }
            Ok(())
        }
        "and" | "or" => {
            if f.nodes.is_empty() {
                return Err(format!("{} needs at least one node", f.op));
            }
            f.nodes.iter().try_for_each(|n| validate_at(n, depth + 1))
        }
        "not" => match f.nodes.as_slice() {
            [n] => validate_at(n, depth + 1),
            _ => Err("not needs exactly one node".into()),
        },
        other => Err(format!("unknown op {other:?}")),
    }
}

/// Whether a publication with `tags` passes the (validated) filter.
pub(crate) fn matches(f: &FilterNode, tags: &[(String, String)]) -> bool {
    match f.op.as_str() {
        "and" => f.nodes.iter().all(|n| matches(n, tags)),
        "or" => f.nodes.iter().any(|n| matches(n, tags)),
        "not" => f.nodes.len() == 1 && !matches(&f.nodes[0], tags),
        "" => {
            let tag = tags
                .iter()
                .find(|(k, _)| *k == f.key)
                .map(|(_, v)| v.as_str());
            match f.cmp.as_str() {
                "eq" => tag == Some(f.val.as_str()),
                "neq" => tag != Some(f.val.as_str()),
                // A missing tag compares as the empty string, as in Centrifugo.
                "in" => f.vals.iter().any(|v| v == tag.unwrap_or("")),
                "nin" => !f.vals.iter().any(|v| v == tag.unwrap_or("")),
                "ex" => tag.is_some(),
                "nex" => tag.is_none(),
                "sw" => tag.is_some_and(|t| t.starts_with(&f.val)),
                "ew" => tag.is_some_and(|t| t.ends_with(&f.val)),
                "ct" => tag.is_some_and(|t| t.contains(&f.val)),
                cmp @ ("gt" | "gte" | "lt" | "lte") => {
                    let (Some(a), Some(b)) = (tag.and_then(Decimal::parse), Decimal::parse(&f.val))
                    else {
                        return false;
                    };
                    let ord = a.cmp(&b);
                    match cmp {
                        "gt" => ord.is_gt(),
                        "gte" => ord.is_ge(),
                        "lt" => ord.is_lt(),
                        _ => ord.is_le(),
                    }
                }
                _ => false,
            }
        }
        _ => false,
    }
}

/// An exact decimal (`-12.50`, `3`, `.5`): compared digit by digit, so no precision is lost.
#[derive(Debug, PartialEq, Eq)]
struct Decimal<'a> {
    negative: bool,
    /// Integer digits without leading zeros.
    int: &'a str,
    /// Fraction digits without trailing zeros.
    frac: &'a str,
}

impl<'a> Decimal<'a> {
    fn parse(s: &'a str) -> Option<Decimal<'a>> {
        let (negative, digits) = match s.as_bytes().first()? {
            b'-' => (true, &s[1..]),
            b'+' => (false, &s[1..]),
            _ => (false, s),
        };
        let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
        let all_digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
        if (int.is_empty() && frac.is_empty()) || !all_digits(int) || !all_digits(frac) {
            return None;
        }
        let int = int.trim_start_matches('0');
        let frac = frac.trim_end_matches('0');
        // Zero has no sign.
        let negative = negative && !(int.is_empty() && frac.is_empty());
        Some(Decimal {
            negative,
            int,
            frac,
        })
    }

    fn cmp_magnitude(&self, other: &Decimal<'_>) -> std::cmp::Ordering {
        self.int
            .len()
            .cmp(&other.int.len())
            .then_with(|| self.int.cmp(other.int))
            .then_with(|| self.frac.cmp(other.frac))
    }

    fn cmp(&self, other: &Decimal<'_>) -> std::cmp::Ordering {
        match (self.negative, other.negative) {
            (false, true) => std::cmp::Ordering::Greater,
            (true, false) => std::cmp::Ordering::Less,
            (false, false) => self.cmp_magnitude(other),
            (true, true) => other.cmp_magnitude(self),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaf(key: &str, cmp: &str, val: &str) -> FilterNode {
        FilterNode {
            key: key.into(),
            cmp: cmp.into(),
            val: val.into(),
            ..Default::default()
        }
    }

    fn tags(kv: &[(&str, &str)]) -> Vec<(String, String)> {
        kv.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn leaf_comparisons() {
        let t = tags(&[("ticker", "BTC"), ("price", "50000.5")]);
        assert!(matches(&leaf("ticker", "eq", "BTC"), &t));
        assert!(!matches(&leaf("ticker", "neq", "BTC"), &t));
        assert!(matches(&leaf("missing", "neq", "BTC"), &t));
        assert!(matches(&leaf("ticker", "sw", "B"), &t));
        assert!(matches(&leaf("ticker", "ew", "TC"), &t));
        assert!(matches(&leaf("ticker", "ct", "T"), &t));
        assert!(matches(&leaf("ticker", "ex", ""), &t));
        assert!(matches(&leaf("nope", "nex", ""), &t));
        assert!(matches(&leaf("price", "gt", "50000"), &t));
        assert!(matches(&leaf("price", "gte", "50000.50"), &t));
        assert!(matches(&leaf("price", "lt", "100000"), &t));
        assert!(!matches(&leaf("price", "lte", "-1"), &t));
        assert!(!matches(&leaf("ticker", "gt", "1"), &t), "not a number");
        let within = FilterNode {
            key: "ticker".into(),
            cmp: "in".into(),
            vals: vec!["ETH".into(), "BTC".into()],
            ..Default::default()
        };
        assert!(matches(&within, &t));
        let missing_in_empty = FilterNode {
            key: "nope".into(),
            cmp: "in".into(),
            vals: vec!["".into()],
            ..Default::default()
        };
        assert!(matches(&missing_in_empty, &t));
    }

    #[test]
    fn logical_nodes() {
        let t = tags(&[("a", "1"), ("b", "2")]);
        let and = FilterNode {
            op: "and".into(),
            nodes: vec![leaf("a", "eq", "1"), leaf("b", "eq", "2")],
            ..Default::default()
        };
        assert!(matches(&and, &t));
        let or = FilterNode {
            op: "or".into(),
            nodes: vec![leaf("a", "eq", "x"), leaf("b", "eq", "2")],
            ..Default::default()
        };
        assert!(matches(&or, &t));
        let not = FilterNode {
            op: "not".into(),
            nodes: vec![or],
            ..Default::default()
        };
        assert!(!matches(&not, &t));
    }

    #[test]
    fn decimals_compare_exactly() {
        let d = |s| Decimal::parse(s).expect(s);
        assert!(d("10").cmp(&d("9.999")).is_gt());
        assert!(d("-10").cmp(&d("-9")).is_lt());
        assert!(d("0.10").cmp(&d(".1")).is_eq());
        assert!(d("-0").cmp(&d("0")).is_eq());
        assert!(d("123456789012345678901")
            .cmp(&d("123456789012345678900"))
            .is_gt());
        for bad in ["", "-", ".", "1e5", "NaN", "1.2.3", " 1"] {
            assert!(Decimal::parse(bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn validation() {
        assert!(validate(&leaf("a", "eq", "1")).is_ok());
        assert!(validate(&leaf("", "ex", "")).is_ok());
        assert!(validate(&leaf("a", "eq", "")).is_err());
        assert!(validate(&leaf("", "eq", "1")).is_err());
        assert!(validate(&leaf("a", "like", "1")).is_err());
        assert!(validate(&leaf("a", "", "1")).is_err());
        assert!(validate(&leaf("a", "ex", "1")).is_err());
        assert!(validate(&leaf("a", "in", "1")).is_err());
        let empty_and = FilterNode {
            op: "and".into(),
            ..Default::default()
        };
        assert!(validate(&empty_and).is_err());
        let two_not = FilterNode {
            op: "not".into(),
            nodes: vec![leaf("a", "ex", ""), leaf("b", "ex", "")],
            ..Default::default()
        };
        assert!(validate(&two_not).is_err());
        let mut deep = leaf("a", "ex", "");
        for _ in 0..40 {
            deep = FilterNode {
                op: "not".into(),
                nodes: vec![deep],
                ..Default::default()
            };
        }
        assert!(validate(&deep).is_err());
    }
}
