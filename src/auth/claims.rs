//! Claim structures of connection and subscription tokens, decoded like Centrifugo's
//! `ConnectTokenClaims` / `SubscribeTokenClaims` Go structs.

use bytes::Bytes;
use serde_json::value::RawValue;

use super::gojson::{self, DecodeResult, Object};
use super::jws;

/// What a verified connection token grants.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ConnectClaims {
    /// User ID (`sub`, or the configured `user_id_claim`); "" is anonymous.
    pub user: String,
    /// `exp` in whole seconds (floored), if present.
    pub exp: Option<i64>,
    /// `expire_at` as written; `Some(0)` (or negative) means the connection never expires.
    pub expire_at: Option<i64>,
    /// `iat` in whole seconds, if present.
    pub iat: Option<i64>,
    /// `jti`, if present and non-empty.
    pub jti: Option<String>,
    /// Connection info: raw JSON bytes of `info`, or decoded `b64info` (which wins).
    pub info: Option<Bytes>,
    /// Server-side channels from `channels`; empty when `subs` is non-empty (subs win).
    pub channels: Vec<String>,
    /// Server-side subscriptions from `subs`, in first-appearance order, one per channel.
    pub subs: Vec<(String, SubscribeOptions)>,
    /// Server-only metadata (`meta`).
    pub meta: Option<serde_json::Value>,
}

impl ConnectClaims {
    /// Connection expiry as Centrifugo computes it: `expire_at` when present (values <= 0 mean
    /// never), otherwise `exp`; 0 means the connection does not expire.
    pub fn effective_expire_at(&self) -> i64 {
        effective_expire_at(self.expire_at, self.exp)
    }
}

/// Per-subscription options from a `subs` entry or a subscription token.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SubscribeOptions {
    /// Channel info: raw JSON bytes of `info`, or decoded `b64info` (which wins).
    pub info: Option<Bytes>,
    /// Data for the subscribe reply/push: raw JSON of `data`, or decoded `b64data` (which wins).
    pub data: Option<Bytes>,
    /// `override.presence.value`.
    pub override_presence: Option<bool>,
    /// `override.join_leave.value`.
    pub override_join_leave: Option<bool>,
    /// `override.force_recovery.value`.
    pub override_force_recovery: Option<bool>,
    /// `override.force_positioning.value`.
    pub override_force_positioning: Option<bool>,
    /// `override.force_push_join_leave.value`.
    pub override_force_push_join_leave: Option<bool>,
}

/// What a verified subscription token grants.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SubscribeClaims {
    /// User ID (`sub`, or the configured `user_id_claim`); must equal the connection's user.
    pub user: String,
    /// The channel the token is for (never empty).
    pub channel: String,
    /// Client ID the token is bound to (`client`), if non-empty.
    pub client: Option<String>,
    /// `exp` in whole seconds (floored), if present.
    pub exp: Option<i64>,
    /// `expire_at` as written; `Some(0)` (or negative) means the subscription never expires.
    pub expire_at: Option<i64>,
    /// Same as `opts.info`.
    pub info: Option<Bytes>,
    /// Same as `opts.data`.
    pub data: Option<Bytes>,
    /// Info, data and overrides.
    pub opts: SubscribeOptions,
}

impl SubscribeClaims {
    /// Subscription expiry as Centrifugo computes it (see [`ConnectClaims::effective_expire_at`]).
    pub fn effective_expire_at(&self) -> i64 {
        effective_expire_at(self.expire_at, self.exp)
    }
}

fn effective_expire_at(expire_at: Option<i64>, exp: Option<i64>) -> i64 {
    match expire_at {
        Some(at) => at.max(0),
        None => exp.unwrap_or(0),
    }
}

/// Registered claims (cristalhq `RegisteredClaims`) that every token carries.
#[derive(Debug, Default)]
pub(crate) struct Registered {
    pub jti: Option<String>,
    pub aud: Vec<String>,
    pub iss: String,
    pub sub: String,
    pub exp: Option<f64>,
    pub iat: Option<f64>,
    pub nbf: Option<f64>,
}

