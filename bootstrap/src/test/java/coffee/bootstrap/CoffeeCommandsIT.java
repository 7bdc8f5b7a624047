package coffee.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coffee.adapter.kafka.KafkaSettings;
import coffee.adapter.kafka.TopicReader;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-shot commands ({@code order}, {@code status}, {@code orders}) as a user runs them:
 * real {@code coffee} processes against a real broker, judged by their output and exit code.
 */
class CoffeeCommandsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @RegisterExtension
    final CoffeeProcesses processes = CoffeeProcesses.withEnvironment(Map.of("BREW_TIME_MS", "50"));
    private final KafkaSettings kafka = processes.kafka();
    private final Map<String, String> env = processes.env();

    @TempDir
    Path dir;

    private CoffeeProcess coffee(String name, String... args) {
        return coffee(name, env, args);
    }

    private CoffeeProcess coffee(String name, Map<String, String> environment, String... args) {
        return processes.start(name, environment, args);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Runs {@code coffee order ...} to its end; returns its exit code and output. */
    private CoffeeProcess order(String name, String... args) throws InterruptedException {
        String[] all = new String[args.length + 1];
        all[0] = "order";
        System.arraycopy(args, 0, all, 1, args.length);
        CoffeeProcess order = coffee(name, all);
        order.awaitExit(PATIENCE);
        return order;
    }

    private long recordsOfOrder(String topic, String id) {
        return TopicReader.readAll(kafka, topic, Duration.ofSeconds(1)).stream()
                .filter(record -> new String(record.key(), StandardCharsets.UTF_8).equals(id))
                .count();
    }

    @Test
    void an_order_retried_with_its_idempotency_key_answers_the_first_order_with_its_real_status() throws Exception {
        coffee("consumer", "serve-consumer").awaitLine(line -> line.contains("took partitions"), PATIENCE);
        CoffeeProcess first = order("first", "--drink", "latte", "--customer", "Ann", "--idempotency-key", "k-2",
                "--wait");
        assertEquals(0, first.awaitExit(PATIENCE), String.join("\n", first.output()));
        String id = first.output().get(0).split(" ")[1];

        CoffeeProcess retry = order("retry", "--drink", "latte", "--customer", "Ann", "--idempotency-key", "k-2");
        long started = System.nanoTime();
        CoffeeProcess retryWaiting = order("retry-wait", "--drink", "Latte", "--customer", "Ann",
                "--idempotency-key", "k-2", "--wait", "--timeout", "30");
        long waitedSeconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();

        assertEquals(0, retry.awaitExit(PATIENCE), String.join("\n", retry.output()));
        assertEquals(List.of("Order " + id + " already placed: Latte for Ann (completed)"), retry.output());
        assertEquals(0, retryWaiting.awaitExit(PATIENCE), String.join("\n", retryWaiting.output()));
        assertEquals("Order " + id + " already placed: Latte for Ann (completed)", retryWaiting.output().get(0));
        assertTrue(retryWaiting.output().get(1).endsWith("  completed"), retryWaiting.output().toString());
        assertEquals(2, retryWaiting.output().size(), retryWaiting.output().toString());
        assertTrue(waitedSeconds < 20, "--wait on a finished order took " + waitedSeconds + " s");
        assertEquals(1, recordsOfOrder(kafka.ordersTopic(), id), "order_placed records of " + id);
    }

    @Test
    void an_idempotency_key_reused_for_another_order_is_a_conflict_and_publishes_nothing() throws Exception {
        CoffeeProcess first = order("first", "--drink", "latte", "--customer", "Ann", "--idempotency-key", "k-2b");
        assertEquals(0, first.awaitExit(PATIENCE), String.join("\n", first.output()));
        String id = first.output().get(0).split(" ")[1];

        CoffeeProcess otherDrink = order("other-drink", "--drink", "mocha", "--customer", "Ann",
                "--idempotency-key", "k-2b");
        CoffeeProcess otherCustomer = order("other-customer", "--drink", "latte", "--customer", "Bob",
                "--idempotency-key", "k-2b", "--wait");

        assertEquals(7, otherDrink.awaitExit(PATIENCE), String.join("\n", otherDrink.output()));
        assertEquals(List.of("coffee order: idempotency key k-2b was already used for another order: " + id
                + ", Latte for Ann (pending)"), otherDrink.output());
        assertEquals(7, otherCustomer.awaitExit(PATIENCE), String.join("\n", otherCustomer.output()));
        assertEquals(1, recordsOfOrder(kafka.ordersTopic(), id), "order_placed records of " + id);
    }

    @Test
    void a_broker_host_that_does_not_resolve_is_kafka_unavailable_in_one_line_with_exit_code_4() throws Exception {
        env.put("KAFKA_BROKERS", "nohost.invalid:9092");

        CoffeeProcess order = coffee("order-unresolvable", "order", "--drink", "latte");
        CoffeeProcess producer = coffee("producer-unresolvable", "serve-producer");

        assertEquals(4, order.awaitExit(PATIENCE), String.join("\n", order.output()));
        assertEquals(List.of("coffee order: Kafka at nohost.invalid:9092 is not reachable: no broker's host name resolves"),
                order.output());
        assertEquals(4, producer.awaitExit(PATIENCE), String.join("\n", producer.output()));
        assertTrue(producer.output().stream().anyMatch(line -> line.equals(
                "coffee serve-producer: Kafka at nohost.invalid:9092 is not reachable: no broker's host name resolves")),
                producer.output().toString());
    }

    @Test
    void log_level_debug_shows_the_details_behind_a_one_line_failure() throws Exception {
        env.put("KAFKA_BROKERS", "nohost.invalid:9092");
        env.put("LOG_LEVEL", "debug");
        Map<String, String> onlyTheEnvironment = new HashMap<>(env);
        onlyTheEnvironment.put("SERVER_PORT", "1");

        CoffeeProcess order = coffee("order-debug", "order", "--drink", "latte");
        CoffeeProcess status = coffee("status-debug", onlyTheEnvironment, "status", "42");

        assertEquals(4, order.awaitExit(PATIENCE), String.join("\n", order.output()));
        assertTrue(order.output().contains(
                "coffee order: Kafka at nohost.invalid:9092 is not reachable: no broker's host name resolves"),
                order.output().toString());
        assertTrue(order.output().stream().anyMatch(line -> line.startsWith("\tat ")), order.output().toString());
        assertTrue(order.output().stream().anyMatch(line -> line.contains("No resolvable bootstrap urls")),
                order.output().toString());
        assertEquals(4, status.awaitExit(PATIENCE), String.join("\n", status.output()));
        assertTrue(status.output().stream().anyMatch(line -> line.contains("java.net.ConnectException")),
                status.output().toString());
    }

    @Test
    void orders_and_status_find_the_producer_on_the_port_the_settings_give() throws Exception {
        int port = freePort();
        env.put("SERVER_PORT", Integer.toString(port));
        coffee("producer", "serve-producer").apiPort();

        CoffeeProcess fromEnvironment = coffee("orders-env", "orders");
        assertEquals(0, fromEnvironment.awaitExit(PATIENCE), String.join("\n", fromEnvironment.output()));
        assertTrue(fromEnvironment.output().get(0).startsWith("ID "), fromEnvironment.output().toString());

        Map<String, String> withoutPort = new HashMap<>(env);
        withoutPort.remove("SERVER_PORT");
        Path config = Files.writeString(dir.resolve("coffee.json"), "{\"server\":{\"port\":" + port + "}}");
        CoffeeProcess fromFile = coffee("orders-file", withoutPort, "orders", "--config", config.toString());
        assertEquals(0, fromFile.awaitExit(PATIENCE), String.join("\n", fromFile.output()));

        CoffeeProcess status = coffee("status-set", withoutPort, "status", "--set", "server.port=" + port,
                "00000000-0000-4000-8000-000000000000");
        assertEquals(5, status.awaitExit(PATIENCE), String.join("\n", status.output()));
        assertTrue(status.output().get(0).contains("Order not found"), status.output().toString());
    }
}
