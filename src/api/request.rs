//! The server API's requests: each method's params, decoded from JSON, and the one catalogue of
//! methods (name, legacy number, params type, place in a batch command) every front-end uses.

use super::CallError;
use crate::cluster::UserTarget;
use crate::protocol::{raw_json, StreamPosition};
use bytes::Bytes;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};

/// Params of a top-level call: a JSON object, or `null` for all defaults; anything else
/// (including an empty body) is a 400, as with the reference server's JSON decoding.
pub(super) fn parse<T: DeserializeOwned + Default>(params: &[u8]) -> Result<T, CallError> {
    let trimmed = params.trim_ascii();
    if trimmed == b"null" {
        return Ok(T::default());
    }
    if trimmed.first() != Some(&b'{') {
        return Err(CallError::BadJson("params must be a JSON object".into()));
    }
    serde_json::from_slice(params).map_err(|e| CallError::BadJson(e.to_string()))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct PublishParams {
    pub(super) channel: String,
    pub(super) channels: Vec<String>,
    #[serde(deserialize_with = "raw_json")]
    pub(super) data: Option<Bytes>,
    pub(super) b64data: String,
    pub(super) skip_history: bool,
    pub(super) tags: BTreeMap<String, String>,
    pub(super) idempotency_key: String,
    pub(super) delta: bool,
    pub(super) version: u64,
    pub(super) version_epoch: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct BoolValue {
    pub(super) value: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct SubscribeParams {
    pub(super) user: String,
    pub(super) channel: String,
    #[serde(deserialize_with = "raw_json")]
    pub(super) info: Option<Bytes>,
    pub(super) b64info: String,
    pub(super) client: String,
    pub(super) session: String,
    #[serde(deserialize_with = "raw_json")]
    pub(super) data: Option<Bytes>,
    pub(super) b64data: String,
    pub(super) recover_since: Option<StreamPosition>,
    pub(super) expire_at: i64,
    #[serde(rename = "override")]
    pub(super) overrides: HashMap<String, BoolValue>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct TargetParams {
    pub(super) user: String,
    pub(super) channel: String,
    pub(super) client: String,
    pub(super) session: String,
    pub(super) whitelist: Vec<String>,
    pub(super) disconnect: Option<DisconnectParams>,
    pub(super) expired: bool,
    pub(super) expire_at: i64,
    #[serde(deserialize_with = "raw_json")]
    pub(super) info: Option<Bytes>,
}

impl TargetParams {
    /// The connections addressed; the whitelist applies to `disconnect` only.
    pub(super) fn target(&self, with_whitelist: bool) -> UserTarget {
        UserTarget {
            user: self.user.clone(),
            client: self.client.clone(),
            session: self.session.clone(),
            whitelist: if with_whitelist {
                self.whitelist.clone()
            } else {
                Vec::new()
            },
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct DisconnectParams {
    pub(super) code: u32,
    pub(super) reason: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct HistoryParams {
    pub(super) channel: String,
    pub(super) limit: i32,
    pub(super) since: Option<StreamPosition>,
    pub(super) reverse: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct ChannelsParams {
    pub(super) pattern: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct RpcParams {
    pub(super) method: String,
    #[serde(deserialize_with = "raw_json")]
    pub(super) params: Option<Bytes>,
}

/// Params of methods that take none; any JSON object is accepted.
#[derive(Debug, Default, Deserialize)]
pub(super) struct NoParams {}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct BatchParams {
    #[serde(deserialize_with = "null_as_default")]
    pub(super) commands: Vec<Option<BatchCommand>>,
    pub(super) parallel: bool,
}

/// `null` decodes to the default value (as a nil slice in Go).
fn null_as_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// Declares every method once: `name = legacy number => Variant(Params)`, in the order the
/// reference server tries the fields of a batch command.
macro_rules! api_methods {
    ($($name:ident = $legacy:expr => $variant:ident($params:ty),)*) => {
        /// A decoded call of one method.
        pub(super) enum Request {
            $($variant($params),)*
        }

        /// The methods served at `<prefix>/<method>`: `batch` and every method of the catalogue.
        pub(crate) const METHODS: &[&str] = &["batch", $(stringify!($name),)*];

        /// Method names by the legacy endpoint's enum number (Centrifugo's `MethodType`).
        pub(super) const BY_NUMBER: &[(u64, &str)] = &[$(($legacy, stringify!($name)),)*];

        impl Request {
            /// Decodes the params of `method`; None for a method the catalogue does not have.
            pub(super) fn parse(method: &str, params: &[u8]) -> Option<Result<Request, CallError>> {
                Some(match method {
                    $(stringify!($name) => parse::<$params>(params).map(Request::$variant),)*
                    _ => return None,
                })
            }

            pub(super) fn name(&self) -> &'static str {
                match self {
                    $(Request::$variant(_) => stringify!($name),)*
                }
            }
        }

        /// One batch command. All params are decoded before anything runs (a type error fails
        /// the whole batch with 400); a `null` or unknown field counts as absent.
        #[derive(Debug, Default, Deserialize)]
        #[serde(default)]
        pub(super) struct BatchCommand {
            $(pub(super) $name: Option<$params>,)*
        }

        impl BatchCommand {
            /// The method to run: the first field set, in the catalogue's order.
            pub(super) fn into_request(self) -> Option<Request> {
                $(if let Some(p) = self.$name {
                    return Some(Request::$variant(p));
                })*
                None
            }
        }
    };
}

api_methods! {
    publish = 0 => Publish(PublishParams),
    broadcast = 1 => Broadcast(PublishParams),
    subscribe = 11 => Subscribe(SubscribeParams),
    unsubscribe = 2 => Unsubscribe(TargetParams),
    disconnect = 3 => Disconnect(TargetParams),
    history = 6 => History(HistoryParams),
    history_remove = 7 => HistoryRemove(TargetParams),
    presence = 4 => Presence(TargetParams),
    presence_stats = 5 => PresenceStats(TargetParams),
    info = 9 => Info(NoParams),
    rpc = 10 => Rpc(RpcParams),
    refresh = 12 => Refresh(TargetParams),
    channels = 8 => Channels(ChannelsParams),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalogue_names_each_method_once_everywhere() {
        for name in METHODS.iter().filter(|m| **m != "batch") {
            let req = Request::parse(name, b"{}")
                .expect("a catalogue method")
                .unwrap_or_else(|_| panic!("{name} takes empty params"));
            assert_eq!(req.name(), *name);
            let cmd: BatchCommand =
                serde_json::from_str(&format!("{{\"{name}\": {{}}}}")).expect("batch command");
            assert_eq!(cmd.into_request().map(|r| r.name()), Some(*name));
        }
        assert!(Request::parse("batch", b"{}").is_none());
        assert!(Request::parse("nope", b"{}").is_none());
        let mut numbers: Vec<u64> = BY_NUMBER.iter().map(|(n, _)| *n).collect();
        numbers.sort_unstable();
        numbers.dedup();
        assert_eq!(
            numbers.len(),
            METHODS.len() - 1,
            "legacy numbers are unique"
        );
    }

    #[test]
    fn a_batch_command_with_two_methods_runs_the_first_in_catalogue_order() {
        let cmd: BatchCommand =
            serde_json::from_str(r#"{"channels": {}, "publish": {"channel": "a"}}"#)
                .expect("decodes");
        assert_eq!(cmd.into_request().map(|r| r.name()), Some("publish"));
    }
}
