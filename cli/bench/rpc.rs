//! `rpc`: N connections calling an RPC method back to back (through the server's RPC proxy):
//! calls/s and round-trip latency. With `--backend ADDR` this process also serves a minimal HTTP
//! proxy backend there (every RPC answered with its own data), so the numbers are the server's
//! proxying cost rather than an application's.

use super::conn::Conn;
use super::load::{keep, open_many, report_opened};
use super::report::Report;
use super::{sys, Ctx, RpcArgs};
use std::time::{Duration, Instant};

pub(super) async fn rpc(ctx: &Ctx, a: &RpcArgs) -> anyhow::Result<Option<Report>> {
    if let Some(addr) = a.backend {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        tokio::spawn(backend(listener));
    }
    let mut conns: Vec<Conn> = Vec::new();
    let mut opened = open_many(
        ctx,
        0,
        a.connections,
        "connect",
        &|_| None,
        &mut keep(&mut conns),
    )
    .await;
    let data = format!("{{\"p\":\"{}\"}}", "x".repeat(a.payload));
    let cpu = sys::CpuWindow::start(ctx.common.server_pid);
    let until = Instant::now() + Duration::from_secs_f64(a.duration);
    let calls = conns.into_iter().map(|mut c| {
        let method = a.method.clone();
        let data = data.clone();
        tokio::spawn(async move {
            let mut lat: Vec<u32> = Vec::new();
            let mut errors = 0usize;
            let mut first_error = None;
            let mut id = 10u32;
            while Instant::now() < until {
                id = id.wrapping_add(1).max(10);
                let t0 = Instant::now();
                match c.rpc(id, &method, &data).await {
                    Ok(()) => lat.push(u32::try_from(t0.elapsed().as_micros()).unwrap_or(u32::MAX)),
                    Err(e) => {
                        errors += 1;
                        first_error.get_or_insert_with(|| format!("{e:#}"));
                        break;
                    }
                }
            }
            c.close().await;
            (lat, errors, first_error)
        })
    });
    let results = futures_util::future::join_all(calls).await;
    let mut report = Report::new("rpc");
    let mut lat = Vec::new();
    let mut errors = 0;
    let mut first_error = None;
    for r in results {
        let (l, e, f) = r?;
        lat.extend(l);
        errors += e;
        if first_error.is_none() {
            first_error = f;
        }
    }
    cpu.report(&mut report, "calls", lat.len() as f64);
    report_opened(&mut report, &mut opened, a.connections);
    report.add("calls", lat.len(), "");
    report.add_f(
        "call_rate",
        lat.len() as f64 / a.duration.max(1e-9),
        "calls/s",
    );
    report.add("call_errors", errors, "");
    report.add_latencies("rpc", &mut lat);
    let first = first_error.unwrap_or_default();
    report.check(errors == 0, || {
        format!("{errors} calls failed; first: {first}")
    });
    Ok(Some(report))
}

/// A minimal RPC proxy backend: every POST answered `{"result":{"data":<the request's data>}}`.
async fn backend(listener: tokio::net::TcpListener) {
    use http_body_util::BodyExt;
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let _ = stream.set_nodelay(true);
        tokio::spawn(async move {
            let svc = hyper::service::service_fn(
                |req: hyper::Request<hyper::body::Incoming>| async move {
                    let body = req
                        .into_body()
                        .collect()
                        .await
                        .map(|b| b.to_bytes())
                        .unwrap_or_default();
                    #[derive(serde::Deserialize)]
                    struct Call<'a> {
                        #[serde(borrow)]
                        data: Option<&'a serde_json::value::RawValue>,
                    }
                    let data = serde_json::from_slice::<Call<'_>>(&body)
                        .ok()
                        .and_then(|c| c.data.map(|d| d.get().to_string()))
                        .unwrap_or_else(|| "null".into());
                    let out = format!("{{\"result\":{{\"data\":{data}}}}}");
                    hyper::Response::builder()
                        .header("content-type", "application/json")
                        .body(http_body_util::Full::new(bytes::Bytes::from(out)))
                },
            );
            let io = hyper_util::rt::TokioIo::new(stream);
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(io, svc)
                .await;
        });
    }
}
