//! The node's metrics, under Centrifugo's names, labels and types (namespace `centrifugo`), so
//! dashboards built for Centrifugo (Grafana 13039) read them unchanged. Recorded with the
//! `metrics` crate into a Prometheus recorder of this node's own (not the process-global one:
//! several nodes may share a process), rendered by `metrics-exporter-prometheus` for `/metrics`
//! and, parsed back, for the Graphite export.
//!
//! The hot paths hold handles registered once (an array slot per transport and frame type): a
//! count is an atomic add, with no lock and no allocation. The fan-out counts per publication,
//! not per subscriber. Rare events (errors, disconnects by code) look their handle up by label.
//! When neither `prometheus` nor `graphite` is enabled nothing is counted.

use metrics::{Counter, Gauge, Histogram, Key, Label, Level, Metadata, Recorder};
use metrics_exporter_prometheus::{
    Matcher, PrometheusBuilder, PrometheusHandle, PrometheusRecorder,
};
use std::sync::OnceLock;
use std::time::Duration;

/// The transports, in the order of their slots (`transport` label values).
pub(crate) const TRANSPORTS: [&str; N_TRANSPORTS] = [
    "websocket",
    "http_stream",
    "sse",
    "sockjs",
    "webtransport",
    "uni_websocket",
    "uni_http_stream",
    "uni_sse",
    "uni_grpc",
];
pub(crate) const N_TRANSPORTS: usize = 9;

/// The slot of a transport name (an unknown name counts as websocket).
pub(crate) fn transport_slot(name: &str) -> usize {
    TRANSPORTS.iter().position(|t| *t == name).unwrap_or(0)
}

/// Frame types (`frame_type` label values): the commands and replies by method, then pushes.
pub(crate) const FRAMES: [&str; 22] = [
    "connect",
    "subscribe",
    "unsubscribe",
    "publish",
    "presence",
    "presence_stats",
    "history",
    "ping",
    "send",
    "rpc",
    "refresh",
    "sub_refresh",
    "push_publication",
    "push_join",
    "push_leave",
    "push_unsubscribe",
    "push_subscribe",
    "push_message",
    "push_disconnect",
    "push_connect",
    "push_refresh",
    "unknown",
];

/// The slot of a frame type name (`unknown` for anything else).
pub(crate) fn frame_slot(name: &str) -> usize {
    FRAMES
        .iter()
        .position(|t| *t == name)
        .unwrap_or(FRAMES.len() - 1)
}

/// Client command methods with a duration (`method` label values).
const METHODS: [&str; 12] = [
    "connect",
    "subscribe",
    "unsubscribe",
    "publish",
    "presence",
    "presence_stats",
    "history",
    "send",
    "rpc",
    "refresh",
    "sub_refresh",
    "unknown",
];

/// Node-to-broker message types (`type` label of messages_sent/received_count).
#[derive(Debug, Clone, Copy)]
pub(crate) enum MessageType {
    Publication = 0,
    Join = 1,
    Leave = 2,
    Control = 3,
}
const MESSAGE_TYPES: [&str; 4] = ["publication", "join", "leave", "control"];

/// Node actions (`action` label of node_action_count).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Action {
    AddClient = 0,
    RemoveClient,
    AddSubscription,
    RemoveSubscription,
    AddPresence,
    RemovePresence,
    Presence,
    PresenceStats,
    History,
    HistoryRemove,
    BrokerSubscribe,
    BrokerUnsubscribe,
    Survey,
}
const ACTIONS: [&str; 13] = [
    "add_client",
    "remove_client",
    "add_subscription",
    "remove_subscription",
    "add_presence",
    "remove_presence",
    "presence",
    "presence_stats",
    "history",
    "history_remove",
    "broker_subscribe",
    "broker_unsubscribe",
    "survey",
];

/// Buckets of the `_histogram` duration metrics (seconds), as Centrifugo's.
const DURATION_BUCKETS: [f64; 14] = [
    0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
];

static META: Metadata<'static> = Metadata::new("centrifugo", Level::INFO, None);

type Slots<const N: usize> = [OnceLock<Counter>; N];

fn slots<const N: usize>() -> Slots<N> {
    std::array::from_fn(|_| OnceLock::new())
}

/// Counts of one transport's frames, by frame type.
struct TransportSlots {
    sent: Slots<22>,
    sent_size: Slots<22>,
    received: Slots<22>,
    received_size: Slots<22>,
}

