package coffee.adapter.cli;

import static coffee.domain.OrderTestData.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coffee.application.port.in.ProjectOrderEvents;
import coffee.application.readmodel.InMemoryOrderRepository;
import coffee.application.service.FakeOrderPublisher;
import coffee.application.service.OrderQueries;
import coffee.application.service.PlaceOrderService;
import coffee.domain.Order;
import coffee.domain.OrderId;
import coffee.domain.OrderPlaced;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class CoffeeCliTest {

    private final InMemoryOrderRepository orders = new InMemoryOrderRepository();
    private final FakeOrderPublisher kafka = FakeOrderPublisher.feeding(orders);
    private final RecordingLauncher launcher = new RecordingLauncher();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Records what the CLI asked for; orders go through the real core with a fake Kafka. */
    private final class RecordingLauncher implements Launcher {

        final List<Role> served = new ArrayList<>();
        final List<Map<String, String>> settings = new ArrayList<>();
        RuntimeException failure;
        String producerUrl = "http://127.0.0.1:1";

        @Override
        public void serve(Role role, Map<String, String> given) {
            if (failure != null) {
                throw failure;
            }
            served.add(role);
            settings.add(given);
        }

        @Override
        public Ordering openOrdering(Map<String, String> given) {
            if (failure != null) {
                throw failure;
            }
            settings.add(given);
            PlaceOrderService place = new PlaceOrderService(kafka, orders, OrderId::random, Clock.fixed(T0, ZoneOffset.UTC));
            OrderQueries queries = new OrderQueries(orders);
            return new Ordering(place, queries, () -> { });
        }

        @Override
        public AutoCloseable followStatuses(Map<String, String> given, ProjectOrderEvents sink) {
            throw new UnsupportedOperationException("LoadCommandTest covers coffee load");
        }

        @Override
        public String producerUrl(Map<String, String> given) {
            if (failure != null) {
                throw failure;
            }
            settings.add(given);
            return producerUrl;
        }
    }

    private int run(String... args) {
        CommandLine cli = CoffeeCli.commandLine(launcher);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"serve", "serve-producer", "serve-consumer", "broker", "order", "load", "status", "orders",
        "watch"})
    void every_command_has_help_with_the_exit_codes(String command) {
        assertEquals(0, run(command, "--help"));
        assertTrue(out.toString().contains("Usage: coffee " + command), out.toString());
        assertTrue(out.toString().contains("Exit codes:"), out.toString());
    }

    @Test
    void without_a_command_the_usage_lists_the_commands() {
        assertEquals(0, run());
        assertTrue(out.toString().contains("serve-consumer"), out.toString());
    }

    @Test
    void an_unknown_option_is_a_usage_error() {
        assertEquals(ExitCodes.USAGE, run("serve", "--no-such-option"));
        assertTrue(err.toString().contains("--no-such-option"), err.toString());
    }

    @Test
    void serve_hands_its_flags_to_the_launcher_by_setting_key() {
        assertEquals(0, run("serve", "--port", "8080", "--brokers", "k1:9092,k2:9092", "--brew-time-ms", "0",
                "--set", "kafka.partitions=12", "--config", "coffee.json"));

        assertEquals(List.of(Launcher.Role.ALL_IN_ONE), launcher.served);
        assertEquals(Map.of("server.port", "8080", "kafka.brokers", "k1:9092,k2:9092", "brew.time_ms", "0",
                "kafka.partitions", "12", "config_file", "coffee.json"), launcher.settings.get(0));
    }

    @Test
    void broker_hands_its_cluster_and_quorum_flags_to_the_launcher_by_setting_key() {
        assertEquals(0, run("broker", "--nodes", "3", "--broker-port", "19092", "--data-dir", "/var/kafka",
                "--node-id", "2", "--voters", "1@a:9093,2@b:9093,3@c:9093", "--controller-port", "9093",
                "--host", "b", "--cluster-id", "MkU3OEVBNTcwNTJENDM2Qg"));

        assertEquals(List.of(Launcher.Role.BROKER), launcher.served);
        assertEquals(Map.of("broker.nodes", "3", "broker.port", "19092", "broker.data_dir", "/var/kafka",
                "broker.node_id", "2", "broker.voters", "1@a:9093,2@b:9093,3@c:9093", "broker.controller_port", "9093",
                "broker.host", "b", "broker.cluster_id", "MkU3OEVBNTcwNTJENDM2Qg"), launcher.settings.get(0));
    }

    @Test
    void broker_help_says_how_to_run_a_local_cluster_and_one_node_of_a_quorum() {
        assertEquals(0, run("broker", "--help"));

        String help = out.toString();
        for (String flag : List.of("--nodes", "--node-id", "--voters", "--controller-port", "--host", "--cluster-id")) {
            assertTrue(help.contains(flag), flag + " missing from:\n" + help);
        }
        assertTrue(help.contains("9092, 9093, 9094"), help);
    }

    @Test
    void producer_help_says_how_several_producers_share_the_view() {
        assertEquals(0, run("serve-producer", "--help"));

        // each instance holds a share of the orders and asks the others for the rest; an
        // earlier text said each sees every order, which stopped being true with the shared view
        String help = out.toString().replaceAll("\\s+", " ");
        for (String setting : List.of("VIEW_APPLICATION_ID", "VIEW_STATE_DIR", "SERVER_ADVERTISED_URL")) {
            assertTrue(help.contains(setting), setting + " missing from:\n" + help);
        }
        assertTrue(help.contains("answers for every order"), help);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "=12"})
    void a_set_without_key_and_value_is_a_usage_error_that_says_so_plainly(String value) {
        assertEquals(ExitCodes.USAGE, run("order", "--drink", "latte", "--set", value));

        String firstLine = err.toString().lines().findFirst().orElse("");
        assertEquals("Invalid value for option '--set': '" + value + "' is not KEY=VALUE, e.g. --set kafka.partitions=12",
                firstLine);
        assertTrue(launcher.settings.isEmpty());
    }

    @Test
    void settings_given_with_set_reach_the_launcher_by_key() {
        assertEquals(0, run("serve", "--set", "kafka.partitions=12", "--set", "LOG_LEVEL=debug", "--set",
                "kafka.properties={\"linger.ms\":\"5\"}"));

        assertEquals(Map.of("kafka.partitions", "12", "LOG_LEVEL", "debug", "kafka.properties", "{\"linger.ms\":\"5\"}"),
                launcher.settings.get(0));
    }

    @Test
    void each_role_has_its_command() {
        run("serve-producer");
        run("serve-consumer");
        run("broker");

        assertEquals(List.of(Launcher.Role.PRODUCER, Launcher.Role.CONSUMER, Launcher.Role.BROKER), launcher.served);
    }

    @Test
    void a_role_that_cannot_start_says_why_in_one_line_with_its_exit_code() {
        launcher.failure = new CommandFailedException(ExitCodes.CONFIGURATION, "server.port (SERVER_PORT): 'x' is not a number");

        assertEquals(ExitCodes.CONFIGURATION, run("serve-producer"));
        assertEquals("coffee serve-producer: server.port (SERVER_PORT): 'x' is not a number", err.toString().strip());
    }

    @Test
    void order_places_the_order_through_the_core_and_prints_id_and_status() {
        assertEquals(0, run("order", "--drink", "latte", "--customer", "Ann"));

        Order placed = ((OrderPlaced) kafka.events().get(0)).order();
        assertEquals("Order " + placed.id() + " placed: Latte for Ann (pending)", out.toString().strip());
    }

    @Test
    void an_order_retried_with_its_key_prints_the_first_order_and_publishes_nothing_more() {
        assertEquals(0, run("order", "--drink", "latte", "--customer", "Ann", "--idempotency-key", "k1"));
        Order placed = ((OrderPlaced) kafka.events().get(0)).order();
        orders.save(placed.startBrewing(T0.plusSeconds(1)).complete(T0.plusSeconds(2)));

        assertEquals(0, run("order", "--drink", "Latte", "--customer", "Ann", "--idempotency-key", "k1", "--wait"));

        assertEquals(List.of("Order " + placed.id() + " placed: Latte for Ann (pending)",
                "Order " + placed.id() + " already placed: Latte for Ann (completed)"),
                out.toString().lines().toList().subList(0, 2));
        assertTrue(out.toString().strip().endsWith("  completed"), out.toString());
        assertEquals(1, kafka.events().size());
    }

    @Test
    void an_idempotency_key_used_for_another_order_is_a_conflict_with_its_own_exit_code() {
        assertEquals(0, run("order", "--drink", "latte", "--customer", "Ann", "--idempotency-key", "k1"));
        Order placed = ((OrderPlaced) kafka.events().get(0)).order();

        assertEquals(ExitCodes.CONFLICT, run("order", "--drink", "mocha", "--customer", "Ann", "--idempotency-key", "k1"));

        assertEquals("coffee order: idempotency key k1 was already used for another order: " + placed.id()
                + ", Latte for Ann (pending)", err.toString().strip());
        assertEquals(1, kafka.events().size());
    }

    @Test
    void an_unknown_drink_is_a_usage_error_and_nothing_is_placed() {
        assertEquals(ExitCodes.USAGE, run("order", "--drink", "tea"));
        assertTrue(err.toString().contains("--drink tea: not on the menu"), err.toString());
        assertTrue(kafka.published().isEmpty());
    }

    @Test
    void an_unknown_drink_names_the_option_and_lists_the_drinks_on_the_menu() {
        assertEquals(ExitCodes.USAGE, run("order", "--drink", "tea"));

        assertEquals("coffee order: --drink tea: not on the menu; choose one of Espresso, Americano, Latte, "
                + "Cappuccino, Flat White, Macchiato, Mocha, Cold Brew", err.toString().strip());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--customer|''|--customer must not be empty",
        "--customer|'Ann\u0007'|--customer must not contain control characters",
        "--idempotency-key|' '|--idempotency-key must not be empty",
    })
    void an_invalid_option_of_the_order_is_named_as_the_option_not_as_the_api_field(String option, String value,
            String message) {
        assertEquals(ExitCodes.USAGE, run("order", "--drink", "latte", option, value));

        assertEquals("coffee order: " + message, err.toString().strip());
        assertTrue(kafka.published().isEmpty());
    }

    @Test
    void an_order_kafka_did_not_confirm_fails_with_exit_code_4() {
        kafka.breakDown();

        assertEquals(ExitCodes.UNAVAILABLE, run("order", "--drink", "latte"));
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
    }

    @Test
    void with_wait_the_order_is_followed_to_its_final_status() {
        kafka.whenPublished(event -> {
            Order order = ((OrderPlaced) event).order();
            Thread.ofVirtual().start(() -> {
                sleep(50);
                orders.save(order.startBrewing(T0.plusSeconds(1)));
                sleep(50);
                orders.save(order.startBrewing(T0.plusSeconds(1)).complete(T0.plusSeconds(2)));
            });
        });

        assertEquals(0, run("order", "--drink", "mocha", "--wait"));

        List<String> lines = out.toString().strip().lines().toList();
        assertTrue(lines.get(0).startsWith("Order "), lines.toString());
        assertTrue(lines.get(1).endsWith("  pending"), lines.toString());
        assertTrue(lines.get(lines.size() - 1).endsWith("  completed"), lines.toString());
    }

    @Test
    void waiting_for_an_order_nobody_brews_times_out_with_exit_code_6() {
        assertEquals(ExitCodes.TIMED_OUT, run("order", "--drink", "latte", "--wait", "--timeout", "0"));
        assertTrue(err.toString().contains("still pending"), err.toString());
    }

    @Test
    void status_without_a_producer_running_fails_with_exit_code_4() throws IOException {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        assertEquals(ExitCodes.UNAVAILABLE, run("status", "42", "--url", "http://127.0.0.1:" + closedPort));
        assertTrue(err.toString().contains("cannot reach the producer"), err.toString());
    }

    @Test
    void status_and_orders_read_the_producer_api() throws IOException {
        String order = "{\"id\":\"0b6a4a8e-6f0e-4a39-8f6d-2b8c3c1f9a77\",\"customer_name\":\"Ann\",\"coffee_type\":\"Latte\","
                + "\"status\":\"completed\",\"created_at\":\"2026-11-24T09:00:00Z\",\"updated_at\":\"2026-11-24T09:00:01Z\"}";
        List<String> queries = new ArrayList<>();
        HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/", exchange -> {
            queries.add(exchange.getRequestURI().toString());
            boolean list = exchange.getRequestURI().getPath().equals("/orders");
            boolean known = list || exchange.getRequestURI().getPath().endsWith("9a77");
            byte[] body = (list ? "[" + order + "]" : known ? order : "{\"error\":\"Order not found\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(known ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        api.start();
        String url = "http://127.0.0.1:" + api.getAddress().getPort();
        try {
            assertEquals(0, run("status", "0b6a4a8e-6f0e-4a39-8f6d-2b8c3c1f9a77", "--url", url));
            assertEquals(0, run("orders", "--status", "completed", "--customer", "Ann Lee", "--url", url));
            assertEquals(ExitCodes.NOT_FOUND, run("status", "nope", "--url", url));
        } finally {
            api.stop(0);
        }

        assertTrue(out.toString().contains("completed"), out.toString());
        assertTrue(queries.contains("/orders?status=completed&customer=Ann+Lee&limit=20"), queries.toString());
        assertTrue(err.toString().contains("Order not found"), err.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "orders --status brewing | --status brewing: not a status; choose one of pending, processing, completed, cancelled",
        "orders --limit 0        | --limit must be between 1 and 500, not 0",
        "orders --limit 501      | --limit must be between 1 and 500, not 501",
        "orders --url ftp://x    | --url ftp://x: not an http:// or https:// URL",
        "orders --url notaurl    | --url notaurl: not an http:// or https:// URL",
        "orders --url http://    | --url http://: not an http:// or https:// URL",
        "status 42 --url notaurl | --url notaurl: not an http:// or https:// URL",
    })
    void a_wrong_option_of_status_or_orders_is_one_line_with_exit_code_2_before_any_request(String args, String message)
            throws IOException {
        List<String> requests = new ArrayList<>();
        HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI().toString());
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        api.start();
        List<String> all = new ArrayList<>(List.of(args.split(" ")));
        if (!args.contains("--url")) {
            all.addAll(List.of("--url", "http://127.0.0.1:" + api.getAddress().getPort()));
        }
        int exitCode;
        try {
            exitCode = run(all.toArray(String[]::new));
        } finally {
            api.stop(0);
        }

        assertEquals(ExitCodes.USAGE, exitCode, err.toString());
        assertEquals("coffee " + all.get(0) + ": " + message, err.toString().strip());
        assertEquals(List.of(), requests);
    }

    @Test
    void a_request_the_producer_refuses_as_bad_is_a_usage_error() throws IOException {
        HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/", exchange -> {
            byte[] body = "{\"error\":\"customer must be at most 100 characters\",\"request_id\":\"r1\"}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(400, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        api.start();
        try {
            assertEquals(ExitCodes.USAGE, run("orders", "--customer", "Ann", "--url",
                    "http://127.0.0.1:" + api.getAddress().getPort()));
        } finally {
            api.stop(0);
        }

        assertEquals("coffee orders: the producer refused the request (400): customer must be at most 100 characters",
                err.toString().strip());
    }

    @Test
    void a_status_in_any_case_is_sent_as_the_api_spells_it() throws IOException {
        List<String> queries = new ArrayList<>();
        HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/", exchange -> {
            queries.add(exchange.getRequestURI().toString());
            byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        api.start();
        try {
            assertEquals(0, run("orders", "--status", "Completed", "--url", "http://127.0.0.1:" + api.getAddress().getPort()));
        } finally {
            api.stop(0);
        }

        assertEquals(List.of("/orders?status=completed&limit=20"), queries);
    }

    @Test
    void without_url_status_and_orders_ask_the_launcher_where_the_producer_is_with_their_settings() throws IOException {
        List<String> requests = new ArrayList<>();
        HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI().getPath());
            byte[] body = (exchange.getRequestURI().getPath().equals("/orders") ? "[]" : "{\"id\":\"x\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        api.start();
        launcher.producerUrl = "http://127.0.0.1:" + api.getAddress().getPort();
        try {
            assertEquals(0, run("orders", "--config", "coffee.json"));
            assertEquals(0, run("status", "x", "--set", "server.port=21000"));
        } finally {
            api.stop(0);
        }

        assertEquals(List.of("/orders", "/order/x"), requests);
        assertEquals(List.of(Map.of("config_file", "coffee.json"), Map.of("server.port", "21000")), launcher.settings);
    }

    @Test
    void a_url_given_wins_and_the_settings_are_not_read() throws IOException {
        HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/", exchange -> {
            byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        api.start();
        launcher.failure = new CommandFailedException(ExitCodes.CONFIGURATION, "the settings must not be read");
        try {
            assertEquals(0, run("orders", "--url", "http://127.0.0.1:" + api.getAddress().getPort()));
        } finally {
            api.stop(0);
        }
    }

    @Test
    void a_setting_that_names_no_producer_fails_with_the_launchers_reason() {
        launcher.failure = new CommandFailedException(ExitCodes.CONFIGURATION, "invalid server.port (SERVER_PORT)");

        assertEquals(ExitCodes.CONFIGURATION, run("orders"));
        assertEquals("coffee orders: invalid server.port (SERVER_PORT)", err.toString().strip());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
