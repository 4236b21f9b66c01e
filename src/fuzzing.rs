//! Entry points for the fuzz targets in `tests/fuzz/` (cargo-fuzz): each feeds arbitrary bytes to
//! one decoder the server runs on untrusted input and checks what must hold of any answer. A panic,
//! an abort or an allocation past libFuzzer's limits is a finding. Not a stable interface.

use crate::protocol::{filter, json_pb, protobuf, Format};
use bytes::Bytes;
use futures_util::FutureExt;

/// The size limit the frame and command targets run with (`websocket.message_size_limit`'s default).
pub const SIZE_LIMIT: usize = 65536;

/// A client frame in JSON (newline-delimited commands) and in Protobuf (varint-delimited).
pub fn client_frame_json(data: &[u8]) {
    if let Ok(cmds) = Format::Json.decode_commands(data) {
        // At most one command per line.
        assert!(cmds.len() <= data.split(|b| *b == b'\n').count());
    }
}

/// A client frame in Protobuf, copied and shared (both decoders the transports use).
pub fn client_frame_protobuf(data: &[u8]) {
    let copied = Format::Protobuf.decode_commands(data).map(|c| c.len());
    let shared = protobuf::decode_commands_shared(&Bytes::copy_from_slice(data)).map(|c| c.len());
    assert_eq!(copied.ok(), shared.ok(), "the two Protobuf decoders agree");
}

/// The batch splitters: varint-delimited messages stay inside the frame, in order, and the JSON
/// line splitter never yields more commands than lines.
pub fn batch_split(data: &[u8]) {
    let mut last_end = 0;
    for item in protobuf::split(data) {
        let Ok((at, range)) = item else { break };
        assert!(at >= last_end && range.start > at && range.end <= data.len());
        last_end = range.end;
    }
    if let Ok(cmds) = json_pb::decode_commands_pb(data) {
        assert!(cmds.len() <= data.split(|b| *b == b'\n').count());
    }
}

/// WebSocket client frames: every message the reader yields is within the size limit (after
/// inflating, for compressed ones). The first byte picks the limit: the default, or (for 0xFF
/// only) none, which is rare because without a limit a small compressed frame may rightly inflate
/// to megabytes and the run would spend its time there.
pub fn websocket_frames(data: &[u8]) {
    let Some((&pick, wire)) = data.split_first() else {
        return;
    };
    let max = if pick == 0xFF { 0 } else { SIZE_LIMIT };
    let mut reader = crate::transport::frames::FrameReader::new(wire, max);
    // Reading from a slice never waits, so each step completes at once.
    while let Some(Some(m)) = reader.next_message().now_or_never() {
        match m {
            Ok(m) => assert!(max == 0 || m.len() <= max, "{} over {max}", m.len()),
            Err(_) => break,
        }
    }
}

/// JWTs: connection and subscription tokens through a verifier with an HMAC key and one that
/// skips signatures (so the claims decoder sees arbitrary payloads too).
pub fn jwt(data: &[u8]) {
    use std::sync::OnceLock;
    static VERIFIERS: OnceLock<Option<[crate::auth::Verifier; 2]>> = OnceLock::new();
    let Some(verifiers) = VERIFIERS.get_or_init(|| {
        let keys = crate::config::TokenConfig {
            hmac_secret_key: "fuzz".into(),
            ..Default::default()
        };
        let hmac = crate::auth::Verifier::new(&keys).ok()?;
        let skip = crate::auth::Verifier::new(&Default::default())
            .ok()?
            .skipping_signature(true);
        Some([hmac, skip])
    }) else {
        return;
    };
    let Ok(token) = std::str::from_utf8(data) else {
        return;
    };
    for v in verifiers {
        let _ = v.verify_connect(token, 1_700_000_000);
        let _ = v.verify_subscribe(token, 1_700_000_000);
    }
}

/// Server API request bodies: the first byte picks the method (or `batch`), the rest is params.
pub fn api_request(data: &[u8]) {
    let Some((&pick, params)) = data.split_first() else {
        return;
    };
    let methods = crate::api::METHODS;
    let method = methods[usize::from(pick) % methods.len()];
    let _ = crate::api::decodes(method, params);
}

/// Config files: the first byte picks JSON, YAML or TOML; the rest is the file.
pub fn config(data: &[u8]) {
    let Some((&pick, text)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(text) else {
        return;
    };
    let ext = ["json", "yaml", "toml"][usize::from(pick) % 3];
    let _ = crate::config::from_text(text, ext);
}

/// Tags filters as a subscribe request carries them (JSON), validated and matched against tags
/// taken from the same input.
pub fn tags_filter(data: &[u8]) {
    let Ok(node) = serde_json::from_slice::<filter::FilterNode>(data) else {
        return;
    };
    if filter::validate(&node).is_err() {
        return;
    }
    let tags: Vec<(String, String)> = data
        .chunks(8)
        .map(|c| {
            let s = String::from_utf8_lossy(c).to_string();
            (s.clone(), s)
        })
        .collect();
    let _ = filter::matches(&node, &tags);
    let _ = filter::matches(&node, &[]);
}
