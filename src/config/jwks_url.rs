//! Templated JWKS endpoints: `{{name}}` placeholders in `jwks_public_endpoint`, filled from the
//! named groups of `issuer_regex` / `audience_regex` as matched against the (still unverified)
//! token's `iss` / `aud`.
//!
//! Two layers keep a token from choosing where its keys come from (CVE-2026-32301):
//! * at startup every group a placeholder uses must be an explicit alternation of literals such
//!   as `(?P<tenant>acme|globex)` (unless `insecure_skip_jwks_endpoint_safety_check`), and a
//!   placeholder without a group is an error;
//! * at run time every substituted value must be a plain URL segment: ASCII letters, digits and
//!   `-._~!$&'()*+,;=` only (so no `/ \ @ : ? # %`, whitespace, control or non-ASCII characters),
//!   not empty, not `.`, without `..`. This holds even when the startup check is skipped.

use std::collections::HashMap;

use regex_syntax::ast::{self, Ast};

use super::TokenConfig;

/// Values of the regex groups, by group name.
pub(crate) type Vars = HashMap<String, String>;

/// A parsed `jwks_public_endpoint`.
#[derive(Debug, Clone)]
pub(crate) struct UrlTemplate {
    parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    Var(String),
}

/// A JWKS setting that cannot be used: the `TokenConfig` field at fault and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SetupError {
    pub setting: &'static str,
    pub reason: String,
}

fn setup(setting: &'static str, reason: impl Into<String>) -> SetupError {
    SetupError {
        setting,
        reason: reason.into(),
    }
}

impl UrlTemplate {
    /// Splits the endpoint into text and `{{name}}` placeholders and checks it is an http(s) URL.
    pub(crate) fn parse(endpoint: &str) -> Result<UrlTemplate, String> {
        let mut parts = Vec::new();
        let mut rest = endpoint;
        while let Some(start) = rest.find("{{") {
            let after = &rest[start + 2..];
            let Some(end) = after.find("}}") else {
                return Err("unterminated {{ placeholder".into());
            };
            let name = &after[..end];
            if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
                return Err(format!(
                    "placeholder {{{{{name}}}}} must be a regex group name ([A-Za-z0-9_]+)"
                ));
            }
            if start > 0 {
                parts.push(Part::Text(rest[..start].to_string()));
            }
            parts.push(Part::Var(name.to_string()));
            rest = &after[end + 2..];
        }
        if !rest.is_empty() {
            parts.push(Part::Text(rest.to_string()));
        }
        let template = UrlTemplate { parts };
        // With every placeholder standing for a plain segment the result must be a web URL.
        let sample = template.fill(|_| "x");
        parse_web_url(&sample)?;
        Ok(template)
    }

    /// Whether the URL depends on the token.
    pub(crate) fn is_templated(&self) -> bool {
        self.vars().next().is_some()
    }

    /// Placeholder names in order of appearance.
    pub(crate) fn vars(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(|p| match p {
            Part::Var(name) => Some(name.as_str()),
            Part::Text(_) => None,
        })
    }

    fn fill<'a>(&'a self, mut value: impl FnMut(&'a str) -> &'a str) -> String {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Text(text) => out.push_str(text),
                Part::Var(name) => out.push_str(value(name)),
            }
        }
        out
    }

    /// The endpoint for one token, or why its claim values may not be used in a URL.
    pub(crate) fn resolve(&self, vars: &Vars) -> Result<String, String> {
        for name in self.vars() {
            let value = vars.get(name).map(String::as_str).unwrap_or("");
            if !is_safe_value(value) {
                return Err(format!(
                    "value {value:?} for JWKS URL placeholder {{{{{name}}}}} is not allowed"
                ));
            }
        }
        let resolved = self.fill(|name| vars.get(name).map(String::as_str).unwrap_or(""));
        // URL parsing would quietly remove dot segments; refuse them before it can.
        if has_dot_segment(&resolved) {
            return Err("JWKS URL path contains dot segments".into());
        }
        Ok(parse_web_url(&resolved)?.as_str().to_string())
    }
}