/// The node's metrics registry and the handles its hot paths count with.
pub(crate) struct Metrics {
    enabled: bool,
    recorder: PrometheusRecorder,
    handle: PrometheusHandle,
    transports: Vec<TransportSlots>,
    sent: Slots<4>,
    received: Slots<4>,
    actions: Slots<13>,
    durations: [OnceLock<(Histogram, Histogram)>; 12],
    connections_accepted: Slots<N_TRANSPORTS>,
    connections_inflight: [OnceLock<Gauge>; N_TRANSPORTS],
    subscriptions_accepted: OnceLock<Counter>,
    subscriptions_inflight: OnceLock<Gauge>,
    broadcast: OnceLock<Histogram>,
}

impl Metrics {
    /// A registry; `enabled` false makes every count a no-op (and `/metrics` empty).
    pub(crate) fn new(enabled: bool) -> Metrics {
        let builder = PrometheusBuilder::new()
            .set_quantiles(&[0.5, 0.99, 0.999])
            .and_then(|b| {
                b.set_buckets_for_metric(Matcher::Suffix("_histogram".into()), &DURATION_BUCKETS)
            })
            .and_then(|b| {
                b.set_buckets_for_metric(
                    Matcher::Full("centrifugo_node_broadcast_duration_seconds".into()),
                    &DURATION_BUCKETS,
                )
            })
            .and_then(|b| {
                b.set_buckets_for_metric(
                    Matcher::Full("centrifugo_node_pub_sub_lag_seconds".into()),
                    &DURATION_BUCKETS,
                )
            })
            .and_then(|b| {
                b.set_buckets_for_metric(
                    Matcher::Full("centrifugo_client_ping_pong_duration_seconds".into()),
                    &DURATION_BUCKETS,
                )
            })
            .map(|b| b.set_bucket_duration(Duration::from_secs(60)));
        // The quantiles and buckets above are constants the builder accepts.
        let recorder = match builder {
            Ok(Ok(b)) => b.build_recorder(),
            _ => PrometheusBuilder::new().build_recorder(),
        };
        let handle = recorder.handle();
        Metrics {
            enabled,
            recorder,
            handle,
            transports: (0..TRANSPORTS.len())
                .map(|_| TransportSlots {
                    sent: slots(),
                    sent_size: slots(),
                    received: slots(),
                    received_size: slots(),
                })
                .collect(),
            sent: slots(),
            received: slots(),
            actions: slots(),
            durations: std::array::from_fn(|_| OnceLock::new()),
            connections_accepted: slots(),
            connections_inflight: std::array::from_fn(|_| OnceLock::new()),
            subscriptions_accepted: OnceLock::new(),
            subscriptions_inflight: OnceLock::new(),
            broadcast: OnceLock::new(),
        }
    }

    /// Whether anything is counted.
    pub(crate) fn enabled(&self) -> bool {
        self.enabled
    }

