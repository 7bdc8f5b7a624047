package coffee.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The real roles as separate `coffee` processes against a real broker, driven over HTTP. */
class CoffeeEndToEndIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newHttpClient();
    @RegisterExtension
    final CoffeeProcesses processes = CoffeeProcesses.withEnvironment(Map.of("SERVER_PORT", "0", "BREW_TIME_MS", "50"));
    private final Map<String, String> env = processes.env();

    private CoffeeProcess coffee(String name, String... args) {
        return processes.start(name, args);
    }

    private JsonNode postOrder(int port, String customer, String drink) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/order"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"customer_name\":\"" + customer + "\",\"coffee_type\":\"" + drink + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode(), response.body());
        return JSON.readTree(response.body()).get("order");
    }

    private JsonNode getOrder(int port, String id) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/order/" + id))
                .build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void an_order_posted_to_the_producer_is_brewed_by_the_consumer_and_shown_completed() throws Exception {
        CoffeeProcess consumer = coffee("consumer", "serve-consumer");
        CoffeeProcess producer = coffee("producer", "serve-producer");
        int port = producer.apiPort();

        String id = postOrder(port, "Ann", "Latte").get("id").asText();

        String processed = consumer.awaitLine(line -> line.contains("order_id=" + id) && line.contains("outcome=completed"),
                PATIENCE);
        assertTrue(processed.contains("request_id="), processed);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        String status = "";
        while (!status.equals("completed") && System.nanoTime() < deadline) {
            status = getOrder(port, id).get("status").asText();
            Thread.sleep(50);
        }
        assertEquals("completed", status);
    }

    @Test
    void coffee_order_goes_through_kafka_and_waits_for_the_consumer() throws Exception {
        coffee("consumer", "serve-consumer");

        CoffeeProcess order = coffee("order", "order", "--drink", "flat white", "--customer", "Ann", "--wait");

        assertEquals(0, order.awaitExit(PATIENCE), String.join("\n", order.output()));
        List<String> output = order.output();
        assertTrue(output.get(0).matches("Order [0-9a-f-]{36} placed: Flat White for Ann \\(pending\\)"), output.toString());
        assertTrue(output.get(output.size() - 1).endsWith("completed"), output.toString());
    }

    @Test
    void coffee_order_without_a_reachable_broker_fails_fast_with_one_line() throws Exception {
        try (ServerSocket unused = new ServerSocket(0)) {
            env.put("KAFKA_BROKERS", "127.0.0.1:" + unused.getLocalPort());
        }
        long started = System.nanoTime();

        CoffeeProcess order = coffee("order-no-broker", "order", "--drink", "latte");

        assertEquals(4, order.awaitExit(Duration.ofSeconds(30)));
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        assertTrue(seconds <= 10, "took " + seconds + " s");
        assertEquals(1, order.output().size(), order.output().toString());
        assertTrue(order.output().get(0).contains("not reachable"), order.output().toString());
    }

    @Test
    void a_bad_setting_stops_start_up_with_a_message_naming_it() throws Exception {
        env.put("SERVER_PORT", "eighty");

        CoffeeProcess producer = coffee("bad-config", "serve-producer");

        assertEquals(3, producer.awaitExit(PATIENCE));
        assertTrue(producer.output().stream().anyMatch(line -> line.contains("server.port (SERVER_PORT)")),
                producer.output().toString());
    }

    @ParameterizedTest
    @CsvSource({"serve-producer, SERVER_PORT", "serve, SERVER_PORT", "serve-consumer, MANAGEMENT_PORT"})
    void a_port_in_use_stops_start_up_with_one_line_naming_the_setting(String command, String setting,
            @TempDir Path dataDir) throws Exception {
        if (command.equals("serve")) {
            // its own broker, as on a fresh machine
            env.remove("KAFKA_BROKERS");
            env.put("BROKER_PORT", "0");
            env.put("BROKER_DATA_DIR", dataDir.toString());
        }
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            env.put(setting, Integer.toString(port));

            CoffeeProcess role = coffee(command + "-port-in-use", command);

            assertEquals(3, role.awaitExit(Duration.ofSeconds(30)), String.join("\n", role.output()));
            List<String> output = role.output();
            assertTrue(output.stream().anyMatch(line -> line.startsWith("coffee " + command + ": port " + port
                    + " is in use (" + setting + ")")), output.toString());
            assertTrue(output.stream().noneMatch(line -> line.contains("Exception") || line.startsWith("\tat ")
                    || line.contains("ready") || line.contains(":-1")), output.toString());
        }
    }

    @Test
    void a_host_name_that_does_not_resolve_stops_start_up_naming_server_host() throws Exception {
        env.put("SERVER_HOST", "no-such-host.invalid");

        CoffeeProcess producer = coffee("unknown-host", "serve-producer");

        assertEquals(3, producer.awaitExit(PATIENCE), String.join("\n", producer.output()));
        assertEquals(List.of("coffee serve-producer: 'no-such-host.invalid' is not a known host name (SERVER_HOST)"),
                producer.output());
    }

    @Test
    void a_kafka_client_property_kafka_refuses_is_a_configuration_error() throws Exception {
        env.put("KAFKA_PROPERTIES", "{\"linger.ms\":\"soon\"}");

        CoffeeProcess producer = coffee("bad-kafka-property", "serve-producer");

        assertEquals(3, producer.awaitExit(PATIENCE));
        assertTrue(producer.output().stream().anyMatch(line -> line.contains("kafka.properties (KAFKA_PROPERTIES)")
                && line.contains("linger.ms")), producer.output().toString());
    }

    @Test
    void roles_stopped_with_sigterm_shut_down_in_order_and_exit_0() throws Exception {
        CoffeeProcess consumer = coffee("consumer", "serve-consumer");
        CoffeeProcess producer = coffee("producer", "serve-producer");
        producer.apiPort();
        consumer.awaitLine(line -> line.contains("took partitions"), PATIENCE);

        assertEquals(0, producer.stop());
        assertEquals(0, consumer.stop());
        assertTrue(producer.output().stream().anyMatch(line -> line.contains("producer stopped")));
        assertTrue(consumer.output().stream().anyMatch(line -> line.contains("consumer stopped")));
    }

    @Test
    void a_producer_on_a_free_port_leaves_nothing_behind_when_stopped() throws Exception {
        CoffeeProcess producer = coffee("producer", "serve-producer");
        producer.apiPort();
        Path maps = Path.of("/proc", Long.toString(producer.pid()), "maps");
        assumeTrue(Files.isReadable(maps), "reads which files the process mapped from Linux's /proc");
        List<Path> rocksDb = mappedFiles(maps, "librocksdbjni");
        assertEquals(1, rocksDb.size(), "RocksDB's library, mapped once: " + rocksDb);
        Path library = rocksDb.get(0);
        Path stateDirectory = library.getParent().getParent();
        assertTrue(Files.exists(stateDirectory.resolve("view-layout")),
                "RocksDB's library loaded from the view's state directory, not " + library);

        assertEquals(0, producer.stop());

        // RocksDB's own copy in the temporary directory is deleted only by an exit that runs the
        // JVM's hooks to the end, which a stop by a signal does not (it halts with its own code)
        assertFalse(Files.exists(library), "RocksDB's library left behind: " + library);
        assertFalse(Files.exists(stateDirectory), "the temporary state directory left behind: " + stateDirectory);
    }

    private static List<Path> mappedFiles(Path maps, String named) throws java.io.IOException {
        return Files.readAllLines(maps).stream()
                .filter(line -> line.contains(named) && line.contains("/"))
                .map(line -> Path.of(line.substring(line.indexOf('/')).replace(" (deleted)", "")))
                .distinct()
                .toList();
    }

    @Test
    void a_role_still_waiting_for_kafka_stops_at_once_when_asked() throws Exception {
        try (ServerSocket unused = new ServerSocket(0)) {
            env.put("KAFKA_BROKERS", "127.0.0.1:" + unused.getLocalPort());
        }
        CoffeeProcess producer = coffee("stopped-while-waiting", "serve-producer");
        producer.awaitLine(line -> line.contains("waiting for Kafka (attempt 2)"), PATIENCE);
        long asked = System.nanoTime();

        int exitCode = producer.stop();

        long seconds = Duration.ofNanos(System.nanoTime() - asked).toSeconds();
        assertEquals(0, exitCode, String.join("\n", producer.output()));
        assertTrue(seconds < 10, "took " + seconds + " s to stop");
    }

    @Test
    void a_consumer_started_before_its_broker_waits_for_it(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dataDir)
            throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        env.put("KAFKA_BROKERS", "127.0.0.1:" + port);
        env.put("MANAGEMENT_PORT", "0");
        CoffeeProcess consumer = coffee("consumer-early", "serve-consumer");
        consumer.awaitLine(line -> line.contains("waiting for Kafka"), PATIENCE);

        try (coffee.adapter.kafka.broker.EmbeddedKafkaBroker broker =
                coffee.adapter.kafka.broker.EmbeddedKafkaBroker.start(dataDir, port)) {
            consumer.awaitLine(line -> line.contains("took partitions"), PATIENCE);
            assertEquals(0, consumer.stop());
        }
    }
}
