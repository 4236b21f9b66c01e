//! The Graphite export (`graphite.enabled`): every `graphite.interval` the node's metrics (the
//! registry `/metrics` renders) go to `graphite.host:graphite.port` over TCP in Graphite's
//! plaintext protocol, one `path value timestamp` line per sample, as Centrifugo sends them:
//! the path is `<prefix>.<node name>.<namespace>.<subsystem>.<name>` (`centrifugo.node1.
//! centrifugo.node.num_clients`) followed by the non-empty label values (or, with `graphite.tags`,
//! `;label=value` tags); counters are sent as their increase over the interval, gauges as they
//! are. A Graphite that cannot be reached is retried at the next interval.

use crate::metrics::{samples, Sample};
use crate::node::Node;
use std::collections::HashMap;
use std::sync::Arc;
use tokio::io::AsyncWriteExt;

/// A path component with Graphite's separators out of it.
fn component(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '.' | ' ' | ';' | '=' => '_',
            c => c,
        })
        .collect()
}

/// `centrifugo_node_num_clients` -> `centrifugo.node.num_clients` (namespace, subsystem, name).
fn metric_path(name: &str) -> String {
    let mut parts = name.splitn(3, '_');
    [parts.next(), parts.next(), parts.next()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(".")
}

/// The lines of one export, remembering each running total in `last` to send its increase.
pub(crate) fn lines(
    prefix: &str,
    tags: bool,
    now: u64,
    samples: &[Sample],
    last: &mut HashMap<String, f64>,
) -> String {
    let mut out = String::new();
    for s in samples {
        let mut path = format!("{prefix}.{}", metric_path(&s.name));
        if tags {
            for (k, v) in &s.labels {
                path.push_str(&format!(";{}={}", component(k), component(v)));
            }
        } else {
            for (_, v) in s.labels.iter().filter(|(_, v)| !v.is_empty()) {
                path.push('.');
                path.push_str(&component(v));
            }
        }
        if s.cumulative {
            let series = format!("{}{:?}", s.name, s.labels);
            let before = last.insert(series, s.value).unwrap_or(0.0);
            let delta = (s.value - before).max(0.0);
            out.push_str(&format!("{path} {} {now}\n", delta.round() as i64));
        } else {
            out.push_str(&format!("{path} {:.6} {now}\n", s.value));
        }
    }
    out
}

/// Sends the node's metrics to Graphite every interval, until the node goes away.
pub(crate) async fn run(node: std::sync::Weak<Node>) {
    let Some(n) = node.upgrade() else {
        return;
    };
    let g = n.config.graphite.clone();
    let prefix = format!("{}.{}", g.prefix.trim_end_matches('.'), component(&n.name));
    drop(n);
    let addr = format!("{}:{}", g.host, g.port);
    let interval = if g.interval.is_zero() {
        std::time::Duration::from_secs(10)
    } else {
        g.interval
    };
    let mut tick = tokio::time::interval(interval);
    tick.tick().await;
    let mut last = HashMap::new();
    let mut conn: Option<tokio::net::TcpStream> = None;
    loop {
        tick.tick().await;
        let Some(n) = node.upgrade() else {
            return;
        };
        let text = n.render_metrics();
        drop(n);
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let body = lines(&prefix, g.tags, now, &samples(&text), &mut last);
        if conn.is_none() {
            match tokio::net::TcpStream::connect(&addr).await {
                Ok(c) => conn = Some(c),
                Err(e) => {
                    tracing::warn!(address = %addr, error = %e, "graphite: cannot connect");
                    continue;
                }
            }
        }
        if let Some(c) = conn.as_mut() {
            if let Err(e) = c.write_all(body.as_bytes()).await {
                tracing::warn!(address = %addr, error = %e, "graphite: write failed");
                conn = None;
            }
        }
    }
}

/// Starts the export if `graphite.enabled`; it stops when the node is dropped.
pub(crate) fn start(node: &Arc<Node>) -> Option<tokio::task::JoinHandle<()>> {
    node.config
        .graphite
        .enabled
        .then(|| tokio::spawn(run(Arc::downgrade(node))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(name: &str, labels: &[(&str, &str)], value: f64, cumulative: bool) -> Sample {
        Sample {
            name: name.into(),
            labels: labels
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            value,
            cumulative,
        }
    }

    #[test]
    fn paths_and_counter_increases() {
        let mut last = HashMap::new();
        let s = vec![
            sample("centrifugo_node_num_clients", &[], 3.0, false),
            sample(
                "centrifugo_client_num_reply_errors",
                &[("code", "103"), ("method", "subscribe")],
                5.0,
                true,
            ),
        ];
        let out = lines("centrifugo.n1", false, 100, &s, &mut last);
        assert_eq!(
            out,
            "centrifugo.n1.centrifugo.node.num_clients 3.000000 100\n\
             centrifugo.n1.centrifugo.client.num_reply_errors.103.subscribe 5 100\n"
        );
        let mut s2 = s.clone();
        s2[1].value = 8.0;
        let out = lines("centrifugo.n1", true, 110, &s2, &mut last);
        assert!(
            out.contains(
                "centrifugo.n1.centrifugo.client.num_reply_errors;code=103;method=subscribe 3 110"
            ),
            "{out}"
        );
        assert_eq!(component("a.b c"), "a_b_c");
    }
}
