//! `centrifugo serve`: load config, init logging, bind listeners, run until SIGINT/SIGTERM.

use crate::args::Cli;
use crate::load::load_config;
use anyhow::Context;
use centrifugo::config::Config;
use std::io::IsTerminal;

fn init_logging(cfg: &Config) -> anyhow::Result<()> {
    let level = match cfg.log.level.as_str() {
        "none" => None,
        "trace" => Some(tracing::Level::TRACE),
        "debug" => Some(tracing::Level::DEBUG),
        "warn" => Some(tracing::Level::WARN),
        "error" | "fatal" => Some(tracing::Level::ERROR),
        _ => Some(tracing::Level::INFO),
    };
    let Some(level) = level else { return Ok(()) };
    let builder = tracing_subscriber::fmt()
        .with_max_level(level)
        .with_target(false);
    if !cfg.log.file.is_empty() {
        // `log.file`: JSON lines appended to the file instead of stdout.
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&cfg.log.file)
            .with_context(|| format!("opening log.file {}", cfg.log.file))?;
        builder
            .json()
            .flatten_event(true)
            .with_writer(std::sync::Mutex::new(file))
            .init();
    } else if std::io::stdout().is_terminal() {
        builder.init();
    } else {
        builder.json().flatten_event(true).init();
    }
    Ok(())
}

/// `pid_file`: holds the process ID while the server runs; removed on the way out.
struct PidFile(Option<std::path::PathBuf>);

impl PidFile {
    fn write(path: &str) -> anyhow::Result<PidFile> {
        if path.is_empty() {
            return Ok(PidFile(None));
        }
        std::fs::write(path, format!("{}\n", std::process::id()))
            .with_context(|| format!("writing pid_file {path}"))?;
        Ok(PidFile(Some(path.into())))
    }
}

impl Drop for PidFile {
    fn drop(&mut self) {
        if let Some(path) = &self.0 {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Security settings a production deployment should have, reported at start.
fn security_warnings(cfg: &Config) -> Vec<&'static str> {
    let mut w = Vec::new();
    let t = &cfg.client.token;
    if t.hmac_secret_key.is_empty()
        && t.rsa_public_key.is_empty()
        && t.ecdsa_public_key.is_empty()
        && t.jwks_public_endpoint.is_empty()
    {
        w.push(
            "no connection token key set (client.token.*): clients cannot authenticate with JWT",
        );
    }
    if cfg.http_api.key.is_empty() && !cfg.http_api.insecure {
        w.push("http_api.key is empty: every server API request gets 401");
    }
    if cfg.client.insecure {
        w.push("client.insecure is on: no authentication or permission checks for clients");
    }
    if cfg.http_api.insecure {
        w.push("http_api.insecure is on: the server API accepts requests without a key");
    }
    if cfg.client.allowed_origins.iter().any(|o| o == "*") {
        w.push("client.allowed_origins contains \"*\": any web origin may connect");
    }
    w
}

pub(crate) fn run(cli: &Cli) -> anyhow::Result<()> {
    let loaded = load_config(cli, false)?;
    init_logging(&loaded.config)?;
    for w in &loaded.warnings {
        tracing::warn!("{w}");
    }
    for w in security_warnings(&loaded.config) {
        tracing::warn!("{w}");
    }
    for f in centrifugo::unimplemented_features(&loaded.config) {
        tracing::warn!(
            section = f,
            "{f} is enabled in the config but not implemented by this build yet: ignored"
        );
    }
    let _pid_file = PidFile::write(&loaded.config.pid_file)?;
    let rt = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    rt.block_on(serve(loaded.config))
}

async fn serve(cfg: Config) -> anyhow::Result<()> {
    let hs = &cfg.http_server;
    // Serving plain HTTP where the config asks for TLS would break every client: refuse instead.
    if hs.tls_autocert.enabled || hs.internal_tls.enabled {
        anyhow::bail!(
            "http_server tls_autocert and internal_tls are not supported by this build yet: \
             use http_server.tls with cert_pem/key_pem, or terminate TLS in front of the server"
        );
    }
    if hs.http3.enabled && !cfg.webtransport.enabled {
        anyhow::bail!(
            "http_server.http3 without webtransport.enabled is not supported by this build \
             (HTTP/3 serves WebTransport only)"
        );
    }
    centrifugo::check_tls(&cfg).map_err(anyhow::Error::msg)?;
    let external_addr = format!(
        "{}:{}",
        if hs.address.is_empty() {
            "0.0.0.0"
        } else {
            &hs.address
        },
        hs.port
    );
    let external = centrifugo::bind(&external_addr)
        .await
        .with_context(|| format!("binding {external_addr}"))?;
    let internal = if hs.internal_port.is_empty() {
        None
    } else {
        let host = if hs.internal_address.is_empty() {
            "0.0.0.0"
        } else {
            &hs.internal_address
        };
        let addr = format!("{host}:{}", hs.internal_port);
        Some(
            centrifugo::bind(&addr)
                .await
                .with_context(|| format!("binding {addr}"))?,
        )
    };
    let uni_grpc = if cfg.uni_grpc.enabled {
        let u = &cfg.uni_grpc;
        let host = if u.address.is_empty() {
            "0.0.0.0"
        } else {
            &u.address
        };
        let addr = format!("{host}:{}", u.port);
        Some(
            centrifugo::bind(&addr)
                .await
                .with_context(|| format!("binding uni_grpc {addr}"))?,
        )
    } else {
        None
    };
    let grpc_api = if cfg.grpc_api.enabled {
        let g = &cfg.grpc_api;
        let host = if g.address.is_empty() {
            "0.0.0.0"
        } else {
            &g.address
        };
        let addr = format!("{host}:{}", g.port);
        Some(
            centrifugo::bind(&addr)
                .await
                .with_context(|| format!("binding grpc_api {addr}"))?,
        )
    } else {
        None
    };
    let node = centrifugo::Node::new(cfg.clone())?;
    let c = &node.config;
    let broker = if c.broker.enabled {
        &c.broker.kind
    } else {
        &c.engine.kind
    };
    let presence = if c.presence_manager.enabled {
        &c.presence_manager.kind
    } else {
        &c.engine.kind
    };
    tracing::info!(version = %node.version, engine = %c.engine.kind, broker = %broker, presence_manager = %presence, "starting centrifugo");
    tracing::info!(address = %external.local_addr()?, "serving websocket on {}", cfg.websocket.handler_prefix);
    if let Some(l) = &internal {
        tracing::info!(address = %l.local_addr()?, "serving internal endpoints (API, health)");
    } else {
        tracing::info!(address = %external.local_addr()?, "serving API on {}", cfg.http_api.handler_prefix);
    }
    if let Some(l) = &uni_grpc {
        tracing::info!(address = %l.local_addr()?, "serving unidirectional GRPC");
    }
    if let Some(l) = &grpc_api {
        tracing::info!(address = %l.local_addr()?, "serving GRPC API");
    }
    let (trigger, shutdown) = centrifugo::shutdown_channel();
    tokio::spawn(async move {
        wait_for_signal().await;
        tracing::info!("shutting down");
        trigger.fire();
    });
    let listeners = centrifugo::Listeners {
        external,
        internal,
        uni_grpc,
        grpc_api,
    };
    centrifugo::run(node, listeners, shutdown).await;
    Ok(())
}

async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
