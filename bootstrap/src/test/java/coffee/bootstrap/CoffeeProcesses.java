package coffee.bootstrap;

import coffee.adapter.kafka.KafkaSettings;
import coffee.adapter.kafka.SharedKafka;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The {@code coffee} processes one test starts, each in an environment of the test's own topics
 * and consumer group on the shared broker (so tests never see each other's orders); stopped,
 * newest first, when the test ends. Registered per test instance with {@code @RegisterExtension}.
 */
final class CoffeeProcesses implements AfterEachCallback {

    private final Deque<CoffeeProcess> started = new ArrayDeque<>();
    private final KafkaSettings kafka = SharedKafka.uniqueSettings();
    private final Map<String, String> env;

    private CoffeeProcesses(Map<String, String> more) {
        env = new HashMap<>(Map.of(
                "KAFKA_BROKERS", String.join(",", kafka.brokers()),
                "KAFKA_TOPIC", kafka.ordersTopic(),
                "KAFKA_STATUS_TOPIC", kafka.statusTopic(),
                "KAFKA_DLQ_TOPIC", kafka.deadLetterTopic(),
                "KAFKA_GROUP_ID", kafka.groupId(),
                "KAFKA_PARTITIONS", "3"));
        env.putAll(more);
    }

    /** Processes on three partitions of their own topics, with {@code more} in their environment. */
    static CoffeeProcesses withEnvironment(Map<String, String> more) {
        return new CoffeeProcesses(more);
    }

    /** The environment of the processes started from now on: a test changes what it needs. */
    Map<String, String> env() {
        return env;
    }

    /** The topics and consumer group of this test. */
    KafkaSettings kafka() {
        return kafka;
    }

    CoffeeProcess start(String name, String... args) {
        return start(name, env, args);
    }

    /** Starts a process with another environment than {@link #env()}. */
    CoffeeProcess start(String name, Map<String, String> environment, String... args) {
        CoffeeProcess process = CoffeeProcess.start(name, environment, args);
        started.push(process);
        return process;
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        while (!started.isEmpty()) {
            started.pop().close();
        }
    }
}
