package coffee.adapter.cli;

import static coffee.domain.OrderTestData.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coffee.application.port.in.ProjectOrderEvents;
import coffee.application.readmodel.InMemoryOrderRepository;
import coffee.application.service.FakeOrderPublisher;
import coffee.application.service.OrderQueries;
import coffee.application.service.PlaceOrderService;
import coffee.domain.OrderId;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code coffee order --wait} following the order over a stand-in for the producer's {@code GET
 * /order/{id}/events}. The order is placed through the real core with a fake Kafka that never
 * brews it, so every status after {@code pending} can only have come over the stream.
 */
class OrderWaitCommandTest {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final InMemoryOrderRepository orders = new InMemoryOrderRepository();
    private final FakeOrderPublisher kafka = FakeOrderPublisher.feeding(orders);
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private EventStreamStandIn producer;

    @AfterEach
    void stopProducer() {
        if (producer != null) {
            producer.close();
        }
    }

    /** What the stand-in does with connection number n (from 0) to an order's stream. */
    @FunctionalInterface
    private interface StreamScript {
        void answer(int connection, String id, HttpExchange exchange) throws IOException;
    }

    private String startProducer(StreamScript script) throws IOException {
        producer = EventStreamStandIn.start("/order/",
                exchange -> exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders().getFirst("Accept"),
                (connection, exchange) -> {
                    String path = exchange.getRequestURI().getPath();
                    script.answer(connection, path.substring("/order/".length(), path.length() - "/events".length()),
                            exchange);
                });
        return producer.url();
    }

    private static void openStream(HttpExchange exchange, String... events) throws IOException {
        EventStreamStandIn.openStream(exchange, events);
    }

    private void holdOpen(HttpExchange exchange) {
        producer.holdOpen(exchange);
    }

    /** An event of the order's stream, as the producer sends it: its step as id, its status as name. */
    private static String event(String id, int step, String status, int second) {
        return "id:" + step + "\nevent:" + status + "\ndata:{\"id\":\"" + id + "\",\"customer_name\":\"Ann\","
                + "\"coffee_type\":\"Latte\",\"status\":\"" + status + "\",\"created_at\":\"2026-11-24T09:00:00Z\","
                + "\"updated_at\":\"" + at(second) + "\"}\n\n";
    }

    private static String at(int second) {
        return "2026-11-24T09:00:0" + second + "Z";
    }

    /** The line --wait prints for a status reached at that second (local time, as the command prints it). */
    private static String line(String status, int second) {
        return TIME.format(Instant.parse(at(second)).atZone(ZoneId.systemDefault())) + "  " + status;
    }

    private CommandLine cli() {
        CommandLine cli = CoffeeCli.commandLine(new Launcher() {
            @Override
            public void serve(Role role, Map<String, String> settings) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Ordering openOrdering(Map<String, String> settings) {
                PlaceOrderService place = new PlaceOrderService(kafka, orders, OrderId::random,
                        Clock.fixed(T0, ZoneOffset.UTC));
                OrderQueries queries = new OrderQueries(orders);
                return new Ordering(place, queries, () -> { });
            }

            @Override
            public AutoCloseable followStatuses(Map<String, String> settings, ProjectOrderEvents sink) {
                throw new UnsupportedOperationException();
            }

            @Override
            public String producerUrl(Map<String, String> settings) {
                throw new UnsupportedOperationException("every test gives --url");
            }
        });
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli;
    }

