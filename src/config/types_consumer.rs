//! Config for `consumers[]`: API commands consumed from PostgreSQL outbox, Kafka, NATS JetStream,
//! Redis Streams, Google Pub/Sub, AWS SQS and Azure Service Bus.

use std::time::Duration;

use super::types_engine::Redis;
use super::types_server::TlsConfig;
use super::{millis, secs, text};

/// Known `consumers[].type` values.
pub const CONSUMER_TYPES: &[&str] = &[
    "postgresql",
    "kafka",
    "nats_jetstream",
    "google_pub_sub",
    "aws_sqs",
    "azure_service_bus",
    "redis_stream",
];

/// Default header/attribute names of the "publication data mode" of every consumer kind.
const CHANNELS: &str = "centrifugo-channels";
const IDEMPOTENCY_KEY: &str = "centrifugo-idempotency-key";
const DELTA: &str = "centrifugo-delta";
const VERSION: &str = "centrifugo-version";
const VERSION_EPOCH: &str = "centrifugo-version-epoch";
const TAGS_PREFIX: &str = "centrifugo-tag-";
const METHOD: &str = "centrifugo-method";

section! {
    /// One `consumers[]` item.
    pub struct Consumer {
        pub name: String = String::new(),
        pub enabled: bool = false,
        #[serde(rename = "type")]
        pub kind: String = String::new(),
        pub postgresql: PostgresConsumer = PostgresConsumer::default(),
        pub kafka: KafkaConsumer = KafkaConsumer::default(),
        pub nats_jetstream: NatsJetStreamConsumer = NatsJetStreamConsumer::default(),
        pub redis_stream: RedisStreamConsumer = RedisStreamConsumer::default(),
        pub google_pub_sub: GooglePubSubConsumer = GooglePubSubConsumer::default(),
        pub aws_sqs: AwsSqsConsumer = AwsSqsConsumer::default(),
        pub azure_service_bus: AzureServiceBusConsumer = AzureServiceBusConsumer::default(),
    }
}

section! {
    /// `consumers[].postgresql`.
    pub struct PostgresConsumer {
        pub dsn: String = String::new(),
        pub outbox_table_name: String = String::new(),
        pub num_partitions: usize = 1,
        pub partition_select_limit: usize = 100,
        #[serde(with = "crate::config::duration")]
        pub partition_poll_interval: Duration = millis(300),
        pub partition_notification_channel: String = String::new(),
        pub partition_notification_dsn: String = String::new(),
        pub tls: TlsConfig = TlsConfig::default(),
        pub use_try_lock: bool = false,
    }
}

section! {
    /// `consumers[].kafka`.
    pub struct KafkaConsumer {
        pub brokers: Vec<String> = Vec::new(),
        pub topics: Vec<String> = Vec::new(),
        pub consumer_group: String = String::new(),
        pub max_poll_records: usize = 100,
        pub fetch_max_bytes: i32 = 0,
        #[serde(with = "crate::config::duration")]
        pub fetch_max_wait: Duration = millis(500),
        pub fetch_read_uncommitted: bool = false,
        pub partition_queue_max_size: usize = 1000,
        #[serde(with = "crate::config::duration")]
        pub dial_timeout: Duration = secs(3),
        pub tls: TlsConfig = TlsConfig::default(),
        pub sasl_mechanism: String = String::new(),
        pub sasl_user: String = String::new(),
        pub sasl_password: String = String::new(),
        pub assume_role_arn: String = String::new(),
        pub instance_id: String = String::new(),
        pub method_header: String = text(METHOD),
        pub publication_data_mode: HeaderPublicationDataMode = HeaderPublicationDataMode::default(),
    }
}

section! {
    /// Publication data mode of Kafka and NATS JetStream consumers (values read from headers).
    pub struct HeaderPublicationDataMode {
        pub enabled: bool = false,
        pub channels_header: String = text(CHANNELS),
        pub idempotency_key_header: String = text(IDEMPOTENCY_KEY),
        pub delta_header: String = text(DELTA),
        pub version_header: String = text(VERSION),
        pub version_epoch_header: String = text(VERSION_EPOCH),
        pub tags_header_prefix: String = text(TAGS_PREFIX),
    }
}

section! {
    /// `consumers[].nats_jetstream`.
    pub struct NatsJetStreamConsumer {
        pub url: String = text("nats://127.0.0.1:4222"),
        pub credentials_file: String = String::new(),
        pub username: String = String::new(),
        pub password: String = String::new(),
        pub token: String = String::new(),
        pub stream_name: String = String::new(),
        pub use_existing_consumer: bool = false,
        pub subjects: Vec<String> = Vec::new(),
        pub durable_consumer_name: String = String::new(),
        pub deliver_policy: String = text("new"),
        pub max_ack_pending: usize = 100,
        pub method_header: String = text(METHOD),
        pub publication_data_mode: HeaderPublicationDataMode = HeaderPublicationDataMode::default(),
        pub tls: TlsConfig = TlsConfig::default(),
    }
}

