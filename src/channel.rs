//! Channel name grammar (namespace, private prefix, user-limited `#`) and namespace -> options lookup.

use crate::config::{Channel as ChannelConfig, ChannelOptions};
use crate::protocol::ErrorCode;
use std::collections::HashMap;

/// Resolves channel names against the configured namespaces.
#[derive(Debug, Clone)]
pub struct ChannelRules {
    cfg: ChannelConfig,
    by_name: HashMap<String, usize>,
    regexes: Vec<Option<regex::Regex>>,
    root_regex: Option<regex::Regex>,
}

fn compile(re: &str) -> Option<regex::Regex> {
    if re.is_empty() {
        None
    } else {
        // An invalid regex is rejected by config validation; here it simply means "no constraint".
        regex::Regex::new(re).ok()
    }
}

impl ChannelRules {
    pub fn new(cfg: &ChannelConfig) -> ChannelRules {
        let by_name = cfg
            .namespaces
            .iter()
            .enumerate()
            .map(|(i, ns)| (ns.name.clone(), i))
            .collect();
        let regexes = cfg
            .namespaces
            .iter()
            .map(|ns| compile(&ns.options.channel_regex))
            .collect();
        ChannelRules {
            cfg: cfg.clone(),
            by_name,
            regexes,
            root_regex: compile(&cfg.without_namespace.channel_regex),
        }
    }

    /// The channel name without a leading private prefix.
    fn body<'a>(&self, channel: &'a str) -> &'a str {
        channel
            .strip_prefix(self.cfg.private_prefix.as_str())
            .unwrap_or(channel)
    }

    /// The namespace name of a channel ("" when it has none).
    pub fn namespace_name<'a>(&self, channel: &'a str) -> &'a str {
        let body = self.body(channel);
        match body.find(self.cfg.namespace_boundary.as_str()) {
            Some(i) if !self.cfg.namespace_boundary.is_empty() => &body[..i],
            _ => "",
        }
    }

    fn lookup(&self, channel: &str) -> Result<(Option<usize>, &ChannelOptions), ErrorCode> {
        if channel.is_empty() {
            return Err(ErrorCode::UNKNOWN_CHANNEL);
        }
        let ns = self.namespace_name(channel);
        if ns.is_empty() {
            return Ok((None, &self.cfg.without_namespace));
        }
        match self.by_name.get(ns) {
            Some(&i) => Ok((Some(i), &self.cfg.namespaces[i].options)),
            None => Err(ErrorCode::UNKNOWN_CHANNEL),
        }
    }

    /// Channel options, or 102 for an empty channel / unknown namespace.
    pub fn options(&self, channel: &str) -> Result<&ChannelOptions, ErrorCode> {
        self.lookup(channel).map(|(_, o)| o)
    }

    /// Options plus name checks for client-side operations (length, ASCII, `channel_regex`): 102 or 107.
    pub fn client_options(&self, channel: &str) -> Result<&ChannelOptions, ErrorCode> {
        let (idx, opts) = self.lookup(channel)?;
        if channel.len() > self.cfg.max_length {
            return Err(ErrorCode::BAD_REQUEST);
        }
        let re = match idx {
            Some(i) => self.regexes.get(i).and_then(|r| r.as_ref()),
            None => self.root_regex.as_ref(),
        };
        match re {
            Some(re) => {
                let body = self.body(channel);
                let rest = match idx {
                    Some(_) => body
                        .find(self.cfg.namespace_boundary.as_str())
                        .map(|i| &body[i + self.cfg.namespace_boundary.len()..])
                        .unwrap_or(body),
                    None => body,
                };
                if !re.is_match(rest) {
                    return Err(ErrorCode::BAD_REQUEST);
                }
            }
            None => {
                if !channel.is_ascii() {
                    return Err(ErrorCode::BAD_REQUEST);
                }
            }
        }
        Ok(opts)
    }

    /// Legacy private channel (`$` prefix): subscribing needs a token.
    pub fn is_private(&self, channel: &str) -> bool {
        !self.cfg.private_prefix.is_empty() && channel.starts_with(self.cfg.private_prefix.as_str())
    }

    /// User-limited channel (`#`), meaningful only when the namespace allows it.
    pub fn is_user_limited(&self, channel: &str, opts: &ChannelOptions) -> bool {
        opts.allow_user_limited_channels
            && !self.cfg.user_boundary.is_empty()
            && channel.contains(self.cfg.user_boundary.as_str())
    }

    /// Whether `user` is listed after the last `#` of the channel.
    pub fn user_allowed(&self, channel: &str, user: &str) -> bool {
        if user.is_empty() {
            return false;
        }
        match channel.rfind(self.cfg.user_boundary.as_str()) {
            Some(i) => channel[i + self.cfg.user_boundary.len()..]
                .split(self.cfg.user_separator.as_str())
                .any(|u| u == user),
            None => false,
        }
    }

    /// The personal channel of a user: `#<user>` or `<ns>:#<user>`.
    pub fn personal_channel(&self, namespace: &str, user: &str) -> String {
        if namespace.is_empty() {
            format!("{}{}", self.cfg.user_boundary, user)
        } else {
            format!(
                "{}{}{}{}",
                namespace, self.cfg.namespace_boundary, self.cfg.user_boundary, user
            )
        }
    }

    pub fn config(&self) -> &ChannelConfig {
        &self.cfg
    }
}

