//! The NATS broker and controller: at-most-once PUB/SUB between nodes, as Centrifugo's. There is
//! no history, recovery or positioning on it; `raw_mode` exchanges bare payloads with other NATS
//! publishers (no tags, no publisher info, no join/leave). The client reconnects and resubscribes
//! by itself.

use super::wire::{self, Event};
use super::{
    Broker, BrokerError, ControlHandler, Controller, EventHandler, HistoryQuery, PublishOptions,
};
use crate::config::NatsBroker as NatsConfig;
use crate::protocol::{ClientInfo, Publication, StreamPosition};
use async_trait::async_trait;
use bytes::Bytes;
use futures_util::StreamExt;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use tokio::sync::OnceCell;
use tokio::task::AbortHandle;

pub struct NatsBroker {
    cfg: NatsConfig,
    node_id: String,
    client: Arc<OnceCell<async_nats::Client>>,
    handler: Arc<OnceLock<Arc<dyn EventHandler>>>,
    control: Arc<OnceLock<Arc<dyn ControlHandler>>>,
    /// Channel -> the task reading its subscription (aborting it unsubscribes).
    subs: Mutex<HashMap<String, AbortHandle>>,
    control_task: Mutex<Option<AbortHandle>>,
}

impl Drop for NatsBroker {
    fn drop(&mut self) {
        let subs = self.subs.get_mut().unwrap_or_else(|e| e.into_inner());
        for (_, t) in subs.drain() {
            t.abort();
        }
        if let Some(t) = self
            .control_task
            .get_mut()
            .unwrap_or_else(|e| e.into_inner())
            .take()
        {
            t.abort();
        }
    }
}

fn internal(e: impl std::fmt::Display) -> BrokerError {
    BrokerError::Internal(format!("nats: {e}"))
}

impl NatsBroker {
    pub fn new(cfg: &NatsConfig, node_id: &str) -> NatsBroker {
        NatsBroker {
            cfg: cfg.clone(),
            node_id: node_id.to_string(),
            client: Arc::new(OnceCell::new()),
            handler: Arc::new(OnceLock::new()),
            control: Arc::new(OnceLock::new()),
            subs: Mutex::new(HashMap::new()),
            control_task: Mutex::new(None),
        }
    }

    async fn client(&self) -> Result<&async_nats::Client, BrokerError> {
        connect(&self.client, &self.cfg).await
    }

    fn subject(&self, channel: &str) -> Result<String, BrokerError> {
        if !self.cfg.allow_wildcards && channel.contains(['*', '>']) {
            return Err(BrokerError::BadRequest);
        }
        if channel.is_empty() || channel.contains(char::is_whitespace) {
            return Err(BrokerError::BadRequest);
        }
        let raw = &self.cfg.raw_mode;
        if raw.enabled {
            let mut s = channel.to_string();
            for (from, to) in &raw.channel_replacements {
                s = s.replace(from.as_str(), to);
            }
            return Ok(format!("{}{s}", raw.prefix));
        }
        Ok(format!("{}.client.{channel}", self.cfg.prefix))
    }

    fn control_subject(&self) -> String {
        format!("{}.control", self.cfg.prefix)
    }

    fn node_subject(&self, id: &str) -> String {
        format!("{}.node.{id}", self.cfg.prefix)
    }

    async fn send(&self, subject: String, payload: Vec<u8>) -> Result<(), BrokerError> {
        self.client()
            .await?
            .publish(subject, Bytes::from(payload))
            .await
            .map_err(internal)
    }
}

async fn connect<'a>(
    cell: &'a OnceCell<async_nats::Client>,
    cfg: &NatsConfig,
) -> Result<&'a async_nats::Client, BrokerError> {
    cell.get_or_try_init(|| async {
        async_nats::ConnectOptions::new()
            .connection_timeout(cfg.dial_timeout)
            .connect(cfg.url.as_str())
            .await
            .map_err(internal)
    })
    .await
}