    /** Runs {@code coffee order --drink latte --customer Ann --wait ARGS} to its end. */
    private int orderAndWait(String... args) throws Exception {
        CommandLine cli = cli();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute(command(args)));
        try {
            return exit.get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            ((OrderCommand) cli.getSubcommands().get("order").getCommand()).stop();
            throw new AssertionError("--wait did not end by itself; printed: " + out + "; errors: " + err);
        }
    }

    private static String[] command(String... args) {
        String[] command = new String[args.length + 6];
        System.arraycopy(new String[] {"order", "--drink", "latte", "--customer", "Ann", "--wait"}, 0, command, 0, 6);
        System.arraycopy(args, 0, command, 6, args.length);
        return command;
    }

    private List<String> lines() {
        return out.toString().lines().toList();
    }

    private String placedId() {
        return lines().getFirst().split(" ")[1];
    }

    @Test
    void wait_prints_each_change_from_the_producers_event_stream_as_it_comes() throws Exception {
        String url = startProducer((connection, id, exchange) -> {
            openStream(exchange, event(id, 1, "pending", 0), ":heartbeat\n\n", event(id, 2, "processing", 1),
                    event(id, 3, "completed", 2));
            exchange.close(); // the producer ends the stream after a final status
        });

        assertEquals(ExitCodes.OK, orderAndWait("--url", url), err.toString());

        String id = placedId();
        assertEquals(List.of("Order " + id + " placed: Latte for Ann (pending)",
                TIME.format(T0.atZone(ZoneId.systemDefault())) + "  pending",
                line("processing", 1), line("completed", 2)), lines());
        assertEquals(List.of("/order/" + id + "/events text/event-stream"), producer.requests());
    }

    @Test
    void a_stream_that_ends_before_the_order_does_is_resumed_after_the_last_change_printed() throws Exception {
        String url = startProducer((connection, id, exchange) -> {
            if (connection == 0) {
                openStream(exchange, event(id, 1, "pending", 0), event(id, 2, "processing", 1));
            } else {
                openStream(exchange, event(id, 3, "completed", 2));
            }
            exchange.close();
        });

        assertEquals(ExitCodes.OK, orderAndWait("--url", url), err.toString());

        assertEquals(List.of(line("processing", 1), line("completed", 2)), lines().subList(2, 4));
        assertEquals(List.of("(none)", "2"), producer.lastEventIds(), "resumed after the last change printed");
    }

    @Test
    void an_order_the_producer_does_not_know_yet_is_asked_for_again() throws Exception {
        String url = startProducer((connection, id, exchange) -> {
            if (connection == 0) {
                byte[] notFound = "{\"error\":\"Order not found\",\"request_id\":\"r-1\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(404, notFound.length);
                exchange.getResponseBody().write(notFound);
            } else {
                openStream(exchange, event(id, 1, "pending", 0), event(id, 3, "cancelled", 1));
            }
            exchange.close();
        });

        assertEquals(ExitCodes.OK, orderAndWait("--url", url), err.toString());

        assertEquals(line("cancelled", 1), lines().getLast());
        assertEquals(2, producer.connections());
    }

    @Test
    void an_order_still_not_final_at_the_timeout_is_exit_code_6() throws Exception {
        String url = startProducer((connection, id, exchange) -> {
            openStream(exchange, event(id, 1, "pending", 0), event(id, 2, "processing", 1));
            holdOpen(exchange);
        });

        assertEquals(ExitCodes.TIMED_OUT, orderAndWait("--url", url, "--timeout", "1"));

        assertEquals(line("processing", 1), lines().getLast());
        assertTrue(err.toString().contains("still processing after 1 s"), err.toString());
    }

    @Test
    void stopping_as_ctrl_c_does_ends_the_wait_with_what_was_printed() throws Exception {
        CountDownLatch streaming = new CountDownLatch(1);
        String url = startProducer((connection, id, exchange) -> {
            openStream(exchange, event(id, 1, "pending", 0), event(id, 2, "processing", 1));
            streaming.countDown();
            holdOpen(exchange);
        });
        CommandLine cli = cli();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute(command("--url", url)));
        assertTrue(streaming.await(20, TimeUnit.SECONDS), "the stream was opened");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (lines().size() < 3) {
            assertTrue(System.nanoTime() < deadline, "printed so far: " + out);
            Thread.sleep(20);
        }

        ((OrderCommand) cli.getSubcommands().get("order").getCommand()).stop();

        assertEquals(ExitCodes.OK, exit.get(10, TimeUnit.SECONDS), err.toString());
        assertEquals(line("processing", 1), lines().getLast());
        assertEquals("", err.toString());
    }

    @Test
    void a_url_that_names_no_http_server_is_a_usage_error_before_anything_is_placed() throws Exception {
        assertEquals(ExitCodes.USAGE, orderAndWait("--url", "ftp://example"));

        assertTrue(err.toString().contains("--url ftp://example: not an http:// or https:// URL"), err.toString());
        assertTrue(kafka.published().isEmpty());
    }
}
