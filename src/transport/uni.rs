//! What the unidirectional transports share (uni_websocket, uni_sse, uni_http_stream): the
//! connect request they take in place of a command frame, and pushes without the Reply around
//! them. The session queues the same items for every transport (a publication's bytes are
//! encoded once per format and shared), so a unidirectional writer takes the bare push out of
//! each item as a sub-slice: no copy per client.

use bytes::Bytes;

/// JSON: `{"push":X}` -> `X`; an empty Reply (`{}`, the ping) is an empty Push already.
pub(crate) fn bare_push_json(item: &Bytes) -> Bytes {
    const HEAD: &[u8] = b"{\"push\":";
    if item.len() > HEAD.len() && item.starts_with(HEAD) && item.ends_with(b"}") {
        item.slice(HEAD.len()..item.len() - 1)
    } else {
        item.clone()
    }
}

/// The connect command for a connect request given as JSON (a request body or the `cf_connect`
/// URL parameter): None when it is not a JSON object (`null` counts as `{}`).
pub(crate) fn connect_command(request: &[u8]) -> Option<Bytes> {
    let v: serde_json::Value = serde_json::from_slice(request).ok()?;
    let body = match v {
        serde_json::Value::Null => "{}".to_string(),
        serde_json::Value::Object(_) => String::from_utf8_lossy(request).trim().to_string(),
        _ => return None,
    };
    Some(Bytes::from(format!("{{\"id\":1,\"connect\":{body}}}")))
}

/// The disconnect push a unidirectional client gets before its connection ends.
pub(crate) fn disconnect_push(code: u16, reason: &str) -> Bytes {
    let mut out = Vec::with_capacity(40 + reason.len());
    out.extend_from_slice(b"{\"disconnect\":{\"code\":");
    out.extend_from_slice(code.to_string().as_bytes());
    out.extend_from_slice(b",\"reason\":");
    out.extend_from_slice(serde_json::Value::from(reason).to_string().as_bytes());
    out.extend_from_slice(b"}}");
    Bytes::from(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pushes_lose_their_reply_and_nothing_else() {
        let item = Bytes::from_static(br#"{"push":{"channel":"a","pub":{"data":{"x":"}"}}}}"#);
        assert_eq!(
            bare_push_json(&item),
            Bytes::from_static(br#"{"channel":"a","pub":{"data":{"x":"}"}}}"#)
        );
        assert_eq!(
            bare_push_json(&Bytes::from_static(b"{}")),
            Bytes::from_static(b"{}")
        );
    }

    #[test]
    fn connect_requests_become_connect_commands() {
        assert_eq!(
            connect_command(br#" {"token":"t"} "#),
            Some(Bytes::from_static(br#"{"id":1,"connect":{"token":"t"}}"#))
        );
        assert_eq!(
            connect_command(b"null"),
            Some(Bytes::from_static(br#"{"id":1,"connect":{}}"#))
        );
        for bad in [&b"[1]"[..], b"\"x\"", b"{", b""] {
            assert_eq!(connect_command(bad), None, "{bad:?}");
        }
        assert_eq!(
            disconnect_push(3000, "a \"b\""),
            Bytes::from_static(br#"{"disconnect":{"code":3000,"reason":"a \"b\""}}"#)
        );
    }
}
