package coffee.adapter.kafka;

import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The configuration of each Kafka client. The user's {@code kafka.properties} (security,
 * tuning) go in unchanged, then the few settings the delivery guarantees rest on are set on
 * top, so no configuration can silently switch them off.
 */
final class ClientConfigs {

    private static final long LINGER_MS = 5;

    private ClientConfigs() {
    }

    /**
     * Which of the user's properties a client does not get as given, found by building each
     * client's configuration rather than from a list that could drift from the code above.
     */
    static Map<String, List<String>> ignored(KafkaSettings settings) {
        Map<String, Map<String, Object>> clients = new LinkedHashMap<>();
        builtOrSkipped(clients, "producer", () -> producer(settings, "check"));
        builtOrSkipped(clients, "consumer", () -> groupConsumer(settings, "check"));
        builtOrSkipped(clients, "feeds", () -> feedConsumer(settings, "check"));
        builtOrSkipped(clients, "admin", () -> admin(settings, "check"));
        Map<String, List<String>> ignored = new TreeMap<>();
        settings.clientProperties().forEach((key, value) -> {
            List<String> by = clients.entrySet().stream()
                    .filter(client -> !value.equals(String.valueOf(client.getValue().get(key))))
                    .map(Map.Entry::getKey)
                    .toList();
            if (!by.isEmpty()) {
                ignored.put(key, by);
            }
        });
        return Collections.unmodifiableMap(ignored);
    }

    /** A configuration Kafka would refuse is reported when the client is built, not here. */
    private static void builtOrSkipped(Map<String, Map<String, Object>> clients, String name,
            Supplier<Map<String, Object>> build) {
        try {
            clients.put(name, build.get());
        } catch (ConfigException refused) {
            // the client's own start says it, naming the property
        }
    }

    static final long BUFFER_MEMORY_BYTES = 16L << 20;