/// History is on when both size and ttl are set.
pub(crate) fn history_enabled(o: &ChannelOptions) -> bool {
    o.history_size > 0 && !o.history_ttl.is_zero()
}

/// Glob match (gobwas/glob syntax without separators); an invalid pattern matches nothing.
pub(crate) fn glob_match(pattern: &str, s: &str) -> bool {
    Glob::new(pattern).is_ok_and(|g| g.matches(s))
}

/// A compiled glob: `*` any run, `?` one character, `[abc]`/`[a-z]`/`[!...]` classes,
/// `{a,b}` alternatives, `\` escapes.
#[derive(Debug, Clone)]
pub(crate) struct Glob(Vec<GlobTok>);

#[derive(Debug, Clone)]
enum GlobTok {
    Lit(char),
    Any,
    One,
    Class(bool, Vec<(char, char)>),
    Alt(Vec<Vec<GlobTok>>),
}

/// A pattern with an unclosed `[` or `{` (or an empty class).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct GlobError;

impl Glob {
    pub(crate) fn new(pattern: &str) -> Result<Glob, GlobError> {
        let chars: Vec<char> = pattern.chars().collect();
        let mut i = 0;
        let toks = glob_parse(&chars, &mut i, false)?;
        Ok(Glob(toks))
    }

    pub(crate) fn matches(&self, s: &str) -> bool {
        let chars: Vec<char> = s.chars().collect();
        glob_run(&self.0, &chars)
    }
}

