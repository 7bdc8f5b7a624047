package coffee.bootstrap;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting of the system, in one place. docs/configuration.md lists the same ones (a
 * test keeps the two in step).
 */
final class Settings {

    static final Setting<Integer> SERVER_PORT = new Setting<>("server.port", "SERVER_PORT", "3000",
            Parsers.port(), "HTTP port of the producer's API; 0 picks a free one.");
    static final Setting<String> SERVER_HOST = new Setting<>("server.host", "SERVER_HOST", "0.0.0.0",
            AddressParsers.host(), "Address the API listens on: a host name or an IP address.");
    static final Setting<Integer> SERVER_MAX_BODY_BYTES = new Setting<>("server.max_body_bytes",
            "SERVER_MAX_BODY_BYTES", "16384", Parsers.intRange(256, 1024 * 1024),
            "Largest request body accepted; larger ones get 413.");
    static final Setting<Integer> SERVER_MAX_CONNECTIONS = new Setting<>("server.max_connections",
            "SERVER_MAX_CONNECTIONS", "4000", Parsers.intRange(1, 1_000_000),
            "Connections the API keeps open at once; more wait to be accepted. Each holds heap (~32 KB for "
                    + "an event stream): raise it with the heap (JAVA_OPTS=-Xmx...).");
    static final Setting<List<String>> CORS_ALLOWED_ORIGINS = new Setting<>("server.cors_allowed_origins",
            "CORS_ALLOWED_ORIGINS", "*", AddressParsers.origins(),
            "Origins browsers may call the API from (JSON array or comma list of scheme://host[:port]); * allows any.");
    static final Setting<Optional<String>> API_KEY = new Setting<>("server.api_key", "API_KEY", "",
            Parsers.optionalText(),
            "When set, POST and DELETE requests need Authorization: Bearer <key> (401 otherwise). Empty: open.",
            true);
    static final Setting<Optional<String>> SERVER_ADVERTISED_URL = new Setting<>("server.advertised_url",
            "SERVER_ADVERTISED_URL", "", AddressParsers.optionalHttpUrl(),
            "How other producer instances reach this one's API, e.g. http://10.0.0.5:3000; set it on every "
                    + "instance when producers run on more than one machine. Empty: http://localhost:<port>.");
    static final Setting<Integer> EVENTS_HEARTBEAT_MS = new Setting<>("events.heartbeat_ms", "EVENTS_HEARTBEAT_MS",
            "15000", Parsers.intRange(100, 300_000),
            "How often a quiet event stream (/order/{id}/events, /orders/events) gets a comment, so proxies keep it open.");
    static final Setting<Integer> EVENTS_SUBSCRIBER_BUFFER = new Setting<>("events.subscriber_buffer",
            "EVENTS_SUBSCRIBER_BUFFER", "256", Parsers.intRange(1, 100_000),
            "Changes held for one event-stream client not yet sent; a client further behind is cut off (it resumes).");
    /**
     * Each open stream holds about 32 KB of heap (its virtual thread's stack, Helidon's buffers for
     * the connection): measured, 4,000 streams took ~130 MB, and 10,000 ran the producer's
     * default 256 MiB heap out of memory. 2,000 (~64 MB) leaves the rest for requests.
     */
    static final Setting<Integer> EVENTS_MAX_SUBSCRIBERS = new Setting<>("events.max_subscribers",
            "EVENTS_MAX_SUBSCRIBERS", "2000", Parsers.intRange(0, 1_000_000),
            "Event streams open at once on one producer; more are refused with 503. Each holds ~32 KB "
                    + "of heap: raise it with the heap (JAVA_OPTS=-Xmx...).");
    static final Setting<Integer> EVENTS_REMEMBERED = new Setting<>("events.remembered", "EVENTS_REMEMBERED",
            "10000", Parsers.intRange(0, 10_000_000),
            "Recent changes a producer keeps so event-stream clients resume with Last-Event-ID; older ones are not replayed.");
    static final Setting<List<String>> KAFKA_BROKERS = new Setting<>("kafka.brokers", "KAFKA_BROKERS",
            "localhost:9092", AddressParsers.brokers(),
            "Kafka bootstrap servers, as a JSON array or comma list. `serve` starts its own broker unless set.");
    static final Setting<String> KAFKA_TOPIC = new Setting<>("kafka.topic", "KAFKA_TOPIC", "coffee_orders",
            Parsers.topic(), "Topic of order commands (order_placed, order_cancel_requested).");
    static final Setting<String> KAFKA_STATUS_TOPIC = new Setting<>("kafka.status_topic", "KAFKA_STATUS_TOPIC",
            "coffee_order_status", Parsers.topic(), "Compacted topic of order status snapshots.");
    static final Setting<String> KAFKA_DLQ_TOPIC = new Setting<>("kafka.dlq_topic", "KAFKA_DLQ_TOPIC",
            "coffee_orders_dlq", Parsers.topic(), "Dead-letter topic for records that cannot be handled.");
    static final Setting<Integer> KAFKA_PARTITIONS = new Setting<>("kafka.partitions", "KAFKA_PARTITIONS", "6",
            Parsers.intRange(1, 10_000), "Partitions of the topics created at start-up (existing topics are kept).");
    static final Setting<Integer> KAFKA_REPLICATION_FACTOR = new Setting<>("kafka.replication_factor",
            "KAFKA_REPLICATION_FACTOR", "-1", Parsers.intRange(-1, 32),
            "Replicas of the topics created at start-up; -1: as many as there are brokers, up to 3.");
    static final Setting<Integer> KAFKA_MIN_INSYNC_REPLICAS = new Setting<>("kafka.min_insync_replicas",
            "KAFKA_MIN_INSYNC_REPLICAS", "-1", Parsers.intRange(-1, 32),
            "min.insync.replicas of the topics created at start-up; -1: 2 with 3 or more replicas, else the broker's default.");
    // No count by default, as Kafka advises: a count of 5 ran out within 1.5-2 s of a leader's
    // kill -9 (retries back off from 100 ms), before the new leader was elected, and refused
    // orders that the rest of the timeout would have placed (ClusterFaultIT)
    static final Setting<Integer> KAFKA_RETRY_MAX = new Setting<>("kafka.retry_max", "KAFKA_RETRY_MAX",
            String.valueOf(Integer.MAX_VALUE), Parsers.intRange(0, Integer.MAX_VALUE),
            "How often the producer retries a send within the timeout (default: no count, the timeout bounds it).");
    static final Setting<String> KAFKA_REQUIRED_ACKS = new Setting<>("kafka.required_acks", "KAFKA_REQUIRED_ACKS",
            "all", Parsers.oneOf("none", "local", "all"),
            "none, local or all. Only all keeps the promise that a 201 order is never lost.");
    static final Setting<Integer> KAFKA_TIMEOUT_MS = new Setting<>("kafka.timeout_ms", "KAFKA_TIMEOUT_MS", "5000",
            Parsers.intRange(100, 600_000),
            "How long a publish or admin call may take; past it POST /order answers 503.");
    static final Setting<String> KAFKA_GROUP_ID = new Setting<>("kafka.group_id", "KAFKA_GROUP_ID",
            "coffee-baristas", Parsers.text(), "Consumer group shared by all consumer instances.");
    static final Setting<Map<String, String>> KAFKA_PROPERTIES = new Setting<>("kafka.properties",
            "KAFKA_PROPERTIES", "{}", Parsers.properties(),
            "Kafka client properties passed through unchanged (JSON object): SASL, TLS, tuning.");
    static final Setting<Optional<String>> VIEW_APPLICATION_ID = new Setting<>("view.application_id",
            "VIEW_APPLICATION_ID", "", Parsers.optionalText(),
            "Kafka Streams application id of the producers' view; producers with the same one share the orders. "
                    + "Empty: <kafka.topic>-view.");
    static final Setting<Optional<Path>> VIEW_STATE_DIR = new Setting<>("view.state_dir", "VIEW_STATE_DIR", "",
            Parsers.optionalPath(),
            "Where a producer keeps its part of the view (RocksDB), kept across restarts; one per instance. "
                    + "Empty: ./.coffee/view-<port>.");
    static final Setting<Integer> VIEW_STANDBY_REPLICAS = new Setting<>("view.standby_replicas",
            "VIEW_STANDBY_REPLICAS", "0", Parsers.intRange(0, 10),
            "Warm copies of each part of the view on other producers, for reads while one fails over.");
    static final Setting<Integer> VIEW_MEMORY_MB = new Setting<>("view.memory_mb", "VIEW_MEMORY_MB", "32",
            Parsers.intRange(4, 65_536),
            "Native memory for the view's RocksDB stores in one producer (block cache and write buffers).");
    static final Setting<Integer> VIEW_FINISHED_RETENTION_HOURS = new Setting<>("view.finished_retention_hours",
            "VIEW_FINISHED_RETENTION_HOURS", "0", Parsers.intRange(0, 87_600),
            "Hours after it was placed that a completed or cancelled order stays readable; 0 keeps every order.");
    static final Setting<Integer> CONSUMER_CONCURRENCY = new Setting<>("consumer.concurrency",
            "CONSUMER_CONCURRENCY", "4", Parsers.intRange(1, 1024), "Baristas brewing in parallel per consumer.");
    static final Setting<Integer> CONSUMER_MAX_QUEUED = new Setting<>("consumer.max_queued", "CONSUMER_MAX_QUEUED",
            "500", Parsers.intRange(1, 100_000),
            "Orders a consumer holds per partition before pausing it (they stay cancellable while waiting).");
    static final Setting<Integer> CONSUMER_REMEMBERED_ORDERS = new Setting<>("consumer.remembered_orders",
            "CONSUMER_REMEMBERED_ORDERS", "100000", Parsers.intRange(1_000, 10_000_000),
            "Orders a consumer remembers (the most recent), to skip ones handed to it again; bounds its memory.");
    static final Setting<Integer> MANAGEMENT_PORT = new Setting<>("consumer.management_port", "MANAGEMENT_PORT",
            "3001", Parsers.port(),
            "Port of `serve-consumer`'s health and metrics (/health, /observe/health, /observe/metrics); 0 picks a free one.");
    static final Setting<Integer> BREW_TIME_MS = new Setting<>("brew.time_ms", "BREW_TIME_MS", "800",
            Parsers.intRange(0, 600_000), "How long brewing one drink takes; 0 brews instantly.");
    static final Setting<Integer> CANCEL_TIMEOUT_MS = new Setting<>("cancel.timeout_ms", "CANCEL_TIMEOUT_MS", "3000",
            Parsers.intRange(0, 60_000), "How long a cancel waits for the consumer's verdict before answering 202.");
    static final Setting<Integer> BROKER_PORT = new Setting<>("broker.port", "BROKER_PORT", "9092",
            Parsers.port(), "Client port of the embedded broker (`serve`, `broker`).");
    static final Setting<Path> BROKER_DATA_DIR = new Setting<>("broker.data_dir", "BROKER_DATA_DIR",
            "./.coffee/kafka", Parsers.path(), "Where the embedded broker keeps its data; kept across restarts.");
    static final Setting<Integer> BROKER_NODES = new Setting<>("broker.nodes", "BROKER_NODES", "1",
            Parsers.intRange(1, 9),
            "Nodes `coffee broker` starts, each its own process, on consecutive ports from broker.port; "
                    + "data in <broker.data_dir>-<n> when more than one.");
    static final Setting<Integer> BROKER_NODE_ID = new Setting<>("broker.node_id", "BROKER_NODE_ID", "1",
            Parsers.intRange(1, 10_000), "This node's id in the quorum (one of broker.voters).");
    static final Setting<String> BROKER_HOST = new Setting<>("broker.host", "BROKER_HOST", "127.0.0.1",
            AddressParsers.host(), "Address the broker listens on and gives clients and the other nodes.");
    static final Setting<Integer> BROKER_CONTROLLER_PORT = new Setting<>("broker.controller_port",
            "BROKER_CONTROLLER_PORT", "0", Parsers.port(),
            "Controller port of this node, as broker.voters names it; 0 picks a free one (single node only).");
    static final Setting<List<String>> BROKER_VOTERS = new Setting<>("broker.voters", "BROKER_VOTERS", "",
            AddressParsers.voters(), "Every controller of a multi-node quorum, id@host:port each; empty: this node alone.");
    static final Setting<Optional<String>> BROKER_CLUSTER_ID = new Setting<>("broker.cluster_id",
            "BROKER_CLUSTER_ID", "", AddressParsers.clusterId(),
            "Id fresh storage is formatted with, the same on every node; empty: derived from broker.voters.");
    static final Setting<String> LOG_LEVEL = new Setting<>("log.level", "LOG_LEVEL", "info",
            Parsers.oneOf("trace", "debug", "info", "warn", "error"), "Level of this system's own logs.");
    static final Setting<String> LOG_FORMAT = new Setting<>("log.format", "LOG_FORMAT", "text",
            Parsers.oneOf("text", "json"), "text for people, json for log collectors (one JSON object per line).");

