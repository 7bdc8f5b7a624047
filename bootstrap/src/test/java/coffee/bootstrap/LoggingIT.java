package coffee.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What a role's log shows a person or a log collector, from real `coffee` processes. */
class LoggingIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    @RegisterExtension
    final CoffeeProcesses processes = CoffeeProcesses.withEnvironment(Map.of("SERVER_PORT", "0"));
    private final Map<String, String> env = processes.env();

    private CoffeeProcess coffee(String name, String... args) {
        return processes.start(name, args);
    }

    @Test
    void a_json_log_is_json_on_every_line_from_start_to_stop() throws Exception {
        env.put("LOG_FORMAT", "json");
        CoffeeProcess producer = coffee("json-log", "serve-producer");
        producer.apiPort();

        assertEquals(0, producer.stop());
        for (String line : producer.output()) {
            try {
                assertTrue(JSON.readTree(line).isObject(), line);
            } catch (JsonProcessingException e) {
                throw new AssertionError("not a JSON line: " + line + "\nOutput:\n" + String.join("\n", producer.output()));
            }
        }
    }

    @Test
    void at_log_level_warn_a_role_still_says_where_it_listens_and_that_it_stopped() throws Exception {
        env.put("LOG_LEVEL", "warn");
        CoffeeProcess producer = coffee("warn-log", "serve-producer");
        producer.apiPort();

        assertEquals(0, producer.stop());
        assertTrue(producer.output().stream().anyMatch(line -> line.contains("producer stopped")),
                producer.output().toString());
        assertTrue(producer.output().stream().noneMatch(line -> line.contains(" INFO ")
                && !line.contains("ready") && !line.contains("stop")), producer.output().toString());
    }

    @Test
    void a_kafka_property_the_system_sets_itself_is_named_in_a_warning() throws Exception {
        env.put("KAFKA_PROPERTIES", "{\"acks\":\"0\",\"linger.ms\":\"10\"}");
        CoffeeProcess producer = coffee("ignored-property", "serve-producer");
        producer.apiPort();

        List<String> warnings = producer.output().stream().filter(line -> line.contains(" WARN ")).toList();
        assertEquals(1, warnings.size(), String.join("\n", producer.output()));
        assertTrue(warnings.get(0).contains("acks") && warnings.get(0).contains("KAFKA_REQUIRED_ACKS")
                && warnings.get(0).contains("kafka.properties (KAFKA_PROPERTIES)"), warnings.get(0));
    }

    @Test
    void compressing_with_lz4_as_the_docs_suggest_prints_no_jvm_warning() throws Exception {
        env.put("KAFKA_PROPERTIES", "{\"compression.type\":\"lz4\"}");
        CoffeeProcess producer = coffee("lz4", "serve-producer");
        int port = producer.apiPort();

        // the first batch sent loads lz4-java's native library
        HttpResponse<String> placed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/order")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"customer_name\":\"Ann\",\"coffee_type\":\"Latte\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(201, placed.statusCode(), placed.body());
        assertEquals(0, producer.stop());
        assertTrue(producer.output().stream().noneMatch(line -> line.startsWith("WARNING:")),
                String.join("\n", producer.output()));
    }

    @Test
    void waiting_for_kafka_says_so_once_a_second_and_nothing_else() throws Exception {
        try (ServerSocket unused = new ServerSocket(0)) {
            env.put("KAFKA_BROKERS", "127.0.0.1:" + unused.getLocalPort());
        }
        CoffeeProcess producer = coffee("waiting", "serve-producer");

        // JVM start, then about one attempt a second: the 5th well within 15 s (it took 30 s)
        producer.awaitLine(line -> line.contains("waiting for Kafka (attempt 5)"), Duration.ofSeconds(15));

        List<String> output = producer.output();
        assertTrue(output.stream().allMatch(line -> line.contains("waiting for Kafka")), String.join("\n", output));
    }

    @Test
    void an_embedded_broker_stops_without_kafka_s_known_harmless_warning(@TempDir Path dataDir) throws Exception {
        env.remove("KAFKA_BROKERS");
        env.put("BROKER_PORT", "0");
        env.put("BROKER_DATA_DIR", dataDir.toString());
        CoffeeProcess serve = coffee("serve-stop", "serve");
        serve.awaitLine(line -> line.contains("Coffee is served"), PATIENCE);

        assertEquals(0, serve.stop());
        List<String> output = serve.output();
        assertTrue(output.stream().anyMatch(line -> line.contains("Kafka broker stopped")), String.join("\n", output));
        assertTrue(output.stream().noneMatch(line -> line.contains("already been closed")), String.join("\n", output));
    }
}
