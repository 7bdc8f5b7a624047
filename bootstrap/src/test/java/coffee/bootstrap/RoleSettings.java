package coffee.bootstrap;

import coffee.adapter.kafka.KafkaSettings;
import java.util.HashMap;
import java.util.Map;

/**
 * Settings for roles a test starts in-process: a free port, and topics and a consumer group of
 * the test's own on the shared broker, so tests never see each other's orders.
 */
final class RoleSettings {

    private RoleSettings() {
    }

    /** A mutable map: a test adds what it needs (a state directory, an API key). */
    static Map<String, String> isolated(KafkaSettings kafka, int partitions, int brewTimeMs) {
        return new HashMap<>(Map.of(
                "server.port", "0",
                "kafka.brokers", String.join(",", kafka.brokers()),
                "kafka.topic", kafka.ordersTopic(),
                "kafka.status_topic", kafka.statusTopic(),
                "kafka.dlq_topic", kafka.deadLetterTopic(),
                "kafka.group_id", kafka.groupId(),
                "kafka.partitions", Integer.toString(partitions),
                "brew.time_ms", Integer.toString(brewTimeMs)));
    }
}
