package coffee.adapter.cli;

import static coffee.domain.OrderTestData.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coffee.adapter.cli.load.FakeProducer;
import coffee.application.port.in.ProjectOrderEvents;
import coffee.domain.Order;
import coffee.domain.OrderId;
import coffee.domain.OrderStatusChanged;
import coffee.domain.OrderTestData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class LoadCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeProducer producer = FakeProducer.start();
    private final StatusTopicLauncher launcher = new StatusTopicLauncher();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        producer.close();
    }

    /**
     * Plays the status topic: once following, it tells the sink that every order the fake producer
     * accepted is processing, then completed, again and again (Kafka delivers at least once), until
     * closed. So an order is seen completed however late its 201 is noted.
     */
    private final class StatusTopicLauncher implements Launcher {

        final List<Map<String, String>> followed = new ArrayList<>();
        final List<Map<String, String>> askedForUrl = new ArrayList<>();
        int requestsWhenFollowingStarted = -1;
        volatile boolean closed;
        RuntimeException failure;

        @Override
        public void serve(Role role, Map<String, String> settings) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Ordering openOrdering(Map<String, String> settings) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String producerUrl(Map<String, String> settings) {
            askedForUrl.add(settings);
            return producer.url();
        }

        @Override
        public AutoCloseable followStatuses(Map<String, String> settings, ProjectOrderEvents sink) {
            if (failure != null) {
                throw failure;
            }
            followed.add(settings);
            requestsWhenFollowingStarted = producer.requests();
            Thread topic = Thread.ofPlatform().daemon().start(() -> {
                while (!closed) {
                    sink.project(new OrderStatusChanged(OrderTestData.aPendingOrder().startBrewing(T0).complete(T0)));
                    for (UUID id : producer.accepted) {
                        Order order = OrderTestData.anOrder().withId(new OrderId(id)).build().startBrewing(T0);
                        sink.project(new OrderStatusChanged(order));
                        sink.project(new OrderStatusChanged(order.complete(T0)));
                    }
                    sleep(20);
                }
            });
            return () -> {
                closed = true;
                topic.join();
            };
        }
    }

    private int run(String... args) {
        CommandLine cli = CoffeeCli.commandLine(launcher);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private String[] load(String... args) {
        List<String> all = new ArrayList<>(List.of("load", "--url", producer.url()));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    @Test
    void load_sends_the_orders_and_prints_the_report() {
        assertEquals(0, run(load("--orders", "50", "--connections", "4")));

        assertEquals(50, producer.requests());
        assertTrue(out.toString().contains("orders sent     50"), out.toString());
        assertTrue(out.toString().contains("answered 2xx    50"), out.toString());
        assertTrue(out.toString().contains("errors          none"), out.toString());
        assertTrue(out.toString().contains("HTTP latency    p50 "), out.toString());
    }

    @Test
    void every_request_is_a_json_post_of_the_order() {
        assertEquals(0, run(load("--orders", "3", "--connections", "1")));

        producer.requestLines.forEach(line -> assertEquals("POST /order", line));
        producer.requestHeaders.forEach(headers -> assertEquals("application/json", headers.getFirst("Content-Type")));
        producer.bodies.forEach(body -> assertEquals("{\"customer_name\":\"Load Tester\",\"coffee_type\":\"Latte\"}", body));
    }

    @Test
    void the_drink_customer_and_api_key_go_into_every_request() {
        assertEquals(0, run(load("--orders", "2", "--drink", "cold-brew", "--customer", "Bob", "--api-key", "s3cr3t")));

        producer.bodies.forEach(body -> assertEquals("{\"customer_name\":\"Bob\",\"coffee_type\":\"Cold Brew\"}", body));
        producer.requestHeaders.forEach(headers -> assertEquals("Bearer s3cr3t", headers.getFirst("Authorization")));
    }

    @Test
    void json_to_a_file_keeps_the_text_report_on_stdout() throws IOException {
        Path file = dir.resolve("report.json");

        assertEquals(0, run(load("--orders", "20", "--threads", "virtual", "--json", file.toString())));

        JsonNode report = JSON.readTree(file.toFile());
        assertEquals(20, report.get("orders_sent").asLong());
        assertEquals(20, report.get("orders_ok").asLong());
        assertEquals(0, report.get("errors").size());
        assertTrue(report.get("rate").isNull());
        assertTrue(out.toString().contains("orders sent     20"), out.toString());
    }

    @Test
    void json_without_a_file_goes_to_stdout_and_the_text_report_to_stderr() throws IOException {
        assertEquals(0, run(load("--orders", "5", "--json")));

        assertEquals(5, JSON.readTree(out.toString()).get("orders_sent").asLong());
        assertTrue(err.toString().contains("orders sent     5"), err.toString());
    }

    @Test
    void errors_are_counted_by_status_and_the_run_still_succeeds() throws IOException {
        producer.answering(request -> request % 2 == 0 ? 201 : 503);

        assertEquals(0, run(load("--orders", "10", "--connections", "1", "--json")));

        JsonNode report = JSON.readTree(out.toString());
        assertEquals(5, report.get("orders_ok").asLong());
        assertEquals(5, report.get("errors").get("503").asLong());
    }

    @Test
    void an_open_loop_for_a_duration_sends_rate_times_duration_orders() throws IOException {
        assertEquals(0, run(load("--rate", "100", "--duration", "500ms", "--connections", "2", "--json")));

        JsonNode report = JSON.readTree(out.toString());
        assertEquals(50, report.get("orders_sent").asLong());
        assertEquals(100.0, report.get("rate").asDouble());
        assertEquals(50, producer.requests());
    }

    @Test
    void the_warmup_is_sent_but_not_reported() throws IOException {
        assertEquals(0, run(load("--warmup", "200ms", "--orders", "10", "--connections", "2", "--json")));

        assertEquals(10, JSON.readTree(out.toString()).get("orders_sent").asLong());
        assertTrue(producer.requests() > 10, "no warm-up requests");
    }

    @Test
    void a_progress_line_goes_to_stderr_every_second() {
        assertEquals(0, run(load("--duration", "1500ms", "--connections", "2")));

        assertTrue(err.toString().lines().anyMatch(line -> line.matches("load +1s  sent [\\d,]+  ok [\\d,]+  errors 0  "
                + "rate [\\d,]+/s  p99 \\d+\\.\\d{3} ms")), err.toString());
    }

    @Test
    void with_e2e_statuses_are_followed_before_the_first_order_and_every_completion_is_measured() throws IOException {
        assertEquals(0, run(load("--orders", "30", "--connections", "3", "--e2e", "--brokers", "k1:9092",
                "--set", "kafka.status_topic=statuses", "--json")));

        JsonNode report = JSON.readTree(out.toString());
        assertEquals(30, report.get("e2e_completed").asLong());
        JsonNode e2e = report.get("e2e_latency_ms");
        assertTrue(e2e.get("p50").asDouble() <= e2e.get("p99").asDouble(), e2e.toString());
        assertTrue(e2e.get("p99").asDouble() <= e2e.get("max").asDouble(), e2e.toString());
        assertEquals(0, launcher.requestsWhenFollowingStarted);
        assertEquals(Map.of("kafka.brokers", "k1:9092", "kafka.status_topic", "statuses"), launcher.followed.get(0));
        assertTrue(launcher.closed, "the status topic is still followed");
    }

    @Test
    void without_e2e_kafka_is_not_touched() throws IOException {
        assertEquals(0, run(load("--orders", "3", "--json")));

        assertTrue(launcher.followed.isEmpty());
        assertTrue(JSON.readTree(out.toString()).get("e2e_latency_ms").isNull());
    }

    @Test
    void kafka_unreachable_with_e2e_fails_with_exit_code_4_before_any_order() {
        launcher.failure = new CommandFailedException(ExitCodes.UNAVAILABLE, "Kafka at k1:9092 is not reachable");

        assertEquals(ExitCodes.UNAVAILABLE, run(load("--orders", "3", "--e2e")));

        assertEquals("coffee load: Kafka at k1:9092 is not reachable", err.toString().strip());
        assertEquals(0, producer.requests());
    }

    @Test
    void a_producer_that_is_not_running_fails_with_exit_code_4() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        assertEquals(ExitCodes.UNAVAILABLE, run("load", "--url", "http://127.0.0.1:" + closedPort, "--orders", "1"));

        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("coffee load: cannot reach the producer at http://127.0.0.1:" + closedPort),
                err.toString());
    }

    @Test
    void without_url_the_orders_go_to_the_producer_the_launcher_finds_in_the_settings() {
        assertEquals(0, run("load", "--orders", "3", "--connections", "1", "--set", "server.port=21000"));

        assertEquals(3, producer.requests());
        assertEquals(List.of(Map.of("server.port", "21000")), launcher.askedForUrl);
    }

    @Test
    void a_url_given_wins_over_the_settings() {
        assertEquals(0, run(load("--orders", "1", "--connections", "1")));

        assertEquals(List.of(), launcher.askedForUrl);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--duration 1s --orders 5    | give --duration or --orders, not both",
        "--duration 30x              | --duration 30x: not a duration; use a number and a unit, e.g. 500ms, 30s, 2m",
        "--duration 0s               | --duration must be more than 0",
        "--warmup soon               | --warmup soon: not a duration",
        "--connections 0             | --connections must be between 1 and 10000, not 0",
        "--orders 0                  | --orders must be at least 1, not 0",
        "--rate 0                    | --rate must be a number of orders per second above 0, not 0.0",
        "--rate NaN                  | --rate must be a number of orders per second above 0, not NaN",
        "--url https://shop.example  | --url https://shop.example: only http:// URLs are supported",
        "--url localhost:3000        | --url localhost:3000: only http:// URLs are supported",
        "--drink tea                 | --drink tea: not on the menu; choose one of Espresso, Americano, Latte,",
        "--json /no/such/dir/r.json  | --json /no/such/dir/r.json: not a file in an existing directory",
        "--api-key a\u00e9b          | --api-key must be printable ASCII characters without spaces",
        "--threads green             | --threads must be loop, platform or virtual, not green",
    })
    void a_wrong_option_is_one_line_with_exit_code_2_and_sends_nothing(String options, String message) {
        List<String> args = new ArrayList<>(List.of("load"));
        if (!options.contains("--url")) {
            args.addAll(List.of("--url", producer.url()));
        }
        args.addAll(List.of(options.split(" ")));

        assertEquals(ExitCodes.USAGE, run(args.toArray(String[]::new)));

        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("coffee load: " + message), err.toString());
        assertEquals(0, producer.requests());
    }

    @ParameterizedTest
    @CsvSource({"500ms, PT0.5S", "30s, PT30S", "1.5m, PT1M30S", "2h, PT2H", "0s, PT0S"})
    void durations_are_a_number_and_a_unit(String text, Duration expected) {
        assertEquals(expected, LoadOptions.parseDuration("--duration", text));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