    fn key(name: &'static str, labels: &[(&'static str, &str)]) -> Key {
        Key::from_parts(
            name,
            labels
                .iter()
                .map(|(k, v)| Label::new(*k, v.to_string()))
                .collect::<Vec<_>>(),
        )
    }

    /// A counter by name and labels (registered on first use; for rare events).
    pub(crate) fn counter(&self, name: &'static str, labels: &[(&'static str, &str)]) -> Counter {
        self.recorder
            .register_counter(&Self::key(name, labels), &META)
    }

    /// A gauge by name and labels.
    pub(crate) fn gauge(&self, name: &'static str, labels: &[(&'static str, &str)]) -> Gauge {
        self.recorder
            .register_gauge(&Self::key(name, labels), &META)
    }

    /// A histogram (or summary, by the name's buckets) by name and labels.
    pub(crate) fn histogram(
        &self,
        name: &'static str,
        labels: &[(&'static str, &str)],
    ) -> Histogram {
        self.recorder
            .register_histogram(&Self::key(name, labels), &META)
    }

    fn slot<'a>(
        &self,
        cell: &'a OnceLock<Counter>,
        name: &'static str,
        labels: &[(&'static str, &str)],
    ) -> &'a Counter {
        cell.get_or_init(|| self.counter(name, labels))
    }

    /// `n` frames of type `frame` (`frame_slot`) totalling `bytes` went to clients on `transport`
    /// (`transport_slot`).
    pub(crate) fn transport_sent(&self, transport: usize, frame: usize, n: u64, bytes: u64) {
        if self.enabled && n > 0 {
            self.frames(transport, frame, n, bytes, true);
        }
    }

    /// Adds to the message and byte counters of one direction (`sent`, or received).
    fn frames(&self, transport: usize, frame: usize, n: u64, bytes: u64, sent: bool) {
        let (Some(t), Some(f)) = (self.transports.get(transport), FRAMES.get(frame)) else {
            return;
        };
        let labels = [
            ("transport", TRANSPORTS[transport]),
            ("frame_type", *f),
            ("channel_namespace", ""),
        ];
        let (count, size, names) = if sent {
            let names = [
                "centrifugo_transport_messages_sent",
                "centrifugo_transport_messages_sent_size",
            ];
            (&t.sent[frame], &t.sent_size[frame], names)
        } else {
            let names = [
                "centrifugo_transport_messages_received",
                "centrifugo_transport_messages_received_size",
            ];
            (&t.received[frame], &t.received_size[frame], names)
        };
        self.slot(count, names[0], &labels).increment(n);
        self.slot(size, names[1], &labels).increment(bytes);
    }

    /// A fan-out queued `count[t]` frames of type `frame` totalling `bytes[t]` for each transport
    /// slot `t`.
    pub(crate) fn fanout(&self, frame: usize, count: &[u64], bytes: &[u64]) {
        if !self.enabled {
            return;
        }
        for (t, (n, b)) in count.iter().zip(bytes).enumerate() {
            self.transport_sent(t, frame, *n, *b);
        }
    }

    /// A command frame of `bytes` came from a client on `transport`.
    pub(crate) fn transport_received(&self, transport: usize, frame: usize, bytes: u64) {
        if self.enabled {
            self.frames(transport, frame, 1, bytes, false);
        }
    }

    /// A message of `kind` went to the broker.
    pub(crate) fn message_sent(&self, kind: MessageType) {
        if self.enabled {
            let i = kind as usize;
            self.slot(
                &self.sent[i],
                "centrifugo_node_messages_sent_count",
                &[("type", MESSAGE_TYPES[i]), ("channel_namespace", "")],
            )
            .increment(1);
        }
    }

    /// A message of `kind` came from the broker.
    pub(crate) fn message_received(&self, kind: MessageType) {
        if self.enabled {
            let i = kind as usize;
            self.slot(
                &self.received[i],
                "centrifugo_node_messages_received_count",
                &[("type", MESSAGE_TYPES[i]), ("channel_namespace", "")],
            )
            .increment(1);
        }
    }

    /// The node did `action`.
    pub(crate) fn action(&self, action: Action) {
        if self.enabled {
            let i = action as usize;
            self.slot(
                &self.actions[i],
                "centrifugo_node_action_count",
                &[("action", ACTIONS[i]), ("channel_namespace", "")],
            )
            .increment(1);
        }
    }

    /// A client command `method` took `d`; `error` is the code of its error reply, if any.
    pub(crate) fn command(&self, method: &str, d: Duration, error: Option<u32>) {
        if !self.enabled {
            return;
        }
        let i = METHODS
            .iter()
            .position(|m| *m == method)
            .unwrap_or(METHODS.len() - 1);
        let (summary, histogram) = self.durations[i].get_or_init(|| {
            let labels = [("method", METHODS[i]), ("channel_namespace", "")];
            (
                self.histogram("centrifugo_client_command_duration_seconds", &labels),
                self.histogram(
                    "centrifugo_client_command_duration_seconds_histogram",
                    &labels,
                ),
            )
        });
        let s = d.as_secs_f64();
        summary.record(s);
        histogram.record(s);
        if let Some(code) = error {
            self.counter(
                "centrifugo_client_num_reply_errors",
                &[
                    ("method", METHODS[i]),
                    ("code", &code.to_string()),
                    ("channel_namespace", ""),
                ],
            )
            .increment(1);
        }
    }

    fn conn_labels(transport: usize) -> [(&'static str, &'static str); 4] {
        [
            (
                "transport",
                TRANSPORTS.get(transport).copied().unwrap_or("websocket"),
            ),
            ("accept_protocol", ""),
            ("client_name", "unregistered"),
            ("client_version", "unregistered"),
        ]
    }

    /// A client connected (`true`) or went away (`false`) on `transport`.
    pub(crate) fn connection(&self, transport: usize, up: bool) {
        if !self.enabled || transport >= TRANSPORTS.len() {
            return;
        }
        let labels = Self::conn_labels(transport);
        let inflight = self.connections_inflight[transport]
            .get_or_init(|| self.gauge("centrifugo_client_connections_inflight", &labels));
        if up {
            self.slot(
                &self.connections_accepted[transport],
                "centrifugo_client_connections_accepted",
                &labels,
            )
            .increment(1);
            inflight.increment(1.0);
        } else {
            inflight.decrement(1.0);
        }
    }

    /// A client subscription began (`true`) or ended (`false`).
    pub(crate) fn subscription(&self, up: bool) {
        if !self.enabled {
            return;
        }
        let labels = [("client_name", "unregistered"), ("channel_namespace", "")];
        let inflight = self
            .subscriptions_inflight
            .get_or_init(|| self.gauge("centrifugo_client_subscriptions_inflight", &labels));
        if up {
            self.slot(
                &self.subscriptions_accepted,
                "centrifugo_client_subscriptions_accepted",
                &labels,
            )
            .increment(1);
            inflight.increment(1.0);
        } else {
            inflight.decrement(1.0);
        }
    }

    /// The server disconnected a client with `code` (from `transport`).
    pub(crate) fn server_disconnect(&self, transport: usize, code: u32) {
        if self.enabled {
            let code = code.to_string();
            self.counter(
                "centrifugo_client_num_server_disconnects",
                &[("code", &code)],
            )
            .increment(1);
            let t = TRANSPORTS.get(transport).copied().unwrap_or("websocket");
            self.counter(
                "centrifugo_transport_outgoing_close_count",
                &[("transport", t), ("code", &code)],
            )
            .increment(1);
        }
    }

    /// The server unsubscribed a client with `code`.
    pub(crate) fn server_unsubscribe(&self, code: u32) {
        if self.enabled {
            self.counter(
                "centrifugo_client_num_server_unsubscribes",
                &[("code", &code.to_string()), ("channel_namespace", "")],
            )
            .increment(1);
        }
    }

    /// Records `d` into a duration summary and into its `_histogram` companion (`histogram`),
    /// as Centrifugo exposes both.
    fn duration(
        &self,
        summary: &'static str,
        histogram: &'static str,
        labels: &[(&'static str, &str)],
        d: Duration,
    ) {
        let s = d.as_secs_f64();
        self.histogram(summary, labels).record(s);
        self.histogram(histogram, labels).record(s);
    }

    /// A survey of the nodes (`op`: channels) took `d`.
    pub(crate) fn survey(&self, op: &str, d: Duration) {
        if self.enabled {
            self.duration(
                "centrifugo_node_survey_duration_seconds",
                "centrifugo_node_survey_duration_seconds_histogram",
                &[("op", op)],
                d,
            );
        }
    }

    /// A subscription asked to recover: whether it did, and whether publications came back.
    pub(crate) fn recover(&self, recovered: bool, with_publications: bool) {
        if self.enabled {
            let b = |v: bool| if v { "yes" } else { "no" };
            self.counter(
                "centrifugo_client_recover",
                &[
                    ("recovered", b(recovered)),
                    ("has_recovered_publications", b(with_publications)),
                    ("channel_namespace", ""),
                ],
            )
            .increment(1);
        }
    }

    /// A client answered the server's ping after `d` (on `transport`).
    pub(crate) fn ping_pong(&self, transport: usize, d: Duration) {
        if self.enabled {
            let t = TRANSPORTS.get(transport).copied().unwrap_or("websocket");
            self.histogram(
                "centrifugo_client_ping_pong_duration_seconds",
                &[("transport", t)],
            )
            .record(d.as_secs_f64());
        }
    }

    /// A fan-out skipped `n` subscribers whose tags filter did not match.
    pub(crate) fn tags_filter_dropped(&self, n: u64) {
        if self.enabled && n > 0 {
            self.counter(
                "centrifugo_node_tags_filter_dropped_publications",
                &[("channel_namespace", "")],
            )
            .increment(n);
        }
    }

    /// A publish was suppressed by the broker (an idempotent duplicate or a stale version).
    pub(crate) fn publish_suppressed(&self) {
        if self.enabled {
            self.counter(
                "centrifugo_broker_publish_suppressed_count",
                &[("reason", "suppressed"), ("channel_namespace", "")],
            )
            .increment(1);
        }
    }

    /// A connection was refused by `client.connection_limit`.
    pub(crate) fn connection_limit_hit(&self) {
        if self.enabled {
            self.counter("centrifugo_node_client_connection_limit", &[])
                .increment(1);
        }
    }

    /// A publication's local fan-out took `d`.
    pub(crate) fn broadcast(&self, d: Duration) {
        if self.enabled {
            self.broadcast
                .get_or_init(|| {
                    self.histogram(
                        "centrifugo_node_broadcast_duration_seconds",
                        &[("type", "publication"), ("channel_namespace", "")],
                    )
                })
                .record(d.as_secs_f64());
        }
    }

    /// A server API call `method` over `protocol` (http, grpc) took `d`; `error` is its error
    /// code, if any.
    pub(crate) fn api_command(
        &self,
        protocol: &str,
        method: &str,
        d: Duration,
        error: Option<u32>,
    ) {
        if !self.enabled {
            return;
        }
        self.duration(
            "centrifugo_api_command_duration_seconds",
            "centrifugo_api_command_duration_seconds_histogram",
            &[("protocol", protocol), ("method", method)],
            d,
        );
        if let Some(code) = error {
            self.counter(
                "centrifugo_api_command_errors_total",
                &[
                    ("protocol", protocol),
                    ("method", method),
                    ("error", &code.to_string()),
                ],
            )
            .increment(1);
        }
    }

    /// A backend proxy call began (`up`) or ended: `centrifugo_proxy_inflight_requests`.
    pub(crate) fn proxy_inflight(&self, protocol: &str, kind: &str, name: &str, up: bool) {
        if self.enabled {
            let g = self.gauge(
                "centrifugo_proxy_inflight_requests",
                &[("protocol", protocol), ("type", kind), ("name", name)],
            );
            if up {
                g.increment(1.0);
            } else {
                g.decrement(1.0);
            }
        }
    }

    /// A backend proxy call (`kind`: connect, rpc, ...; `protocol`: http, grpc; `name`: the named
    /// proxy or `default`) took `d`, failing if `failed`.
    pub(crate) fn proxy(&self, protocol: &str, kind: &str, name: &str, d: Duration, failed: bool) {
        if !self.enabled {
            return;
        }
        let labels = [("protocol", protocol), ("type", kind), ("name", name)];
        self.duration(
            "centrifugo_proxy_duration_seconds",
            "centrifugo_proxy_duration_seconds_histogram",
            &labels,
            d,
        );
        if failed {
            self.counter("centrifugo_proxy_errors", &labels)
                .increment(1);
        }
    }

    /// The Prometheus text of everything counted, with the node gauges set from `node` first.
    pub(crate) fn render(&self, node: &NodeGauges) -> String {
        if !self.enabled {
            return String::new();
        }
        for (name, v) in [
            ("centrifugo_node_num_clients", node.clients),
            ("centrifugo_node_num_users", node.users),
            ("centrifugo_node_num_subscriptions", node.subscriptions),
            ("centrifugo_node_num_channels", node.channels),
            ("centrifugo_node_num_nodes", node.nodes),
        ] {
            self.gauge(name, &[]).set(v as f64);
        }
        self.gauge("centrifugo_node_build", &[("version", &node.version)])
            .set(1.0);
        // The standard process metrics of Prometheus clients, which dashboards chart.
        self.gauge("process_resident_memory_bytes", &[])
            .set(node.rss_bytes as f64);
        self.gauge("process_open_fds", &[])
            .set(node.open_fds as f64);
        self.gauge("process_start_time_seconds", &[])
            .set(node.start_time as f64);
        // A running total, kept as a gauge: the counters of `metrics` count whole units.
        self.gauge("process_cpu_seconds_total", &[])
            .set(node.cpu_seconds);
        // Present from the start, as Centrifugo's (it counts refusals).
        self.counter("centrifugo_node_client_connection_limit", &[])
            .increment(0);
        self.handle.run_upkeep();
        self.handle.render()
    }
}

/// The node-wide values `render` reports as gauges.
#[derive(Debug, Clone, Default)]
pub(crate) struct NodeGauges {
    pub(crate) clients: u64,
    pub(crate) users: u64,
    pub(crate) subscriptions: u64,
    pub(crate) channels: u64,
    pub(crate) nodes: u64,
    pub(crate) version: String,
    /// The process: resident memory, CPU seconds used, open descriptors, start (unix seconds).
    pub(crate) rss_bytes: u64,
    pub(crate) cpu_seconds: f64,
    pub(crate) open_fds: u64,
    pub(crate) start_time: u64,
}

/// `PresenceStats` -> `presence_stats`, `RPC` -> `rpc`: a GRPC method as metrics label it.
pub(crate) fn snake_case(method: &str) -> String {
    let mut out = String::with_capacity(method.len() + 4);
    let mut prev_lower = false;
    for c in method.chars() {
        if c.is_ascii_uppercase() {
            if prev_lower {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
            prev_lower = false;
        } else {
            out.push(c);
            prev_lower = true;
        }
    }
    out
}

/// One sample of the Prometheus text, for the Graphite export.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Sample {
    pub(crate) name: String,
    /// Labels, sorted by name.
    pub(crate) labels: Vec<(String, String)>,
    pub(crate) value: f64,
    /// A running total (a counter, or a summary's or histogram's `_count`/`_sum`).
    pub(crate) cumulative: bool,
}

/// The samples of a Prometheus text: counters and gauges as they are, a summary's quantiles
/// with a `quantile` label, and the `_count` and `_sum` of summaries and histograms (their
/// buckets are left out).
pub(crate) fn samples(text: &str) -> Vec<Sample> {
    let lines = text.lines().map(|l| Ok(l.to_string()));
    let Ok(scrape) = prometheus_parse::Scrape::parse(lines) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for s in scrape.samples {
        let mut labels: Vec<(String, String)> = s
            .labels
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        labels.sort();
        let mut push = |name: String, labels: Vec<(String, String)>, value: f64, cumulative| {
            if value.is_finite() {
                out.push(Sample {
                    name,
                    labels,
                    value,
                    cumulative,
                });
            }
        };
        match s.value {
            prometheus_parse::Value::Counter(v) => push(s.metric, labels, v, true),
            prometheus_parse::Value::Gauge(v) => push(s.metric, labels, v, false),
            prometheus_parse::Value::Untyped(v) => {
                let cumulative = s.metric.ends_with("_count") || s.metric.ends_with("_sum");
                push(s.metric, labels, v, cumulative)
            }
            prometheus_parse::Value::Histogram(_) => {}
            prometheus_parse::Value::Summary(qs) => {
                for q in qs {
                    let mut l = labels.clone();
                    l.push(("quantile".into(), q.quantile.to_string()));
                    push(s.metric.clone(), l, q.count, false);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_show_under_centrifugo_names() {
        let m = Metrics::new(true);
        let ws = transport_slot("websocket");
        m.transport_sent(ws, frame_slot("push_publication"), 3, 300);
        m.transport_received(ws, frame_slot("subscribe"), 40);
        m.message_sent(MessageType::Publication);
        m.action(Action::AddClient);
        m.command("subscribe", Duration::from_millis(2), Some(103));
        m.connection(ws, true);
        let text = m.render(&NodeGauges {
            clients: 1,
            version: "6.9.6".into(),
            ..Default::default()
        });
        let s = samples(&text);
        let find = |name: &str, label: (&str, &str)| {
            s.iter()
                .find(|x| {
                    x.name == name && x.labels.iter().any(|(k, v)| k == label.0 && v == label.1)
                })
                .map(|x| x.value)
        };
        assert_eq!(
            find(
                "centrifugo_transport_messages_sent",
                ("frame_type", "push_publication")
            ),
            Some(3.0),
            "{text}"
        );
        assert_eq!(
            find(
                "centrifugo_transport_messages_sent_size",
                ("transport", "websocket")
            ),
            Some(300.0)
        );
        assert_eq!(
            find("centrifugo_client_num_reply_errors", ("code", "103")),
            Some(1.0)
        );
        assert_eq!(
            find(
                "centrifugo_client_command_duration_seconds_histogram_count",
                ("method", "subscribe")
            ),
            Some(1.0),
            "{text}"
        );
        assert_eq!(
            find("centrifugo_node_build", ("version", "6.9.6")),
            Some(1.0)
        );
        assert!(text.contains("# TYPE centrifugo_client_command_duration_seconds summary"));
        assert!(
            text.contains("# TYPE centrifugo_client_command_duration_seconds_histogram histogram")
        );
        assert!(text.contains("# TYPE centrifugo_node_messages_sent_count counter"));
    }

    #[test]
    fn grpc_methods_get_snake_case_names() {
        assert_eq!(snake_case("PresenceStats"), "presence_stats");
        assert_eq!(snake_case("RPC"), "rpc");
        assert_eq!(snake_case("SubRefresh"), "sub_refresh");
        assert_eq!(snake_case("Publish"), "publish");
    }

    #[test]
    fn disabled_counts_nothing() {
        let m = Metrics::new(false);
        m.transport_sent(0, 0, 1, 1);
        m.action(Action::AddClient);
        assert_eq!(m.render(&NodeGauges::default()), "");
    }
}