/// Whether the path of an absolute URL has a `.` or `..` segment.
fn has_dot_segment(url: &str) -> bool {
    let before_query = url.split(['?', '#']).next().unwrap_or_default();
    let after_scheme = before_query
        .split_once("://")
        .map_or(before_query, |(_, rest)| rest);
    after_scheme.find(['/', '\\']).is_some_and(|i| {
        after_scheme[i..]
            .split(['/', '\\'])
            .any(|segment| segment == "." || segment == "..")
    })
}

/// An absolute http(s) URL with a host.
fn parse_web_url(text: &str) -> Result<reqwest::Url, String> {
    let url = reqwest::Url::parse(text).map_err(|e| format!("not a valid URL: {e}"))?;
    if url.scheme() != "http" && url.scheme() != "https" {
        return Err(format!(
            "endpoint must have http:// or https:// scheme, got {:?}",
            url.scheme()
        ));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err("endpoint must have a host".into());
    }
    Ok(url)
}

/// A value that can only fill the segment it stands in: it cannot add a host, port, user, path
/// segment, query or fragment, nor percent-encode one, nor be a dot segment.
pub(crate) fn is_safe_value(value: &str) -> bool {
    !value.is_empty()
        && value != "."
        && !value.contains("..")
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=".contains(&b))
}

/// The startup check of one `client.token` / `client.subscription_token` section: `None` without
/// `jwks_public_endpoint`, else the template. `Err` names the setting at fault.
pub(crate) fn check(settings: &TokenConfig) -> Result<Option<UrlTemplate>, SetupError> {
    Ok(checked(settings)?.map(|(template, _)| template))
}

/// [`check`], also returning the problem `insecure_skip_jwks_endpoint_safety_check` let through.
pub(crate) fn checked(
    settings: &TokenConfig,
) -> Result<Option<(UrlTemplate, Option<SetupError>)>, SetupError> {
    if settings.jwks_public_endpoint.is_empty() {
        return Ok(None);
    }
    let template = UrlTemplate::parse(&settings.jwks_public_endpoint)
        .map_err(|e| setup("jwks_public_endpoint", e))?;
    if !template.is_templated() {
        return Ok(Some((template, None)));
    }
    let regexes = [
        ("issuer_regex", settings.issuer_regex.as_str()),
        ("audience_regex", settings.audience_regex.as_str()),
    ];
    let mut groups: Vec<(&'static str, String, Ast)> = Vec::new();
    for (setting, pattern) in regexes {
        if pattern.is_empty() {
            continue;
        }
        let parsed = ast::parse::Parser::new()
            .parse(pattern)
            .map_err(|e| setup(setting, e.to_string()))?;
        let mut found = Vec::new();
        named_groups(&parsed, &mut found);
        groups.extend(
            found
                .into_iter()
                .map(|(name, tree)| (setting, name.to_string(), tree.clone())),
        );
    }
    let mut unsafe_groups = Vec::new();
    for var in template.vars() {
        let used: Vec<_> = groups.iter().filter(|(_, name, _)| name == var).collect();
        if used.is_empty() {
            return Err(setup(
                "jwks_public_endpoint",
                format!(
                    "placeholder {{{{{var}}}}} has no named group (?P<{var}>...) in issuer_regex or audience_regex"
                ),
            ));
        }
        for (setting, name, tree) in used {
            if !is_literal_alternation(tree) {
                unsafe_groups.push(setup(
                    setting,
                    format!(
                        "named group {name:?} is used in jwks_public_endpoint, so it must be an explicit \
                         list of allowed values (e.g. (?P<{name}>acme|globex)); \
                         insecure_skip_jwks_endpoint_safety_check turns this check off"
                    ),
                ));
            }
        }
    }
    let skipped = unsafe_groups.into_iter().next();
    if let Some(first) = skipped.clone() {
        if !settings.insecure_skip_jwks_endpoint_safety_check {
            return Err(first);
        }
    }
    Ok(Some((template, skipped)))
}

/// Every named capture group of the pattern with its sub-expression.
fn named_groups<'a>(tree: &'a Ast, out: &mut Vec<(&'a str, &'a Ast)>) {
    match tree {
        Ast::Group(group) => {
            if let ast::GroupKind::CaptureName { name, .. } = &group.kind {
                out.push((name.name.as_str(), &group.ast));
            }
            named_groups(&group.ast, out);
        }
        Ast::Repetition(rep) => named_groups(&rep.ast, out),
        Ast::Alternation(alt) => alt.asts.iter().for_each(|a| named_groups(a, out)),
        Ast::Concat(cat) => cat.asts.iter().for_each(|a| named_groups(a, out)),
        _ => {}
    }
}