impl Registered {
    pub(crate) fn decode(obj: &Object) -> DecodeResult<Registered> {
        Ok(Registered {
            jti: obj.string("jti")?.filter(|s| !s.is_empty()),
            aud: obj.audience("aud")?,
            iss: obj.string("iss")?.unwrap_or_default(),
            sub: obj.string("sub")?.unwrap_or_default(),
            exp: obj.nullable("exp", |raw| gojson::numeric_date(raw, "exp"))?,
            iat: obj.nullable("iat", |raw| gojson::numeric_date(raw, "iat"))?,
            nbf: obj.nullable("nbf", |raw| gojson::numeric_date(raw, "nbf"))?,
        })
    }

    /// Go: expired unless `exp` is after now, or `nbf` is not before now.
    pub(crate) fn is_expired(&self, now: i64) -> bool {
        let now = now as f64;
        self.exp.is_some_and(|exp| exp <= now) || self.nbf.is_some_and(|nbf| nbf > now)
    }
}

/// Whole seconds of a NumericDate (Go's `time.Unix(sec, frac).Unix()` floors).
pub(crate) fn seconds(date: Option<f64>) -> Option<i64> {
    // `as` saturates out-of-range floats, which is the sane reading of a huge date.
    date.map(|d| d.floor() as i64)
}

/// Connection-token fields beyond the registered ones, still raw.
pub(crate) struct ConnectExtra<'a> {
    pub channel: String,
    pub expire_at: Option<i64>,
    info: Option<&'a RawValue>,
    b64info: String,
    channels: Vec<String>,
    subs: Vec<(String, OptionsFields<'a>)>,
    meta: Option<&'a RawValue>,
}