    static final List<Setting<?>> ALL = List.of(
            SERVER_PORT, SERVER_HOST, SERVER_MAX_BODY_BYTES, SERVER_MAX_CONNECTIONS, CORS_ALLOWED_ORIGINS, API_KEY, SERVER_ADVERTISED_URL,
            EVENTS_HEARTBEAT_MS, EVENTS_SUBSCRIBER_BUFFER, EVENTS_MAX_SUBSCRIBERS, EVENTS_REMEMBERED,
            KAFKA_BROKERS, KAFKA_TOPIC, KAFKA_STATUS_TOPIC, KAFKA_DLQ_TOPIC, KAFKA_PARTITIONS,
            KAFKA_REPLICATION_FACTOR, KAFKA_MIN_INSYNC_REPLICAS, KAFKA_RETRY_MAX, KAFKA_REQUIRED_ACKS, KAFKA_TIMEOUT_MS, KAFKA_GROUP_ID,
            KAFKA_PROPERTIES, VIEW_APPLICATION_ID, VIEW_STATE_DIR, VIEW_STANDBY_REPLICAS, VIEW_MEMORY_MB,
            VIEW_FINISHED_RETENTION_HOURS, CONSUMER_CONCURRENCY, CONSUMER_MAX_QUEUED, CONSUMER_REMEMBERED_ORDERS,
            MANAGEMENT_PORT, BREW_TIME_MS, CANCEL_TIMEOUT_MS,
            BROKER_PORT, BROKER_DATA_DIR, BROKER_NODES, BROKER_NODE_ID, BROKER_HOST, BROKER_CONTROLLER_PORT,
            BROKER_VOTERS, BROKER_CLUSTER_ID, LOG_LEVEL, LOG_FORMAT);

    /** Not a setting of the system but of where settings come from: the config file. */
    static final String CONFIG_FILE_KEY = "config_file";
    static final String CONFIG_FILE_ENV = "CONFIG_FILE";

    private Settings() {
    }
}
