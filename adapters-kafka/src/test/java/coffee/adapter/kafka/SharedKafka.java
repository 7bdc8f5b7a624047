package coffee.adapter.kafka;

import coffee.adapter.kafka.broker.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * One real embedded broker for a whole test run (starting one costs seconds). Each test gets
 * topics and a group of its own through {@link #uniqueSettings()}, so tests never see each
 * other's records.
 */
public final class SharedKafka {

    private static EmbeddedKafkaBroker broker;

    private SharedKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (broker == null) {
            // the broker stops before its data goes
            Path dir = TestDirectories.forThisRun("coffee-test-kafka", () -> broker.close());
            broker = EmbeddedKafkaBroker.start(dir, 0);
        }
        return broker.bootstrapServers();
    }

    /** Settings against the shared broker with fresh topic names and group id. */
    public static KafkaSettings uniqueSettings() {
        return uniqueSettings(bootstrapServers());
    }

    public static KafkaSettings uniqueSettings(String bootstrapServers) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        return KafkaSettings.defaults(List.of(bootstrapServers))
                .withTopics("orders-" + suffix, "status-" + suffix, "dlq-" + suffix)
                .withGroupId("baristas-" + suffix)
                .withPartitions(3);
    }
}
