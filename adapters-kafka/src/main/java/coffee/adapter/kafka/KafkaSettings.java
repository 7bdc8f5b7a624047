package coffee.adapter.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the Kafka adapter needs to know, already validated by whoever built it.
 *
 * @param brokers bootstrap servers, {@code host:port} each
 * @param ordersTopic where order commands go ({@code order_placed}, {@code order_cancel_requested})
 * @param statusTopic where consumers publish order snapshots (compacted)
 * @param deadLetterTopic where records nobody can read go, with the reason in headers
 * @param partitions partitions for topics this adapter creates
 * @param replicationFactor replicas for topics this adapter creates; -1: as many as there are brokers, up to 3
 * @param minInSyncReplicas {@code min.insync.replicas} of topics this adapter creates; -1: 2 when
 *     they have 3 or more replicas, else the broker's default ({@link TopicReplication})
 * @param acks how many replicas must have an order before it counts as accepted
 * @param retries how often the producer retries a failed send within {@code timeout}
 * @param timeout how long a publication or admin call may take before it counts as failed
 * @param groupId the consumer group all consumer instances share
 * @param maxQueuedPerPartition how many orders a consumer holds per partition before pausing it
 * @param clientProperties passed to every Kafka client unchanged (security, tuning)
 */
public record KafkaSettings(
        List<String> brokers,
        String ordersTopic,
        String statusTopic,
        String deadLetterTopic,
        int partitions,
        int replicationFactor,
        int minInSyncReplicas,
        Acks acks,
        int retries,
        Duration timeout,
        String groupId,
        int maxQueuedPerPartition,
        Map<String, String> clientProperties) {

    public KafkaSettings {
        brokers = List.copyOf(brokers);
        if (brokers.isEmpty()) {
            throw new IllegalArgumentException("at least one broker is needed");
        }
        Objects.requireNonNull(ordersTopic, "ordersTopic");
        Objects.requireNonNull(statusTopic, "statusTopic");
        Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
        Objects.requireNonNull(acks, "acks");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(groupId, "groupId");
        clientProperties = Map.copyOf(clientProperties);
    }

    /**
     * The client properties given that this system sets itself, so they are not used: each
     * with the clients that set it (producer, consumer, feeds, admin), in key order. A value
     * equal to the one the system sets is not listed.
     */
    public Map<String, List<String>> ignoredClientProperties() {
        return ClientConfigs.ignored(this);
    }

    /** Defaults for everything but the brokers: the names and numbers DESIGN.md gives. */
    public static KafkaSettings defaults(List<String> brokers) {
        return new KafkaSettings(brokers, "coffee_orders", "coffee_order_status", "coffee_orders_dlq",
                6, -1, -1, Acks.ALL, 5, Duration.ofSeconds(5), "coffee-baristas", 500, Map.of());
    }

    public KafkaSettings withTopics(String orders, String status, String deadLetters) {
        return new KafkaSettings(brokers, orders, status, deadLetters, partitions, replicationFactor, minInSyncReplicas,
                acks, retries, timeout, groupId, maxQueuedPerPartition, clientProperties);
    }

    public KafkaSettings withGroupId(String group) {
        return new KafkaSettings(brokers, ordersTopic, statusTopic, deadLetterTopic, partitions, replicationFactor,
                minInSyncReplicas, acks, retries, timeout, group, maxQueuedPerPartition, clientProperties);
    }

    public KafkaSettings withTimeout(Duration value) {
        return new KafkaSettings(brokers, ordersTopic, statusTopic, deadLetterTopic, partitions, replicationFactor,
                minInSyncReplicas, acks, retries, value, groupId, maxQueuedPerPartition, clientProperties);
    }

    public KafkaSettings withPartitions(int value) {
        return new KafkaSettings(brokers, ordersTopic, statusTopic, deadLetterTopic, value, replicationFactor,
                minInSyncReplicas, acks, retries, timeout, groupId, maxQueuedPerPartition, clientProperties);
    }

    public KafkaSettings withMaxQueuedPerPartition(int value) {
        return new KafkaSettings(brokers, ordersTopic, statusTopic, deadLetterTopic, partitions, replicationFactor,
                minInSyncReplicas, acks, retries, timeout, groupId, value, clientProperties);
    }

    /** Acknowledgement levels, named as in {@code KAFKA_REQUIRED_ACKS}. */
    public enum Acks {
        /** Fire and forget ({@code acks=0}): fast, and orders can be lost. */
        NONE("0"),
        /** The partition leader has it ({@code acks=1}): lost if the leader dies before replicating. */
        LOCAL("1"),
        /** Every in-sync replica has it ({@code acks=all}): the only level that keeps the promise of a 201. */
        ALL("all");

        private final String kafkaValue;

        Acks(String kafkaValue) {
            this.kafkaValue = kafkaValue;
        }

        String kafkaValue() {
            return kafkaValue;
        }
    }
}