section! {
    /// `consumers[].redis_stream`: Redis connection keys (no prefix) plus stream options.
    pub struct RedisStreamConsumer {
        #[serde(flatten)]
        pub redis: Redis = Redis::default(),
        pub streams: Vec<String> = Vec::new(),
        pub consumer_group: String = String::new(),
        #[serde(with = "crate::config::duration")]
        pub visibility_timeout: Duration = secs(30),
        pub num_workers: usize = 1,
        pub payload_value: String = text("payload"),
        pub method_value: String = text("method"),
        pub publication_data_mode: RedisStreamPublicationDataMode = RedisStreamPublicationDataMode::default(),
    }
}

section! {
    /// Publication data mode of the Redis Stream consumer (values read from stream fields).
    pub struct RedisStreamPublicationDataMode {
        pub enabled: bool = false,
        pub channels_value: String = text(CHANNELS),
        pub idempotency_key_value: String = text(IDEMPOTENCY_KEY),
        pub delta_value: String = text(DELTA),
        pub version_value: String = text(VERSION),
        pub version_epoch_value: String = text(VERSION_EPOCH),
        pub tags_value_prefix: String = text(TAGS_PREFIX),
    }
}

section! {
    /// `consumers[].google_pub_sub`.
    pub struct GooglePubSubConsumer {
        pub project_id: String = String::new(),
        pub subscriptions: Vec<String> = Vec::new(),
        pub max_outstanding_messages: usize = 100,
        pub max_outstanding_bytes: usize = 1_000_000,
        pub auth_mechanism: String = String::new(),
        pub credentials_file: String = String::new(),
        pub method_attribute: String = text(METHOD),
        pub publication_data_mode: AttributePublicationDataMode = AttributePublicationDataMode::default(),
    }
}

section! {
    /// Publication data mode of Google Pub/Sub and AWS SQS consumers (message attributes).
    pub struct AttributePublicationDataMode {
        pub enabled: bool = false,
        pub channels_attribute: String = text(CHANNELS),
        pub idempotency_key_attribute: String = text(IDEMPOTENCY_KEY),
        pub delta_attribute: String = text(DELTA),
        pub version_attribute: String = text(VERSION),
        pub version_epoch_attribute: String = text(VERSION_EPOCH),
        pub tags_attribute_prefix: String = text(TAGS_PREFIX),
    }
}

section! {
    /// `consumers[].aws_sqs`.
    pub struct AwsSqsConsumer {
        pub queues: Vec<String> = Vec::new(),
        pub sns_envelope: bool = false,
        pub region: String = String::new(),
        pub max_number_of_messages: i32 = 10,
        /// The v6 key really is `wait_time_time`.
        #[serde(with = "crate::config::duration")]
        pub wait_time_time: Duration = secs(20),
        #[serde(with = "crate::config::duration")]
        pub visibility_timeout: Duration = secs(30),
        pub max_concurrency: usize = 1,
        pub credentials_profile: String = String::new(),
        pub assume_role_arn: String = String::new(),
        pub method_attribute: String = text(METHOD),
        pub localstack_endpoint: String = String::new(),
        pub publication_data_mode: AttributePublicationDataMode = AttributePublicationDataMode::default(),
    }
}

section! {
    /// `consumers[].azure_service_bus`.
    pub struct AzureServiceBusConsumer {
        pub connection_string: String = String::new(),
        pub use_azure_identity: bool = false,
        pub fully_qualified_namespace: String = String::new(),
        pub tenant_id: String = String::new(),
        pub client_id: String = String::new(),
        pub client_secret: String = String::new(),
        pub queues: Vec<String> = Vec::new(),
        pub use_sessions: bool = false,
        pub max_concurrent_calls: usize = 1,
        pub max_receive_messages: usize = 1,
        pub method_property: String = text(METHOD),
        pub publication_data_mode: AzurePublicationDataMode = AzurePublicationDataMode::default(),
    }
}

section! {
    /// Publication data mode of the Azure Service Bus consumer (message properties).
    pub struct AzurePublicationDataMode {
        pub enabled: bool = false,
        pub channels_property: String = text(CHANNELS),
        pub idempotency_key_property: String = text(IDEMPOTENCY_KEY),
        pub delta_property: String = text(DELTA),
        pub version_property: String = text(VERSION),
        pub version_epoch_property: String = text(VERSION_EPOCH),
        pub tags_property_prefix: String = text(TAGS_PREFIX),
    }
}