/// Parses until the end (or, inside braces, until an unnested `,` or `}` which is left at `i`).
fn glob_parse(p: &[char], i: &mut usize, in_alt: bool) -> Result<Vec<GlobTok>, GlobError> {
    let mut out = Vec::new();
    while *i < p.len() {
        let c = p[*i];
        match c {
            ',' | '}' if in_alt => return Ok(out),
            '*' => {
                *i += 1;
                out.push(GlobTok::Any);
            }
            '?' => {
                *i += 1;
                out.push(GlobTok::One);
            }
            '\\' => {
                *i += 1;
                match p.get(*i) {
                    Some(&e) => {
                        *i += 1;
                        out.push(GlobTok::Lit(e));
                    }
                    None => out.push(GlobTok::Lit('\\')),
                }
            }
            '[' => {
                *i += 1;
                let neg = p.get(*i) == Some(&'!');
                if neg {
                    *i += 1;
                }
                let mut ranges = Vec::new();
                loop {
                    let Some(&lo) = p.get(*i) else {
                        return Err(GlobError);
                    };
                    if lo == ']' {
                        *i += 1;
                        break;
                    }
                    if p.get(*i + 1) == Some(&'-') && p.get(*i + 2).is_some_and(|&h| h != ']') {
                        ranges.push((lo, p[*i + 2]));
                        *i += 3;
                    } else {
                        ranges.push((lo, lo));
                        *i += 1;
                    }
                }
                if ranges.is_empty() {
                    return Err(GlobError);
                }
                out.push(GlobTok::Class(neg, ranges));
            }
            '{' => {
                *i += 1;
                let mut alts = Vec::new();
                loop {
                    alts.push(glob_parse(p, i, true)?);
                    match p.get(*i) {
                        Some(',') => *i += 1,
                        Some('}') => {
                            *i += 1;
                            break;
                        }
                        _ => return Err(GlobError),
                    }
                }
                out.push(GlobTok::Alt(alts));
            }
            _ => {
                *i += 1;
                out.push(GlobTok::Lit(c));
            }
        }
    }
    if in_alt {
        return Err(GlobError);
    }
    Ok(out)
}

fn glob_run(p: &[GlobTok], s: &[char]) -> bool {
    let Some((first, rest)) = p.split_first() else {
        return s.is_empty();
    };
    match first {
        GlobTok::Lit(c) => s.first() == Some(c) && glob_run(rest, &s[1..]),
        GlobTok::One => !s.is_empty() && glob_run(rest, &s[1..]),
        GlobTok::Class(neg, ranges) => s.first().is_some_and(|c| {
            ranges.iter().any(|&(lo, hi)| lo <= *c && *c <= hi) != *neg && glob_run(rest, &s[1..])
        }),
        GlobTok::Any => (0..=s.len()).any(|k| glob_run(rest, &s[k..])),
        GlobTok::Alt(alts) => alts.iter().any(|a| {
            let mut joined = a.clone();
            joined.extend_from_slice(rest);
            glob_run(&joined, s)
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Namespace;

    fn rules() -> ChannelRules {
        let mut cfg = ChannelConfig::default();
        let mut ns = Namespace {
            name: "chat".into(),
            ..Default::default()
        };
        ns.options.allow_user_limited_channels = true;
        cfg.namespaces.push(ns);
        let mut re = Namespace {
            name: "re".into(),
            ..Default::default()
        };
        re.options.channel_regex = "^[a-z]+$".into();
        cfg.namespaces.push(re);
        ChannelRules::new(&cfg)
    }

    #[test]
    fn namespaces_and_codes() {
        let r = rules();
        assert_eq!(r.namespace_name("chat:index"), "chat");
        assert_eq!(r.namespace_name("$chat:index"), "chat");
        assert_eq!(r.namespace_name("index"), "");
        assert!(r.options("chat:x").is_ok());
        assert_eq!(r.options("nope:x").err(), Some(ErrorCode::UNKNOWN_CHANNEL));
        assert_eq!(r.options("").err(), Some(ErrorCode::UNKNOWN_CHANNEL));
        assert_eq!(
            r.client_options("chat:ü").err(),
            Some(ErrorCode::BAD_REQUEST)
        );
        assert_eq!(
            r.client_options(&"a".repeat(300)).err(),
            Some(ErrorCode::BAD_REQUEST)
        );
        assert!(r.client_options("re:abc").is_ok());
        assert_eq!(
            r.client_options("re:ABC").err(),
            Some(ErrorCode::BAD_REQUEST)
        );
    }

    #[test]
    fn user_limited() {
        let r = rules();
        let o = r.options("chat:dialog#42,43").expect("ns");
        assert!(r.is_user_limited("chat:dialog#42,43", o));
        assert!(r.user_allowed("chat:dialog#42,43", "43"));
        assert!(!r.user_allowed("chat:dialog#42,43", "4"));
        assert_eq!(r.personal_channel("", "7"), "#7");
        assert_eq!(r.personal_channel("p", "7"), "p:#7");
    }
}