    static Map<String, Object> producer(KafkaSettings settings, String clientId) {
        Map<String, Object> config = common(settings, clientId);
        long timeoutMs = settings.timeout().toMillis();
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        // half Kafka's default 32 MiB: several seconds of records at full load, and it is heap
        config.putIfAbsent(ProducerConfig.BUFFER_MEMORY_CONFIG, BUFFER_MEMORY_BYTES);
        config.put(ProducerConfig.ACKS_CONFIG, settings.acks().kafkaValue());
        // idempotence needs acks=all; with it, retries never duplicate or reorder records
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, settings.acks() == KafkaSettings.Acks.ALL);
        config.put(ProducerConfig.RETRIES_CONFIG, settings.retries());
        // A dead broker must turn into an error within the timeout, not the default two minutes.
        // send() may wait for metadata or buffer space (max.block.ms), then the record for its
        // acknowledgement (delivery.timeout.ms): together within the budget, with no timer per
        // record (a timer per record cost as much CPU as Kafka's own network thread). The
        // acknowledgement gets nine tenths: send() blocks only when a topic is new to the client or
        // the buffer is full, while a partition whose leader died needs the dead node fenced and a
        // new leader elected (1.5-3 s on a local cluster, more if the dead node also led the
        // metadata quorum) before its records go through; with half the budget (2.5 s) they ran
        // out first and half of the refusals of a leader kill were these.
        long metadataMs = Math.max(50, timeoutMs / 10);
        long deliveryMs = Math.max(50, timeoutMs - metadataMs);
        long linger = wholeMillis(ProducerConfig.LINGER_MS_CONFIG, config.get(ProducerConfig.LINGER_MS_CONFIG));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, metadataMs);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryMs);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1, Math.min(30_000, deliveryMs - linger)));
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return config;
    }

    /**
     * How long a status publication may wait for its acknowledgement (Kafka's own default is
     * 2 min): long enough for the idempotent producer to ride out a leader's failover, or a frozen
     * node's fencing, by retrying the same record in the same session, which writes it once.
     */
    static final long STATUS_DELIVERY_MS = 60_000;
    /** Statuses are sent as soon as they are published: each is on an order's critical path. */
    static final long STATUS_LINGER_MS = 0;

    /**
     * The producer of a consumer's statuses: like {@link #producer}, each request still bounded
     * by the timeout (a request to a dead or frozen leader is sent again to the next one), but the
     * record waits up to {@link #STATUS_DELIVERY_MS} before failing. A status that fails is
     * published again by the caller as a new record; had the first one landed after all (a
     * timeout says nothing about that), the order would get a second {@code completed}.
     */
    static Map<String, Object> statusProducer(KafkaSettings settings, String clientId) {
        Map<String, Object> config = producer(settings, clientId);
        // A consumer awaits each status's acknowledgement before the next step of the order
        // (processing, then completed): Kafka's 5 ms linger put 10 ms of waiting into every
        // order's way to completed. Unbatched, the end-to-end p50 at 1,000 orders/s fell from
        // 47 / 20 / 17 ms to 22 / 9 / 11 ms in three interleaved pairs, for 6-20 % more consumer
        // CPU per order; a backlog drained as fast (performance.md). A linger in kafka.properties
        // still wins.
        if (!settings.clientProperties().containsKey(ProducerConfig.LINGER_MS_CONFIG)) {
            config.put(ProducerConfig.LINGER_MS_CONFIG, STATUS_LINGER_MS);
        }
        long deliveryMs = ((Number) config.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG)).longValue();
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(deliveryMs, STATUS_DELIVERY_MS));
        // Bounded by the minute above, not by a count: a live leader waiting for a frozen follower
        // answers each attempt REQUEST_TIMED_OUT, and kafka.retry_max attempts of a few seconds
        // each would end the publication (and start a second copy) before the follower is fenced.
        config.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
        return config;
    }

    /** From kafka.properties it is text, from our default a number; refused like Kafka refuses a value. */
    private static long wholeMillis(String property, Object value) {
        try {
            return Long.parseLong(String.valueOf(value).strip());
        } catch (NumberFormatException e) {
            throw new ConfigException(property, value, "not a whole number of milliseconds");
        }
    }

    /** A member of the baristas' consumer group: commits by hand, only what is handled. */
    static Map<String, Object> groupConsumer(KafkaSettings settings, String clientId) {
        Map<String, Object> config = consumer(settings, clientId);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.putIfAbsent(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        return config;
    }

    /** A reader of whole topics (no group, nothing committed): the feeds of the views. */
    static Map<String, Object> feedConsumer(KafkaSettings settings, String clientId) {
        Map<String, Object> config = consumer(settings, clientId);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return config;
    }

    static Map<String, Object> admin(KafkaSettings settings, String clientId) {
        Map<String, Object> config = common(settings, clientId);
        int timeoutMs = (int) settings.timeout().toMillis();
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        return config;
    }

    /**
     * The view's Kafka Streams application: one per producer instance, sharing the partitions
     * with the instances of the same application id.
     *
     * @param advertised how other instances reach this one ({@code host:port} of its API)
     */
    static Map<String, Object> viewStreams(KafkaSettings kafka, ViewSettings view, String clientId,
            String advertised) {
        Map<String, Object> config = new HashMap<>(kafka.clientProperties());
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, view.applicationId());
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.brokers()));
        config.put(StreamsConfig.CLIENT_ID_CONFIG, clientId);
        config.put(StreamsConfig.STATE_DIR_CONFIG, view.stateDirectory().toString());
        config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, advertised);
        config.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, view.standbyReplicas());
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, kafka.replicationFactor());
        config.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        // the stores are not cached (OrderViewTopology): no heap for a record cache
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L);
        config.put(BoundedRocksDbMemory.MEMORY_BYTES, view.memoryBytes());
        // an instance that dies is replaced within seconds, not the default 45
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 2_000);
        // A frozen or dead broker holds a request until it times out: Kafka's 30 s would stall the
        // view (and the idempotency checks of POST /order, which need it) that long, although its
        // partitions have new leaders within seconds. So each request waits as long as any other
        // call to Kafka here; Kafka Streams retries what times out.
        int requestTimeoutMs = (int) kafka.timeout().toMillis();
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG),
                consumerRequestTimeoutMs(kafka));
        config.put(StreamsConfig.producerPrefix(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG), requestTimeoutMs);
        // The stores restore through a consumer of their own. Kafka's 500 ms fetch wait held each
        // wave of tasks with nothing to restore for up to half a second: on a busy machine a
        // restart spent up to ~1.5 s of its way to ready on it. 50 ms costs a few empty fetches a
        // second while standbys follow.
        config.putIfAbsent(StreamsConfig.restoreConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG),
                RESTORE_FETCH_WAIT_MS);
        // Kafka Streams' 1,000 records per poll made a restore many small RocksDB write batches:
        // 10,000 (about what one fetch of a partition brings) restored the same history a tenth
        // sooner, with less CPU (performance.md)
        config.putIfAbsent(StreamsConfig.restoreConsumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG),
                RESTORE_RECORDS_PER_POLL);
        // there is no global store; said only so Kafka Streams does not warn at every start
        config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        return config;
    }

    static final int RESTORE_FETCH_WAIT_MS = 50;
    static final int RESTORE_RECORDS_PER_POLL = 10_000;

    private static Map<String, Object> consumer(KafkaSettings settings, String clientId) {
        Map<String, Object> config = common(settings, clientId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.putIfAbsent(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Duration.ofSeconds(30).toMillis());
        // A frozen broker holds a request until it times out. With Kafka's 30 s a consumer waits on
        // a frozen group coordinator long after the group has moved, and its requests are answered
        // when the node resumes, by a coordinator that no longer knows its members: the consumer
        // takes that for an expulsion and loses its partitions (ClusterFaultIT's frozen node). Each
        // request waits as long as any other call to Kafka here; the client retries the rest.
        config.putIfAbsent(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, consumerRequestTimeoutMs(settings));
        return config;
    }

    /**
     * How long a consumer's request waits for an answer: the timeout, but never less than a fetch
     * may rightly take (the broker holds a fetch up to {@code fetch.max.wait.ms} when there is
     * nothing to read), or a quiet topic's every fetch would time out.
     */
    static int consumerRequestTimeoutMs(KafkaSettings settings) {
        long fetchWaitMs = wholeMillis(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, settings.clientProperties()
                .getOrDefault(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, Long.toString(DEFAULT_FETCH_MAX_WAIT_MS)));
        return (int) Math.max(settings.timeout().toMillis(), fetchWaitMs + FETCH_ANSWER_SLACK_MS);
    }

    private static final long DEFAULT_FETCH_MAX_WAIT_MS = 500;
    private static final long FETCH_ANSWER_SLACK_MS = 1000;

    private static Map<String, Object> common(KafkaSettings settings, String clientId) {
        Map<String, Object> config = new HashMap<>(settings.clientProperties());
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, String.join(",", settings.brokers()));
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        // a broker that comes back is found again quickly
        config.putIfAbsent(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        return config;
    }
}
