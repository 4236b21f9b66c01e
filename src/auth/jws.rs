//! Compact JWS framing: splitting `header.payload.signature` and base64 as Go decodes it
//! (cristalhq/jwt `ParseNoVerify`, `encoding/base64` in its non-strict mode).

use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine;

use super::gojson::Object;

/// Go's `base64.RawURLEncoding`: no padding, trailing bits tolerated.
const RAW_URL: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::RequireNone)
        .with_decode_allow_trailing_bits(true),
);

/// Go's `base64.StdEncoding`: padding required, trailing bits tolerated.
const STD: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_encode_padding(true)
        .with_decode_padding_mode(DecodePaddingMode::RequireCanonical)
        .with_decode_allow_trailing_bits(true),
);

/// A token split into its parts; nothing about it is trusted yet.
#[derive(Debug)]
pub(crate) struct Jws<'t> {
    /// The header's `alg` ("" when absent).
    pub alg: String,
    /// The header's `kid` ("" when absent): which JWKS key signed the token.
    pub kid: String,
    /// `header.payload` exactly as received: the bytes the signature covers.
    pub signing_input: &'t [u8],
    /// Decoded payload JSON text.
    pub payload: String,
    /// Decoded signature bytes.
    pub signature: Vec<u8>,
}

impl<'t> Jws<'t> {
    /// Splits and decodes a compact token the way cristalhq/jwt does.
    pub(crate) fn parse(token: &'t str) -> Result<Jws<'t>, String> {
        // Every JWT header starts with `{"`, which base64url-encodes to "eyJ".
        if !token.starts_with("eyJ") {
            return Err("token format: must start with eyJ".into());
        }
        let (Some(dot1), Some(dot2)) = (token.find('.'), token.rfind('.')) else {
            return Err("token format: missing dots".into());
        };
        if dot2 <= dot1 {
            return Err("token format: expected three parts".into());
        }
        let header_bytes = decode_raw_url(&token[..dot1]).ok_or("token format: header base64")?;
        let payload_bytes =
            decode_raw_url(&token[dot1 + 1..dot2]).ok_or("token format: payload base64")?;
        let signature =
            decode_raw_url(&token[dot2 + 1..]).ok_or("token format: signature base64")?;

        let header_text = go_text(header_bytes);
        let header = Object::parse(&header_text).map_err(|e| format!("token header: {e}"))?;
        let alg = header
            .string("alg")
            .map_err(|e| format!("token header: {e}"))?
            .unwrap_or_default();
        for field in ["typ", "cty"] {
            header
                .string(field)
                .map_err(|e| format!("token header: {e}"))?;
        }
        let kid = header
            .string("kid")
            .map_err(|e| format!("token header: {e}"))?
            .unwrap_or_default();
        Ok(Jws {
            alg,
            kid,
            signing_input: &token.as_bytes()[..dot2],
            payload: go_text(payload_bytes),
            signature,
        })
    }
}

/// Base64url without padding; Go skips CR and LF anywhere in the input.
pub(crate) fn decode_raw_url(part: &str) -> Option<Vec<u8>> {
    RAW_URL.decode(strip_newlines(part).as_bytes()).ok()
}

/// Standard padded base64 as Go's `base64.StdEncoding.DecodeString` accepts it.
pub(crate) fn decode_std(text: &str) -> Option<Vec<u8>> {
    STD.decode(strip_newlines(text).as_bytes()).ok()
}

/// Base64url without padding, as JWTs are written.
pub(crate) fn encode_raw_url(bytes: &[u8]) -> String {
    RAW_URL.encode(bytes)
}

fn strip_newlines(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains(['\r', '\n']) {
        text.replace(['\r', '\n'], "").into()
    } else {
        text.into()
    }
}

/// Go keeps invalid UTF-8 in JSON text, turning it into U+FFFD inside strings; do the same.
fn go_text(bytes: Vec<u8>) -> String {
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn base64_like_go() {
        assert_eq!(decode_std("YQ==").unwrap(), b"a");
        assert!(decode_std("YQ").is_none());
        assert_eq!(decode_std("YR==").unwrap(), b"a"); // trailing bits tolerated
        assert_eq!(decode_std("Y\nQ==").unwrap(), b"a");
        assert_eq!(decode_raw_url("YQ").unwrap(), b"a");
        assert!(decode_raw_url("YQ==").is_none());
        assert!(decode_raw_url("Y").is_none());
    }

    #[test]
    fn framing_errors() {
        for bad in [
            "",
            "abc",
            "eyJ",
            "eyJhbGciOiJIUzI1NiJ9",
            "eyJhbGciOiJIUzI1NiJ9.e30",
            "eyJhbGciOiJIUzI1NiJ9.e30.#",
            "eyJhbGciOiJIUzI1NiJ9.e.30.",
            "eyJhbGciOjF9.e30.",
            "eyJbXQ.e30.",
        ] {
            assert!(Jws::parse(bad).is_err(), "{bad}");
        }
        let ok = Jws::parse("eyJhbGciOiJIUzI1NiJ9.e30.").unwrap();
        assert_eq!(ok.alg, "HS256");
        assert_eq!(ok.payload, "{}");
        assert!(ok.signature.is_empty());
        assert_eq!(ok.signing_input, b"eyJhbGciOiJIUzI1NiJ9.e30");
    }
}
