//! PUBLISH commands of one shard go out together: whatever publishes are waiting when one starts
//! (up to `MAX_BATCH`) are written as one pipeline, one write for us and one read for Redis, as
//! Centrifugo's Redis client does with its flush delay. Publishing stays concurrent: each batch
//! runs on its own while the next one gathers.

use super::shard::Shard;
use crate::broker::BrokerError;
use std::sync::{Arc, Weak};
use tokio::sync::{mpsc, oneshot};

/// Commands per pipeline at most (a few hundred keep the write under a few hundred KiB).
const MAX_BATCH: usize = 256;

pub(crate) struct Job {
    channel: String,
    payload: Vec<u8>,
    done: oneshot::Sender<Result<(), BrokerError>>,
}

impl Shard {
    /// PUBLISH, batched with the other publishes of this moment.
    pub(crate) async fn publish(
        self: &Arc<Self>,
        channel: String,
        payload: Vec<u8>,
    ) -> Result<(), BrokerError> {
        let tx = self.publishes.get_or_init(|| {
            let (tx, rx) = mpsc::unbounded_channel();
            tokio::spawn(gather(Arc::downgrade(self), rx));
            tx
        });
        let (done, result) = oneshot::channel();
        tx.send(Job {
            channel,
            payload,
            done,
        })
        .map_err(|_| BrokerError::Internal("redis publisher stopped".into()))?;
        result
            .await
            .unwrap_or_else(|_| Err(BrokerError::Internal("redis publisher stopped".into())))
    }
}

async fn gather(shard: Weak<Shard>, mut rx: mpsc::UnboundedReceiver<Job>) {
    while let Some(first) = rx.recv().await {
        let mut jobs = vec![first];
        // Publishers running right now get to add theirs before the batch leaves.
        tokio::task::yield_now().await;
        while jobs.len() < MAX_BATCH {
            match rx.try_recv() {
                Ok(j) => jobs.push(j),
                Err(_) => break,
            }
        }
        let Some(shard) = shard.upgrade() else {
            return;
        };
        tokio::spawn(async move {
            let mut pipe = redis::pipe();
            for j in &jobs {
                pipe.cmd("PUBLISH").arg(&j.channel).arg(&j.payload).ignore();
            }
            let r = shard.pipeline(&pipe).await;
            for j in jobs {
                let _ = j.done.send(r.clone());
            }
        });
    }
}