/// Matches only a finite set of fixed strings, written out: literals, concatenations,
/// alternations and plain groups of them. No classes, dots, repetitions, assertions or flags.
fn is_literal_alternation(tree: &Ast) -> bool {
    match tree {
        Ast::Empty(_) | Ast::Literal(_) => true,
        Ast::Concat(cat) => cat.asts.iter().all(is_literal_alternation),
        Ast::Alternation(alt) => alt.asts.iter().all(is_literal_alternation),
        Ast::Group(group) => {
            let plain = match &group.kind {
                ast::GroupKind::NonCapturing(flags) => flags.items.is_empty(),
                _ => true,
            };
            plain && is_literal_alternation(&group.ast)
        }
        _ => false,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn settings(endpoint: &str, issuer_regex: &str, audience_regex: &str) -> TokenConfig {
        TokenConfig {
            jwks_public_endpoint: endpoint.into(),
            issuer_regex: issuer_regex.into(),
            audience_regex: audience_regex.into(),
            ..TokenConfig::default()
        }
    }

    fn vars(pairs: &[(&str, &str)]) -> Vars {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn plain_endpoint() {
        let t = UrlTemplate::parse("https://auth.example.com/.well-known/jwks.json").unwrap();
        assert!(!t.is_templated());
        assert_eq!(
            t.resolve(&Vars::new()).unwrap(),
            "https://auth.example.com/.well-known/jwks.json"
        );
        for bad in [
            "ftp://example.com/jwks",
            "example.com/jwks",
            "/jwks",
            "https://",
            "https://example.com/{{unterminated",
            "https://example.com/{{}}/jwks",
            "https://example.com/{{a-b}}/jwks",
            "{{scheme}}://example.com/jwks",
        ] {
            assert!(UrlTemplate::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn substitution() {
        let t = UrlTemplate::parse("https://{{tenant}}.example.com/{{realm}}/jwks?v={{tenant}}")
            .unwrap();
        assert_eq!(t.vars().collect::<Vec<_>>(), ["tenant", "realm", "tenant"]);
        let url = t
            .resolve(&vars(&[("tenant", "acme"), ("realm", "main")]))
            .unwrap();
        assert_eq!(url, "https://acme.example.com/main/jwks?v=acme");
        // A missing or empty value is refused rather than producing a different URL.
        assert!(t.resolve(&vars(&[("tenant", "acme")])).is_err());
        assert!(t
            .resolve(&vars(&[("tenant", "acme"), ("realm", "")]))
            .is_err());
    }

    #[test]
    fn unsafe_values_are_refused() {
        let t = UrlTemplate::parse("https://example.com/{{tenant}}/jwks.json").unwrap();
        for bad in [
            "evil.com/x",
            "a\\b",
            "user@evil.com",
            "evil.com:8080",
            "a?b",
            "a#b",
            "%2e%2e",
            "%2F",
            "a b",
            "a\tb",
            "a\nb",
            "..",
            ".",
            "a..b",
            "",
            "ünicode",
            "a\u{ff0f}b",
            "a[b]",
            "a<b",
        ] {
            assert!(!is_safe_value(bad), "{bad:?}");
            assert!(t.resolve(&vars(&[("tenant", bad)])).is_err(), "{bad:?}");
        }
        for ok in ["acme", "tenant-b", "a.b", "A_1~", "x+y=z"] {
            assert!(is_safe_value(ok), "{ok:?}");
            assert!(t.resolve(&vars(&[("tenant", ok)])).is_ok(), "{ok:?}");
        }
        // Even in the host a safe value stays inside it.
        let t = UrlTemplate::parse("https://{{tenant}}.auth.example.com/jwks").unwrap();
        let url = t.resolve(&vars(&[("tenant", "acme")])).unwrap();
        assert_eq!(
            reqwest::Url::parse(&url).unwrap().host_str(),
            Some("acme.auth.example.com")
        );
        assert!(t.resolve(&vars(&[("tenant", "evil.com/")])).is_err());
        assert!(has_dot_segment("https://h/a/../b"));
        assert!(has_dot_segment("https://h/a/."));
        assert!(!has_dot_segment("https://h/a/.b/c..?x=/../"));
    }

    #[test]
    fn startup_check_accepts_literal_alternations() {
        for (iss, aud) in [
            (r"^https://(?P<tenant>acme|globex)\.example\.com$", ""),
            (r"^(?P<tenant>acme)$", ""),
            (r"^(?P<tenant>test1|test2|(?:x|y)z)$", ""),
            (r"^(?P<tenant>a\.b|c\-d)$", ""),
            ("", r"^aud-(?P<tenant>acme|globex)$"),
            // The group repeated still captures one of its literals.
            (r"^(?:(?P<tenant>acme|globex)/)+$", ""),
            // Classes or wildcards elsewhere in the pattern do not reach the URL.
            (r"^[a-z]+-(?P<tenant>acme|globex)\.\w+$", ""),
        ] {
            let s = settings("https://example.com/{{tenant}}/jwks", iss, aud);
            assert!(check(&s).unwrap().is_some(), "{iss} {aud}");
        }
        assert!(check(&TokenConfig::default()).unwrap().is_none());
    }

    #[test]
    fn startup_check_refuses_open_groups() {
        for pattern in [
            r"^(?P<tenant>.+)$",
            r"^(?P<tenant>[a-z]+)$",
            r"^(?P<tenant>\w+)$",
            r"^(?P<tenant>acme|\d)$",
            r"^(?P<tenant>acme|glob.x)$",
            r"^(?P<tenant>(?:acme)*)$",
            r"^(?P<tenant>(?i)acme)$",
            r"^(?P<tenant>(?i:acme))$",
            r"^(?P<tenant>\pL+)$",
            r"^(?P<tenant>acme$|globex)$",
        ] {
            let s = settings("https://example.com/{{tenant}}/jwks", pattern, "");
            let Err(err) = check(&s) else {
                panic!("{pattern} accepted");
            };
            assert_eq!(err.setting, "issuer_regex", "{pattern}");
            assert!(err.reason.contains("\"tenant\""), "{}", err.reason);
            // The escape hatch lets it start; run-time value checks still apply.
            let skipped = TokenConfig {
                insecure_skip_jwks_endpoint_safety_check: true,
                ..s
            };
            let (_, let_through) = checked(&skipped).unwrap().unwrap();
            assert_eq!(let_through.unwrap().setting, "issuer_regex", "{pattern}");
        }
        let s = settings(
            "https://example.com/{{tenant}}/jwks",
            "",
            r"^(?P<tenant>.*)$",
        );
        assert_eq!(check(&s).unwrap_err().setting, "audience_regex");
    }

    #[test]
    fn startup_check_needs_a_group_for_each_placeholder() {
        let s = settings(
            "https://example.com/{{tenant}}/{{realm}}/jwks",
            r"^(?P<tenant>acme|globex)$",
            "",
        );
        let err = check(&s).unwrap_err();
        assert_eq!(err.setting, "jwks_public_endpoint");
        assert!(err.reason.contains("{{realm}}"), "{}", err.reason);
        // The escape hatch does not cover a missing group.
        let skipped = TokenConfig {
            insecure_skip_jwks_endpoint_safety_check: true,
            ..s
        };
        assert_eq!(check(&skipped).unwrap_err().setting, "jwks_public_endpoint");
        // No regex at all.
        let s = settings("https://example.com/{{tenant}}/jwks", "", "");
        assert_eq!(check(&s).unwrap_err().setting, "jwks_public_endpoint");
        // A group in one regex and an unsafe same-named group in the other: refused.
        let s = settings(
            "https://example.com/{{tenant}}/jwks",
            r"^(?P<tenant>acme)$",
            r"^(?P<tenant>.+)$",
        );
        assert_eq!(check(&s).unwrap_err().setting, "audience_regex");
        // A bad URL names the endpoint.
        let s = settings("ftp://example.com/{{tenant}}", r"^(?P<tenant>acme)$", "");
        assert_eq!(check(&s).unwrap_err().setting, "jwks_public_endpoint");
    }
}
