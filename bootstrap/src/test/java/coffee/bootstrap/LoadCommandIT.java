package coffee.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coffee.adapter.cli.CoffeeCli;
import coffee.adapter.kafka.KafkaSettings;
import coffee.adapter.kafka.SharedKafka;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code coffee load --e2e} against the real producer and consumer roles (in this JVM, wired as
 * `coffee` wires them) and a real broker: the orders go over HTTP, their completions come back
 * from the status topic through the launcher, and the JSON report adds up. Consistency only, no
 * speed: machines are noisy.
 */
class LoadCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private KafkaSettings kafka;
    private Map<String, String> settings;

    @TempDir
    Path dir;

    @BeforeEach
    void isolatedTopics() {
        kafka = SharedKafka.uniqueSettings();
        settings = RoleSettings.isolated(kafka, 3, 0);
    }

    @AfterEach
    void stopAll() throws Exception {
        while (!running.isEmpty()) {
            running.pop().close();
        }
    }

    private int startProducerAndConsumer() throws InterruptedException {
        Configuration config = Configuration.load(settings, Map.of());
        running.push(ConsumerRole.start(config, AdapterSettings.kafka(config), false));
        ProducerRole producer = ProducerRole.start(config, AdapterSettings.kafka(config));
        // it takes orders at once, and answers reads once its view is restored
        assertTrue(producer.awaitReadyForReads(Duration.ofSeconds(60)), "the view of orders became ready");
        running.push(producer);
        return producer.port();
    }

    @Test
    void three_hundred_orders_are_all_accepted_and_all_seen_completed_on_the_status_topic() throws Exception {
        int port = startProducerAndConsumer();
        Path report = dir.resolve("load.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // an empty environment: only the flags say where Kafka is, whatever this machine has set
        CommandLine cli = CoffeeCli.commandLine(new Roles(Map.of()));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));

        int exitCode = cli.execute("load", "--url", "http://127.0.0.1:" + port, "--orders", "300",
                "--connections", "8", "--e2e", "--e2e-wait", "60s", "--json", report.toString(),
                "--brokers", String.join(",", kafka.brokers()), "--topic", kafka.ordersTopic(),
                "--set", "kafka.status_topic=" + kafka.statusTopic());

        assertEquals(0, exitCode, "stdout:\n" + out + "\nstderr:\n" + err);
        JsonNode json = JSON.readTree(report.toFile());
        assertEquals(300, json.get("orders_sent").asLong(), json.toString());
        assertEquals(300, json.get("orders_ok").asLong(), json.toString());
        assertEquals(0, json.get("errors").size(), json.toString());
        assertEquals(300, json.get("e2e_completed").asLong(), json.toString());
        assertInOrder(json.get("latency_ms"));
        assertInOrder(json.get("e2e_latency_ms"));
        assertTrue(json.get("orders_per_second").asDouble() > 0, json.toString());
        assertTrue(out.toString().contains("orders sent     300"), out.toString());
    }

    private static void assertInOrder(JsonNode percentiles) {
        double p50 = percentiles.get("p50").asDouble();
        double p90 = percentiles.get("p90").asDouble();
        double p99 = percentiles.get("p99").asDouble();
        double p999 = percentiles.get("p999").asDouble();
        double max = percentiles.get("max").asDouble();
        assertTrue(0 < p50 && p50 <= p90 && p90 <= p99 && p99 <= p999 && p999 <= max, percentiles.toString());
    }
}
