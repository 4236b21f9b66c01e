//! What the broker and the controller deliver to the node: publications and join/leave events for
//! local subscribers (encoded once per format and shared), and control messages from any node.

use super::Node;
use crate::broker::{ControlHandler, EventHandler};
use crate::cluster::Message;
use crate::hub::{Encodings, Hub, Tally, Variant};
use crate::metrics::{frame_slot, MessageType, Metrics};
use crate::protocol::{pb, ClientInfo, Format, Publication, StreamPosition};
use bytes::Bytes;
use std::sync::{Arc, Weak};

/// A publication as a delta subscriber gets it: with `patch`, the patch flagged `delta`; without,
/// the whole data. On JSON connections the data travels as a JSON string either way (the SDKs
/// decode it as text); a patch that is not valid UTF-8 cannot, so the whole data goes instead.
pub(crate) fn delta_form(f: Format, p: &pb::Publication, patch: Option<&[u8]>) -> pb::Publication {
    let mut q = p.clone();
    let (data, delta) = match patch {
        Some(d) if f == Format::Protobuf || std::str::from_utf8(d).is_ok() => (d, true),
        _ => (&p.data[..], false),
    };
    q.delta = delta;
    q.data = match f {
        Format::Protobuf => Bytes::copy_from_slice(data),
        Format::Json => match std::str::from_utf8(data) {
            Ok(text) => Bytes::from(serde_json::to_string(text).unwrap_or_default()),
            Err(_) => Bytes::copy_from_slice(data),
        },
    };
    q
}

/// Tries at reading a channel's stream top after a broker reconnect, and the wait between them;
/// the periodic position check catches what these miss.
const GAP_CHECK_ATTEMPTS: u32 = 5;
const GAP_CHECK_RETRY: std::time::Duration = std::time::Duration::from_millis(500);
/// How long publications at or below the top read for a gap check may still be on their way
/// (published, not yet delivered): subscribers are compared with that top only after this.
const GAP_CHECK_SETTLE: std::time::Duration = std::time::Duration::from_millis(300);

/// The node's side of the broker and the controller. Publications go straight to the hub (the
/// hot path); control messages need the whole node, held weakly (the node owns the broker).
pub(super) struct Events {
    hub: Arc<Hub>,
    node: Weak<Node>,
    metrics: Arc<Metrics>,
    tracer: Arc<crate::trace::Tracer>,
}

impl Events {
    pub(super) fn new(
        hub: Arc<Hub>,
        node: Weak<Node>,
        metrics: Arc<Metrics>,
        tracer: Arc<crate::trace::Tracer>,
    ) -> Events {
        Events {
            hub,
            node,
            metrics,
            tracer,
        }
    }

    /// A channel event for the channel's trace watchers.
    fn trace(
        &self,
        channel: &str,
        kind: &str,
        info: Option<&ClientInfo>,
        extra: serde_json::Value,
    ) {
        if !self.tracer.active() {
            return;
        }
        let mut ev = serde_json::json!({"type": kind, "channel": channel});
        if let Some(i) = info {
            ev["user"] = i.user.clone().into();
            ev["client"] = i.client.clone().into();
        }
        if let (Some(o), Some(e)) = (ev.as_object_mut(), extra.as_object()) {
            o.extend(e.clone());
        }
        self.tracer.emit("", Some(channel), ev);
    }

    fn broadcast_push(&self, channel: &str, push: pb::Push, kind: MessageType, frame: &str) {
        let reply = pb::Reply {
            push: Some(push),
            ..Default::default()
        };
        let encode = |f: Format| f.encode(&reply);
        let mut tally = Tally::default();
        self.hub
            .broadcast_join_leave_tallied(channel, &Encodings::new(&encode), &mut tally);
        self.metrics.message_received(kind);
        self.metrics
            .fanout(frame_slot(frame), &tally.count, &tally.bytes);
    }
}

