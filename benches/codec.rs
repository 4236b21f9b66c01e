//! Client protocol codecs: decoding a frame of commands, encoding replies and publication pushes,
//! in JSON and Protobuf.

use bytes::Bytes;
use centrifugo::wire::{json_pb, pb, protobuf, Format};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

/// A frame of `n` commands as SDKs send them after connecting: subscribes and publishes.
fn commands(n: u32) -> Vec<pb::Command> {
    (1..=n)
        .map(|id| {
            let mut cmd = pb::Command {
                id,
                ..Default::default()
            };
            if id % 2 == 0 {
                cmd.subscribe = Some(pb::SubscribeRequest {
                    channel: format!("chat:room-{id}"),
                    ..Default::default()
                });
            } else {
                cmd.publish = Some(pb::PublishRequest {
                    channel: format!("chat:room-{id}"),
                    data: Bytes::from_static(b"{\"text\":\"hello world\",\"n\":42}"),
                    ..Default::default()
                });
            }
            cmd
        })
        .collect()
}

fn frame(format: Format, cmds: &[pb::Command]) -> Vec<u8> {
    let mut out = Vec::new();
    for c in cmds {
        match format {
            Format::Json => {
                if !out.is_empty() {
                    out.push(b'\n');
                }
                json_pb::encode_command(c, &mut out);
            }
            Format::Protobuf => protobuf::encode_command(c, &mut out),
        }
    }
    out
}

fn decode(c: &mut Criterion) {
    let cmds = commands(32);
    let mut group = c.benchmark_group("decode_commands_32");
    group.throughput(Throughput::Elements(cmds.len() as u64));
    for (name, format) in [("json", Format::Json), ("protobuf", Format::Protobuf)] {
        let f = frame(format, &cmds);
        group.bench_function(name, |b| {
            b.iter(|| format.decode_commands(black_box(&f)).map(|v| v.len()))
        });
    }
    group.finish();
}

fn replies() -> Vec<pb::Reply> {
    let publication = pb::Publication {
        data: Bytes::from_static(b"{\"text\":\"hello world\",\"n\":42}"),
        offset: 7,
        ..Default::default()
    };
    vec![
        pb::Reply {
            id: 1,
            connect: Some(pb::ConnectResult {
                client: "6f8b5d3e-2a4c-4e8f-9b1a-0c2d3e4f5a6b".into(),
                version: "6.9.1".into(),
                ping: 25,
                pong: true,
                ..Default::default()
            }),
            ..Default::default()
        },
        pb::Reply {
            id: 2,
            subscribe: Some(pb::SubscribeResult {
                recoverable: true,
                epoch: "abcd".into(),
                offset: 7,
                publications: vec![publication.clone(); 4],
                ..Default::default()
            }),
            ..Default::default()
        },
        pb::Reply {
            push: Some(pb::Push {
                channel: "chat:room".into(),
                r#pub: Some(publication),
                ..Default::default()
            }),
            ..Default::default()
        },
    ]
}

fn encode(c: &mut Criterion) {
    let replies = replies();
    let mut group = c.benchmark_group("encode_replies");
    group.throughput(Throughput::Elements(replies.len() as u64));
    for (name, format) in [("json", Format::Json), ("protobuf", Format::Protobuf)] {
        group.bench_function(name, |b| {
            let mut out = Vec::with_capacity(1024);
            b.iter(|| {
                out.clear();
                for r in &replies {
                    format.append_reply(&mut out, black_box(r));
                }
                out.len()
            })
        });
    }
    group.finish();
    let p = pb::Publication {
        data: Bytes::from(format!("{{\"p\":\"{}\"}}", "x".repeat(120))),
        ..Default::default()
    };
    let mut group = c.benchmark_group("encode_publication_push_128b");
    for (name, format) in [("json", Format::Json), ("protobuf", Format::Protobuf)] {
        group.bench_function(name, |b| {
            b.iter(|| format.encode_publication(black_box("chat:room"), black_box(&p)))
        });
    }
    group.finish();
}

criterion_group!(benches, decode, encode);
criterion_main!(benches);
