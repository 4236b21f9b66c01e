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
pub fn history_enabled(o: &ChannelOptions) -> bool {
    o.history_size > 0 && !o.history_ttl.is_zero()
}

/// Glob match where `*` stands for any run of characters.
pub fn glob_match(pattern: &str, s: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == s;
    }
    let mut rest = s;
    for (i, part) in parts.iter().enumerate() {
        if i == 0 {
            match rest.strip_prefix(part) {
                Some(r) => rest = r,
                None => return false,
            }
        } else if i == parts.len() - 1 {
            return rest.len() >= part.len() && rest.ends_with(part);
        } else {
            match rest.find(part) {
                Some(pos) => rest = &rest[pos + part.len()..],
                None => return false,
            }
        }
    }
    true
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