impl EventHandler for Events {
    fn on_publication(
        &self,
        channel: &str,
        publication: Publication,
        position: StreamPosition,
        prev: Option<Publication>,
    ) {
        let mut p = pb::Publication::from(&publication);
        if p.offset > 0 {
            p.epoch = position.epoch;
        }
        if self.tracer.active() {
            self.trace(
                channel,
                "publication",
                publication.info.as_ref(),
                serde_json::json!({"offset": p.offset, "data": crate::trace::frame_json(&p.data)}),
            );
        }
        // The patch against the previous publication, made once and only if a delta subscriber
        // needs it; None when there is nothing to patch against or the patch is not smaller.
        let patch = std::cell::OnceCell::new();
        let patch = || {
            patch
                .get_or_init(|| {
                    let prev = prev.as_ref()?;
                    let d = crate::protocol::fossil::encode(&prev.data, &p.data);
                    (d.len() < p.data.len()).then_some(d)
                })
                .as_deref()
        };
        let encode = |f: Format, v: Variant| match v {
            Variant::Plain => f.encode_publication(channel, &p),
            Variant::DeltaFull => f.encode_publication(channel, &delta_form(f, &p, None)),
            Variant::DeltaPatch => f.encode_publication(channel, &delta_form(f, &p, patch())),
        };
        let started = self.metrics.enabled().then(std::time::Instant::now);
        let mut tally = Tally::default();
        self.hub.broadcast_tallied(
            channel,
            p.offset,
            &publication.tags,
            &Encodings::with_variants(&encode),
            &mut tally,
        );
        if let Some(t) = started {
            self.metrics.broadcast(t.elapsed());
            self.metrics.message_received(MessageType::Publication);
            self.metrics
                .fanout(frame_slot("push_publication"), &tally.count, &tally.bytes);
            self.metrics.tags_filter_dropped(tally.filtered);
        }
    }

    fn on_join(&self, channel: &str, info: ClientInfo) {
        self.trace(channel, "join", Some(&info), serde_json::json!({}));
        let push = pb::Push {
            channel: channel.to_string(),
            join: Some(pb::Join {
                info: Some((&info).into()),
            }),
            ..Default::default()
        };
        self.broadcast_push(channel, push, MessageType::Join, "push_join");
    }

    fn on_leave(&self, channel: &str, info: ClientInfo) {
        self.trace(channel, "leave", Some(&info), serde_json::json!({}));
        let push = pb::Push {
            channel: channel.to_string(),
            leave: Some(pb::Leave {
                info: Some((&info).into()),
            }),
            ..Default::default()
        };
        self.broadcast_push(channel, push, MessageType::Leave, "push_leave");
    }

    fn on_gap(&self, channels: &[String]) {
        let Some(node) = self.node.upgrade() else {
            return;
        };
        let channels = channels.to_vec();
        // Each channel's stream top, compared with what its positioned subscribers got.
        tokio::spawn(async move {
            let mut tops = Vec::new();
            for channel in channels {
                let Ok(o) = node.rules.options(&channel).cloned() else {
                    continue;
                };
                if !crate::channel::history_enabled(&o) {
                    continue;
                }
                // A few tries: the command connection may be coming back too.
                for attempt in 1..=GAP_CHECK_ATTEMPTS {
                    match node.history(&channel, &o, None, 0, false).await {
                        Ok((_, top)) => {
                            tops.push((channel, top.offset));
                            break;
                        }
                        Err(e) if attempt == GAP_CHECK_ATTEMPTS => {
                            tracing::warn!(channel = %channel, error = %e, "position check after reconnect failed")
                        }
                        Err(_) => tokio::time::sleep(GAP_CHECK_RETRY).await,
                    }
                }
            }
            tokio::time::sleep(GAP_CHECK_SETTLE).await;
            for (channel, top) in tops {
                node.hub.behind(&channel, top);
            }
        });
    }
}

impl ControlHandler for Events {
    fn on_control(&self, data: Bytes) {
        let Some(node) = self.node.upgrade() else {
            return;
        };
        node.metrics.message_received(MessageType::Control);
        match Message::decode(&data) {
            Ok(m) => node.handle_control(m),
            // Another node's (newer or broken) message: it must not stop this one.
            Err(e) => tracing::warn!(error = %e, "undecodable control message"),
        }
    }
}
