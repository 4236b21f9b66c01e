//! Prometheus metrics at `/metrics` and the Graphite export, under real traffic: a WebSocket
//! client and the HTTP API drive the server, the text is parsed with a Prometheus text parser
//! (`prometheus-parse`), and every metric family Centrifugo v6.9.6 exposes for the same traffic
//! (`centrifugo_v6_metrics.txt`, scraped from the reference server) must be there with its type.

use super::common::*;
use serde_json::json;
use std::collections::HashMap;
use tokio::io::AsyncBufReadExt;

/// Families of the reference not served here, and why.
const NOT_SERVED: [(&str, &str); 7] = [
    (
        "centrifugo_broker_redis_pub_sub_dropped_messages",
        "Redis broker only",
    ),
    (
        "centrifugo_map_broker_redis_pub_sub_dropped_messages",
        "map subscriptions are not served",
    ),
    (
        "centrifugo_shared_poll_num_channels",
        "shared poll is not served",
    ),
    (
        "centrifugo_shared_poll_num_keys",
        "shared poll is not served",
    ),
    (
        "centrifugo_node_pub_sub_lag_seconds",
        "publications carry no time stamp here",
    ),
    ("centrifugo_transport_frame_size", "not measured yet"),
    (
        "centrifugo_client_connections_inflight",
        "checked below by value",
    ),
];

fn reference() -> Vec<(String, String)> {
    let text = include_str!("centrifugo_v6_metrics.txt");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let (name, ty) = l.split_once(' ')?;
            Some((name.to_string(), ty.to_string()))
        })
        .collect()
}

/// `# TYPE` lines: family name -> type.
fn types(text: &str) -> HashMap<String, String> {
    text.lines()
        .filter_map(|l| l.strip_prefix("# TYPE "))
        .filter_map(|l| {
            let (n, t) = l.split_once(' ')?;
            Some((n.to_string(), t.to_string()))
        })
        .collect()
}

/// The value of the first sample named `name` whose labels include all of `labels`.
fn value(scrape: &prometheus_parse::Scrape, name: &str, labels: &[(&str, &str)]) -> Option<f64> {
    scrape
        .samples
        .iter()
        .find(|s| {
            s.metric == name
                && labels
                    .iter()
                    .all(|(k, v)| s.labels.get(k).is_some_and(|x| x == *v))
        })
        .and_then(|s| match &s.value {
            prometheus_parse::Value::Counter(v)
            | prometheus_parse::Value::Gauge(v)
            | prometheus_parse::Value::Untyped(v) => Some(*v),
            prometheus_parse::Value::Histogram(b) => b
                .iter()
                .find(|b| b.less_than.is_infinite())
                .map(|b| b.count),
            prometheus_parse::Value::Summary(_) => Some(f64::NAN),
        })
}

async fn scrape(s: &TestServer) -> String {
    let resp = reqwest::get(format!("http://{}/metrics", s.addr))
        .await
        .expect("GET /metrics");
    assert_eq!(resp.status(), 200);
    let ct = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    assert!(ct.starts_with("text/plain; version=0.0.4"), "{ct}");
    resp.text().await.expect("body")
}