impl<'a> ConnectExtra<'a> {
    /// Checks every field's type, as Go's json.Unmarshal into `ConnectTokenClaims` does.
    pub(crate) fn decode(obj: &Object<'a>) -> DecodeResult<ConnectExtra<'a>> {
        let subs = obj
            .nullable("subs", |raw| {
                let map = Object::from_raw(raw, "subs")?;
                let mut out: Vec<(String, OptionsFields<'a>)> = Vec::new();
                for (channel, value) in map.entries() {
                    let fields = OptionsFields::decode(&Object::from_raw(value, "subs entry")?)?;
                    // A repeated channel key replaces the earlier entry, as in a Go map.
                    match out.iter_mut().find(|(c, _)| c == channel) {
                        Some(slot) => slot.1 = fields,
                        None => out.push((channel.clone(), fields)),
                    }
                }
                Ok(out)
            })?
            .unwrap_or_default();
        Ok(ConnectExtra {
            channel: obj.string("channel")?.unwrap_or_default(),
            expire_at: obj.nullable("expire_at", |raw| gojson::int64(raw, "expire_at"))?,
            info: obj.raw("info"),
            b64info: obj.string("b64info")?.unwrap_or_default(),
            channels: obj
                .nullable("channels", |raw| gojson::string_list(raw, "channels"))?
                .unwrap_or_default(),
            subs,
            meta: obj.raw("meta"),
        })
    }

    /// Builds the public claims once the token has passed every check.
    pub(crate) fn finish(self, reg: Registered, user: String) -> DecodeResult<ConnectClaims> {
        let mut subs = Vec::with_capacity(self.subs.len());
        for (channel, fields) in self.subs {
            subs.push((channel, fields.finish()?));
        }
        let mut channels = Vec::new();
        if subs.is_empty() {
            for channel in self.channels {
                if !channels.contains(&channel) {
                    channels.push(channel);
                }
            }
        }
        let meta = match self.meta {
            Some(raw) => Some(serde_json::from_str(raw.get()).map_err(|e| format!("meta: {e}"))?),
            None => None,
        };
        Ok(ConnectClaims {
            user,
            exp: seconds(reg.exp),
            expire_at: self.expire_at,
            iat: seconds(reg.iat),
            jti: reg.jti,
            info: choose_bytes(self.info, &self.b64info, "b64info")?,
            channels,
            subs,
            meta,
        })
    }
}

/// Subscription-token fields beyond the registered ones.
pub(crate) struct SubscribeExtra<'a> {
    pub channel: String,
    pub client: String,
    pub expire_at: Option<i64>,
    opts: OptionsFields<'a>,
}

impl<'a> SubscribeExtra<'a> {
    /// Checks types, as Go's json.Unmarshal into `SubscribeTokenClaims` does.
    pub(crate) fn decode(obj: &Object<'a>) -> DecodeResult<SubscribeExtra<'a>> {
        Ok(SubscribeExtra {
            channel: obj.string("channel")?.unwrap_or_default(),
            client: obj.string("client")?.unwrap_or_default(),
            expire_at: obj.nullable("expire_at", |raw| gojson::int64(raw, "expire_at"))?,
            opts: OptionsFields::decode(obj)?,
        })
    }

    /// Builds the public claims once the token has passed every check.
    pub(crate) fn finish(self, reg: Registered, user: String) -> DecodeResult<SubscribeClaims> {
        let opts = self.opts.finish()?;
        Ok(SubscribeClaims {
            user,
            channel: self.channel,
            client: Some(self.client).filter(|c| !c.is_empty()),
            exp: seconds(reg.exp),
            expire_at: self.expire_at,
            info: opts.info.clone(),
            data: opts.data.clone(),
            opts,
        })
    }
}

/// `SubscribeOptions` fields after type checks, base64 still undecoded (Go decodes it only after
/// the expiry check, so an expired token is `Expired` even if its base64 is bad).
pub(crate) struct OptionsFields<'a> {
    info: Option<&'a RawValue>,
    b64info: String,
    data: Option<&'a RawValue>,
    b64data: String,
    overrides: [Option<bool>; 5],
}

impl<'a> OptionsFields<'a> {
    /// Decodes Go's `SubscribeOptions` (info, b64info, data, b64data, override) from an object.
    fn decode(obj: &Object<'a>) -> DecodeResult<OptionsFields<'a>> {
        let overrides = obj
            .nullable("override", |raw| {
                let o = Object::from_raw(raw, "override")?;
                let flag = |name: &str| {
                    o.nullable(name, |raw| {
                        let value = Object::from_raw(raw, name)?;
                        Ok(value.boolean("value")?.unwrap_or(false))
                    })
                };
                Ok([
                    flag("presence")?,
                    flag("join_leave")?,
                    flag("force_recovery")?,
                    flag("force_positioning")?,
                    flag("force_push_join_leave")?,
                ])
            })?
            .unwrap_or_default();
        Ok(OptionsFields {
            info: obj.raw("info"),
            b64info: obj.string("b64info")?.unwrap_or_default(),
            data: obj.raw("data"),
            b64data: obj.string("b64data")?.unwrap_or_default(),
            overrides,
        })
    }

    /// Decodes base64 and builds the options.
    fn finish(self) -> DecodeResult<SubscribeOptions> {
        let [presence, join_leave, recovery, positioning, push_join_leave] = self.overrides;
        Ok(SubscribeOptions {
            info: choose_bytes(self.info, &self.b64info, "b64info")?,
            data: choose_bytes(self.data, &self.b64data, "b64data")?,
            override_presence: presence,
            override_join_leave: join_leave,
            override_force_recovery: recovery,
            override_force_positioning: positioning,
            override_force_push_join_leave: push_join_leave,
        })
    }
}

/// Base64 field (if non-empty, decoded) or else the raw JSON field's exact bytes.
fn choose_bytes(raw: Option<&RawValue>, b64: &str, name: &str) -> DecodeResult<Option<Bytes>> {
    if !b64.is_empty() {
        return jws::decode_std(b64)
            .map(|bytes| Some(Bytes::from(bytes)))
            .ok_or_else(|| format!("{name}: illegal base64 data"));
    }
    Ok(raw.map(|r| Bytes::copy_from_slice(r.get().as_bytes())))
}
