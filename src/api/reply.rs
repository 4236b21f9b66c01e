//! The server API's results, as typed values, and their JSON encoding (the HTTP front-ends' form;
//! field order and omitted zero values follow the reference server's protobuf JSON).

use super::ApiError;
use crate::cluster::NodeInfo;
use crate::protocol::json::{write_client_info, write_publications, Obj};
use crate::protocol::{ClientInfo, Publication};
use std::collections::HashMap;

/// Where a publication landed in its channel's stream (zero without history).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct PublishResult {
    pub(super) offset: u64,
    pub(super) epoch: String,
}

/// The result of one method.
#[derive(Debug)]
pub(super) enum Reply {
    /// Methods that return nothing: `{}`.
    Empty,
    Publish(PublishResult),
    /// One result per channel, in the order asked.
    Broadcast(Vec<Result<PublishResult, ApiError>>),
    Presence(HashMap<String, ClientInfo>),
    PresenceStats {
        num_clients: u32,
        num_users: u32,
    },
    History {
        publications: Vec<Publication>,
        epoch: String,
        offset: u64,
    },
    /// Channels with their subscriber counts, sorted by name.
    Channels(Vec<(String, u64)>),
    Info {
        nodes: Vec<NodeInfo>,
        /// `node.info_metrics_aggregate_interval` in seconds.
        metrics_interval: u64,
    },
    /// Each command's method name ("" where there was none) and outcome.
    Batch(Vec<(&'static str, Result<Reply, ApiError>)>),
}

fn write_publish(buf: &mut Vec<u8>, p: &PublishResult) {
    let mut o = Obj::new(buf);
    o.u64_nz("offset", p.offset).str_nz("epoch", &p.epoch);
    o.end();
}

/// `{"<field>":result}` or `{"error":{...}}`.
fn write_outcome<T>(
    buf: &mut Vec<u8>,
    field: &str,
    r: &Result<T, ApiError>,
    write: impl FnOnce(&mut Vec<u8>, &T),
) {
    let mut v = Vec::new();
    let field = match r {
        Ok(body) => {
            write(&mut v, body);
            field
        }
        Err(e) => {
            e.write(&mut v);
            "error"
        }
    };
    let mut o = Obj::new(buf);
    o.raw(field, &v);
    o.end();
}

/// `{"key":[item,item]}` with each item written by `write`.
fn write_list<T>(buf: &mut Vec<u8>, key: &str, items: &[T], write: impl Fn(&mut Vec<u8>, &T)) {
    buf.extend_from_slice(b"{\"");
    buf.extend_from_slice(key.as_bytes());
    buf.extend_from_slice(b"\":[");
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            buf.push(b',');
        }
        write(buf, item);
    }
    buf.extend_from_slice(b"]}");
}

/// The metrics `info` reports for a node, by name.
pub(super) fn metric_items(n: &NodeInfo) -> [(&'static str, u64); 4] {
    [
        ("centrifugo.node.num_clients", n.num_clients),
        ("centrifugo.node.num_users", n.num_users),
        ("centrifugo.node.num_channels", n.num_channels),
        ("centrifugo.node.num_subscriptions", n.num_subs),
    ]
}

fn write_node(buf: &mut Vec<u8>, n: &NodeInfo, interval: u64) {
    let mut o = Obj::new(buf);
    o.str("uid", &n.uid)
        .str("name", &n.name)
        .str("version", &n.version);
    o.u64("num_clients", n.num_clients)
        .u64("num_users", n.num_users)
        .u64("num_channels", n.num_channels);
    o.u64("uptime", n.uptime).u64("num_subs", n.num_subs);
    {
        let mut m = o.obj("metrics");
        m.u64("interval", interval);
        let mut items = m.obj("items");
        for (k, v) in metric_items(n) {
            items.u64(k, v);
        }
        items.end();
        m.end();
    }
    {
        let mut p = o.obj("process");
        p.u64("rss", n.rss);
        p.end();
    }
    o.end();
}

impl Reply {
    /// Appends the result as JSON (the value of the response's `result`, or the whole batch body).
    pub(super) fn write_json(&self, buf: &mut Vec<u8>) {
        match self {
            Reply::Empty => buf.extend_from_slice(b"{}"),
            Reply::Publish(p) => write_publish(buf, p),
            Reply::Broadcast(results) => write_list(buf, "responses", results, |b, r| {
                write_outcome(b, "result", r, write_publish)
            }),
            Reply::Presence(p) => {
                let mut o = Obj::new(buf);
                let mut m = o.obj("presence");
                for (client, info) in p {
                    let mut v = Vec::new();
                    write_client_info(&mut v, info);
                    m.raw(client, &v);
                }
                m.end();
                o.end();
            }
            Reply::PresenceStats {
                num_clients,
                num_users,
            } => {
                let mut o = Obj::new(buf);
                o.u64("num_clients", u64::from(*num_clients))
                    .u64("num_users", u64::from(*num_users));
                o.end();
            }
            Reply::History {
                publications,
                epoch,
                offset,
            } => {
                let mut o = Obj::new(buf);
                write_publications(o.array_start("publications"), publications);
                o.str("epoch", epoch).u64("offset", *offset);
                o.end();
            }
            Reply::Channels(list) => {
                let mut o = Obj::new(buf);
                let mut m = o.obj("channels");
                for (ch, n) in list {
                    let mut c = m.obj(ch);
                    c.u64("num_clients", *n);
                    c.end();
                }
                m.end();
                o.end();
            }
            Reply::Info {
                nodes,
                metrics_interval,
            } => write_list(buf, "nodes", nodes, |b, n| {
                write_node(b, n, *metrics_interval)
            }),
            // No replies: `replies` is omitted, as protobuf JSON omits empty repeated fields.
            Reply::Batch(results) if results.is_empty() => buf.extend_from_slice(b"{}"),
            Reply::Batch(results) => write_list(buf, "replies", results, |b, (method, r)| {
                write_outcome(b, method, r, |b, reply| reply.write_json(b))
            }),
        }
    }
}