/// Drives the traffic the reference was scraped after.
async fn traffic(s: &TestServer) -> Client {
    let (mut c, _) = Client::connect(&s.ws_url(), "alice").await;
    c.call(json!({"id": 2, "subscribe": {"channel": "chat:m"}}))
        .await;
    let r = c
        .call(json!({"id": 3, "publish": {"channel": "chat:m", "data": {"a": 1}}}))
        .await;
    assert!(r.get("error").is_none(), "{r}");
    c.publication().await;
    let r = c.call(json!({"id": 4, "rpc": {"method": "nope"}})).await;
    assert!(r.get("error").is_some(), "{r}");
    c.call(json!({"id": 5, "presence": {"channel": "chat:m"}}))
        .await;
    c.call(json!({"id": 6, "history": {"channel": "chat:m", "limit": 5}}))
        .await;
    let r = c
        .call(json!({"id": 7, "subscribe": {"channel": "closed:x"}}))
        .await;
    assert_eq!(r["error"]["code"], 103, "{r}");
    api(
        &s.api_url(),
        "publish",
        json!({"channel": "chat:m", "data": {"b": 2}}),
    )
    .await;
    c.publication().await;
    api(&s.api_url(), "info", json!({})).await;
    api(&s.api_url(), "channels", json!({})).await;
    c
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn prometheus_serves_centrifugo_metric_families_under_real_traffic() {
    let mut cfg = base_config();
    cfg["prometheus"] = json!({"enabled": true});
    let s = TestServer::start(cfg).await;
    let c = traffic(&s).await;
    let text = scrape(&s).await;
    let ours = types(&text);
    let skip: Vec<&str> = NOT_SERVED.iter().map(|(n, _)| *n).collect();
    for (name, ty) in reference() {
        if skip.contains(&name.as_str()) {
            continue;
        }
        assert_eq!(
            ours.get(&name).map(String::as_str),
            Some(ty.as_str()),
            "family {name} ({ty}) of Centrifugo v6.9.6 missing or of another type:\n{text}"
        );
    }
    let lines = text.lines().map(|l| Ok(l.to_string()));
    let p = prometheus_parse::Scrape::parse(lines).expect("valid Prometheus text");
    let v = |name: &str, labels: &[(&str, &str)]| value(&p, name, labels);
    assert_eq!(v("centrifugo_node_num_clients", &[]), Some(1.0), "{text}");
    assert_eq!(v("centrifugo_node_num_users", &[]), Some(1.0));
    assert_eq!(v("centrifugo_node_num_channels", &[]), Some(1.0));
    assert_eq!(v("centrifugo_node_num_subscriptions", &[]), Some(1.0));
    assert_eq!(v("centrifugo_node_num_nodes", &[]), Some(1.0));
    assert_eq!(
        v(
            "centrifugo_node_build",
            &[("version", s.node.version.as_str())]
        ),
        Some(1.0)
    );
    // Two publications reached the subscriber; the fan-out counted them per transport.
    assert_eq!(
        v(
            "centrifugo_transport_messages_sent",
            &[
                ("transport", "websocket"),
                ("frame_type", "push_publication")
            ]
        ),
        Some(2.0),
        "{text}"
    );
    assert!(v(
        "centrifugo_transport_messages_sent_size",
        &[("frame_type", "push_publication")]
    )
    .is_some_and(|b| b > 20.0));
    assert_eq!(
        v(
            "centrifugo_transport_messages_received",
            &[("transport", "websocket"), ("frame_type", "subscribe")]
        ),
        Some(2.0)
    );
    assert_eq!(
        v(
            "centrifugo_client_num_reply_errors",
            &[("method", "subscribe"), ("code", "103")]
        ),
        Some(1.0)
    );
    assert_eq!(
        v(
            "centrifugo_client_command_duration_seconds_histogram",
            &[("method", "subscribe")]
        ),
        Some(2.0)
    );
    assert_eq!(
        v(
            "centrifugo_node_messages_sent_count",
            &[("type", "publication")]
        ),
        Some(2.0)
    );
    assert_eq!(
        v(
            "centrifugo_node_messages_received_count",
            &[("type", "publication")]
        ),
        Some(2.0)
    );
    assert_eq!(
        v("centrifugo_node_action_count", &[("action", "add_client")]),
        Some(1.0)
    );
    assert_eq!(
        v(
            "centrifugo_client_connections_accepted",
            &[("transport", "websocket")]
        ),
        Some(1.0)
    );
    assert_eq!(
        v(
            "centrifugo_client_connections_inflight",
            &[("transport", "websocket")]
        ),
        Some(1.0)
    );
    assert_eq!(
        v(
            "centrifugo_api_command_duration_seconds_histogram",
            &[("protocol", "http"), ("method", "publish")]
        ),
        Some(1.0)
    );
    assert!(v("process_resident_memory_bytes", &[]).is_some_and(|b| b > 1e6));

    // The client leaves: the inflight gauge and the client count go back to 0.
    drop(c);
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let text = scrape(&s).await;
        let p = prometheus_parse::Scrape::parse(text.lines().map(|l| Ok(l.to_string())))
            .expect("valid Prometheus text");
        let gone = value(
            &p,
            "centrifugo_client_connections_inflight",
            &[("transport", "websocket")],
        ) == Some(0.0)
            && value(&p, "centrifugo_node_num_clients", &[]) == Some(0.0);
        if gone {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "inflight did not drop:\n{text}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_are_off_unless_enabled() {
    let s = TestServer::start(base_config()).await;
    let resp = reqwest::get(format!("http://{}/metrics", s.addr))
        .await
        .expect("GET /metrics");
    assert_eq!(resp.status(), 404);
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn graphite_receives_the_metrics_as_plaintext_lines() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let mut cfg = base_config();
    cfg["node"] = json!({"name": "graph.node"});
    cfg["graphite"] = json!({"enabled": true, "host": "127.0.0.1", "port": port,
                             "prefix": "cf", "interval": "200ms"});
    let s = TestServer::start(cfg).await;
    let _c = traffic(&s).await;
    let (sock, _) = tokio::time::timeout(std::time::Duration::from_secs(10), listener.accept())
        .await
        .expect("the exporter connects")
        .expect("accept");
    let mut lines = tokio::io::BufReader::new(sock).lines();
    let mut seen: HashMap<String, f64> = HashMap::new();
    let want = [
        "cf.graph_node.centrifugo.node.num_clients",
        "cf.graph_node.centrifugo.client.num_reply_errors.103.subscribe",
    ];
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
    while !want.iter().all(|w| seen.contains_key(*w)) {
        let line = tokio::time::timeout_at(deadline, lines.next_line())
            .await
            .unwrap_or_else(|_| panic!("lines seen so far: {seen:?}"))
            .expect("read")
            .expect("the exporter keeps the connection");
        let parts: Vec<&str> = line.split(' ').collect();
        assert_eq!(parts.len(), 3, "path value timestamp: {line:?}");
        let value: f64 = parts[1].parse().expect("a number");
        let ts: u64 = parts[2].parse().expect("unix seconds");
        assert!(ts > 1_700_000_000, "{line}");
        // The first export carries the totals so far; later ones the increase.
        seen.entry(parts[0].to_string()).or_insert(value);
    }
    assert_eq!(seen[want[0]], 1.0, "{seen:?}");
    assert_eq!(seen[want[1]], 1.0, "{seen:?}");
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn recovery_ping_pong_tags_filter_and_suppressed_publishes_are_counted() {
    let mut cfg = base_config();
    cfg["prometheus"] = json!({"enabled": true});
    cfg["client"]["ping_interval"] = json!("300ms");
    cfg["client"]["pong_timeout"] = json!("2s");
    cfg["channel"]["namespaces"][0]["allow_tags_filter"] = json!(true);
    cfg["channel"]["namespaces"][0]["force_recovery"] = json!(true);
    let s = TestServer::start(cfg).await;
    let (mut c, _) = Client::connect(&s.ws_url(), "alice").await;
    // Answer one ping: the round trip is measured.
    match c.next().await {
        super::common::Event::Msg(v) if v == json!({}) => c.send(json!({})).await,
        other => panic!("expected a ping, got {other:?}"),
    }
    // A subscriber whose tags filter drops what is published next.
    let r = c
        .call(json!({"id": 2, "subscribe": {"channel": "chat:f",
            "tf": {"key": "k", "cmp": "eq", "val": "wanted"}}}))
        .await;
    assert!(r.get("error").is_none(), "{r}");
    let p = json!({"channel": "chat:f", "data": {"x": 1}, "tags": {"k": "other"},
                   "idempotency_key": "once"});
    api(&s.api_url(), "publish", p.clone()).await;
    // The same idempotency key again: suppressed by the broker.
    api(&s.api_url(), "publish", p).await;
    // A recovery from a position the stream has: recovered, with the publication.
    let r = c
        .call(
            json!({"id": 3, "subscribe": {"channel": "chat:r", "recover": true,
            "offset": 0, "epoch": "none"}}),
        )
        .await;
    assert!(r.get("error").is_none(), "{r}");
    let text = scrape(&s).await;
    let p = prometheus_parse::Scrape::parse(text.lines().map(|l| Ok(l.to_string())))
        .expect("valid Prometheus text");
    let v = |name: &str, labels: &[(&str, &str)]| value(&p, name, labels);
    assert_eq!(
        v(
            "centrifugo_client_ping_pong_duration_seconds",
            &[("transport", "websocket")]
        ),
        Some(1.0),
        "{text}"
    );
    assert_eq!(
        v("centrifugo_node_tags_filter_dropped_publications", &[]),
        Some(1.0),
        "{text}"
    );
    assert_eq!(
        v("centrifugo_broker_publish_suppressed_count", &[]),
        Some(1.0),
        "{text}"
    );
    assert_eq!(v("centrifugo_client_recover", &[]), Some(1.0), "{text}");
    let t = types(&text);
    assert_eq!(
        t.get("centrifugo_client_ping_pong_duration_seconds")
            .map(String::as_str),
        Some("histogram")
    );
    s.stop().await;
}
