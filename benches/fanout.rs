//! Hub fan-out: one publication encoded once per format (`Encodings`) and queued for N subscribers,
//! then drained and joined into frames as the per-connection writers do.

use bytes::Bytes;
use centrifugo::internals::{join_frame, ClientHandle, Drained, Protocol};
use centrifugo::internals::{Encodings, Hub};
use centrifugo::wire::{pb, Format};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use futures_util::FutureExt;
use std::sync::Arc;

fn publication(size: usize) -> pb::Publication {
    let pad = "x".repeat(size.saturating_sub(20));
    pb::Publication {
        data: Bytes::from(format!("{{\"ts\":1,\"p\":\"{pad}\"}}")),
        offset: 0,
        ..Default::default()
    }
}

/// A hub with `n` subscribers of "ch"; every other one speaks Protobuf when `mixed`.
fn hub_with(n: usize, mixed: bool) -> (Hub, Vec<Arc<ClientHandle>>) {
    let hub = Hub::default();
    let mut handles = Vec::with_capacity(n);
    for i in 0..n {
        let format = if mixed && i % 2 == 1 {
            Protocol::Protobuf
        } else {
            Protocol::Json
        };
        let h = Arc::new(ClientHandle::new(format!("c{i}"), format, 0));
        hub.add_subscriber("ch", h.clone(), Default::default());
        handles.push(h);
    }
    (hub, handles)
}

/// Takes what a writer would take and builds its frame; returns the bytes written.
fn drain_all(handles: &[Arc<ClientHandle>]) -> usize {
    let mut bytes = 0;
    for h in handles {
        if let Some(Drained::Messages(items)) = h.drain().now_or_never() {
            bytes += join_frame(h.protocol, &items).len();
        }
    }
    bytes
}

fn fanout(c: &mut Criterion) {
    let p = publication(128);
    let mut group = c.benchmark_group("hub_fanout");
    group.sample_size(20);
    for &n in &[100usize, 1_000, 10_000] {
        for mixed in [false, true] {
            let (hub, handles) = hub_with(n, mixed);
            let label = if mixed { "json+protobuf" } else { "json" };
            group.throughput(Throughput::Elements(n as u64));
            group.bench_with_input(BenchmarkId::new(label, n), &n, |b, _| {
                b.iter(|| {
                    let encode = |f: Format| f.encode_publication("ch", &p);
                    let delivered = hub.broadcast("ch", 0, &[], &Encodings::new(&encode));
                    (delivered, drain_all(&handles))
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, fanout);
criterion_main!(benches);