#[async_trait]
impl Broker for NatsBroker {
    fn run(&self, handler: Arc<dyn EventHandler>) {
        let _ = self.handler.set(handler);
        let Ok(rt) = tokio::runtime::Handle::try_current() else {
            return;
        };
        // Control subjects are read from the start; the first connection is made here.
        let (cell, cfg, control) = (self.client.clone(), self.cfg.clone(), self.control.clone());
        let subjects = [self.control_subject(), self.node_subject(&self.node_id)];
        let task = rt.spawn(async move {
            let client = loop {
                match connect(&cell, &cfg).await {
                    Ok(c) => break c.clone(),
                    Err(e) => {
                        tracing::warn!(error = %e, "nats connection failed");
                        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
                    }
                }
            };
            let mut streams = Vec::new();
            for s in subjects {
                match client.subscribe(s).await {
                    Ok(sub) => streams.push(sub),
                    Err(e) => tracing::warn!(error = %e, "nats control subscription failed"),
                }
            }
            let mut all = futures_util::stream::select_all(streams);
            while let Some(m) = all.next().await {
                if let Some(c) = control.get() {
                    c.on_control(m.payload);
                }
            }
        });
        *self.control_task.lock().unwrap_or_else(|e| e.into_inner()) = Some(task.abort_handle());
    }

    async fn subscribe(&self, channel: &str) -> Result<(), BrokerError> {
        let subject = self.subject(channel)?;
        let client = self.client().await?;
        let mut sub = client.subscribe(subject).await.map_err(internal)?;
        // Once the server answered a ping after the SUB, it delivers everything published later.
        client.flush().await.map_err(internal)?;
        let handler = self.handler.clone();
        let raw = self.cfg.raw_mode.enabled;
        let ch = channel.to_string();
        let task = tokio::spawn(async move {
            while let Some(m) = sub.next().await {
                let Some(h) = handler.get() else { continue };
                if raw {
                    let p = Publication {
                        data: m.payload,
                        ..Default::default()
                    };
                    h.on_publication(&ch, p, StreamPosition::default(), None);
                    continue;
                }
                match wire::decode(&m.payload) {
                    Some(Event::Publication {
                        publication,
                        position,
                        prev,
                    }) => h.on_publication(&ch, publication, position, prev),
                    Some(Event::Join(info)) => h.on_join(&ch, info),
                    Some(Event::Leave(info)) => h.on_leave(&ch, info),
                    None => tracing::warn!(channel = %ch, "malformed message from nats dropped"),
                }
            }
        });
        let old = self
            .subs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(channel.to_string(), task.abort_handle());
        if let Some(old) = old {
            old.abort();
        }
        Ok(())
    }

    async fn unsubscribe(&self, channel: &str) -> Result<(), BrokerError> {
        let t = self
            .subs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(channel);
        if let Some(t) = t {
            t.abort();
        }
        Ok(())
    }

    async fn publish(
        &self,
        channel: &str,
        publication: Publication,
        _opts: &PublishOptions,
    ) -> Result<(StreamPosition, bool), BrokerError> {
        let subject = self.subject(channel)?;
        let payload = if self.cfg.raw_mode.enabled {
            publication.data.to_vec()
        } else {
            wire::publication_frame(&publication)
        };
        self.send(subject, payload).await?;
        Ok((StreamPosition::default(), false))
    }

    async fn publish_join(&self, channel: &str, info: ClientInfo) -> Result<(), BrokerError> {
        if self.cfg.raw_mode.enabled {
            return Ok(());
        }
        self.send(self.subject(channel)?, wire::join_frame(&info))
            .await
    }

    async fn publish_leave(&self, channel: &str, info: ClientInfo) -> Result<(), BrokerError> {
        if self.cfg.raw_mode.enabled {
            return Ok(());
        }
        self.send(self.subject(channel)?, wire::leave_frame(&info))
            .await
    }

    async fn history(
        &self,
        _channel: &str,
        _q: &HistoryQuery,
    ) -> Result<(Vec<Publication>, StreamPosition), BrokerError> {
        Err(BrokerError::NotAvailable)
    }

    async fn remove_history(&self, _channel: &str) -> Result<(), BrokerError> {
        Err(BrokerError::NotAvailable)
    }

    fn unavailable(&self) -> Option<String> {
        match self.client.get() {
            Some(c) if c.connection_state() == async_nats::connection::State::Connected => None,
            _ => Some(format!("nats {}: not connected", self.cfg.url)),
        }
    }
}

#[async_trait]
impl Controller for NatsBroker {
    fn run(&self, handler: Arc<dyn ControlHandler>) {
        let _ = self.control.set(handler);
    }

    async fn publish_control(&self, data: Bytes, to_node: Option<&str>) -> Result<(), BrokerError> {
        let subject = match to_node {
            Some(id) => self.node_subject(id),
            None => self.control_subject(),
        };
        self.client()
            .await?
            .publish(subject, data)
            .await
            .map_err(internal)
    }
}
