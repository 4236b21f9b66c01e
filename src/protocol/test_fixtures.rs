//! Test data shared by the codec tests.

use super::pb;
use bytes::Bytes;

/// One command of every request type, with every field the server reads set to something non-zero.
pub(super) fn every_command() -> Vec<pb::Command> {
    let mut subs = std::collections::BTreeMap::new();
    subs.insert(
        "server:sub".to_string(),
        pb::SubscribeRequest {
            recover: true,
            epoch: "e1".into(),
            offset: 9,
            ..Default::default()
        },
    );
    let mut headers = std::collections::BTreeMap::new();
    headers.insert("X-Real-Ip".to_string(), "1.2.3.4".to_string());
    vec![
        pb::Command {
            id: 1,
            connect: Some(pb::ConnectRequest {
                token: "tok".into(),
                data: Bytes::from_static(b"{\"a\":1}"),
                subs,
                name: "js".into(),
                version: "1.0".into(),
                headers,
                flag: 3,
            }),
            ..Default::default()
        },
        pb::Command {
            id: 2,
            subscribe: Some(pb::SubscribeRequest {
                channel: "chat".into(),
                token: "st".into(),
                recover: true,
                epoch: "xD5R".into(),
                offset: u64::MAX,
                data: Bytes::from_static(b"[1,2]"),
                positioned: true,
                recoverable: true,
                join_leave: true,
                delta: "fossil".into(),
                tf: Some(pb::FilterNode {
                    op: "and".into(),
                    nodes: vec![pb::FilterNode {
                        key: "k".into(),
                        cmp: "in".into(),
                        vals: vec!["a".into(), "b".into()],
                        ..Default::default()
                    }],
                    ..Default::default()
                }),
                flag: 2,
                r#type: 1,
                phase: 2,
                cursor: "c".into(),
                limit: 50,
                asc: true,
            }),
            ..Default::default()
        },
        pb::Command {
            id: 3,
            unsubscribe: Some(pb::UnsubscribeRequest {
                channel: "chat".into(),
            }),
            ..Default::default()
        },
        pb::Command {
            id: 4,
            publish: Some(pb::PublishRequest {
                channel: "chat".into(),
                data: Bytes::from_static(b"{\"t\":\"x\"}"),
                r#type: 1,
                key: "k".into(),
                removed: true,
            }),
            ..Default::default()
        },
        pb::Command {
            id: 5,
            presence: Some(pb::PresenceRequest {
                channel: "chat".into(),
            }),
            ..Default::default()
        },
        pb::Command {
            id: 6,
            presence_stats: Some(pb::PresenceStatsRequest {
                channel: "chat".into(),
            }),
            ..Default::default()
        },
        pb::Command {
            id: 7,
            history: Some(pb::HistoryRequest {
                channel: "chat".into(),
                limit: -1,
                since: Some(pb::StreamPosition {
                    offset: 5,
                    epoch: "e".into(),
                }),
                reverse: true,
            }),
            ..Default::default()
        },
        pb::Command {
            id: 8,
            ping: Some(pb::PingRequest {}),
            ..Default::default()
        },
        pb::Command {
            send: Some(pb::SendRequest {
                data: Bytes::from_static(b"\"hi\""),
            }),
            ..Default::default()
        },
        pb::Command {
            id: 10,
            rpc: Some(pb::RpcRequest {
                data: Bytes::from_static(b"{}"),
                method: "m".into(),
            }),
            ..Default::default()
        },
        pb::Command {
            id: 11,
            refresh: Some(pb::RefreshRequest {
                token: "new".into(),
            }),
            ..Default::default()
        },
        pb::Command {
            id: 12,
            sub_refresh: Some(pb::SubRefreshRequest {
                channel: "chat".into(),
                token: "t".into(),
                r#type: 1,
                track: vec![pb::TrackBatch {
                    signature: "sig".into(),
                    items: vec![pb::KeyedItem {
                        key: "k1".into(),
                        version: 4,
                    }],
                }],
                untrack: vec!["k2".into()],
            }),
            ..Default::default()
        },
        // An empty command: a pong.
        pb::Command::default(),
    ]
}
