package coffee.adapter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code coffee watch} against a stand-in for the producer's {@code GET /orders/events}. */
class WatchCommandTest {

    private static final String ORDER = "{\"id\":\"0b6a4a8e-6f0e-4a39-8f6d-2b8c3c1f9a77\",\"customer_name\":\"Ann\","
            + "\"coffee_type\":\"Latte\",\"status\":\"%s\",\"created_at\":\"2026-11-24T09:00:00Z\","
            + "\"updated_at\":\"2026-11-24T09:00:0%sZ\"}";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private EventStreamStandIn producer;

    @AfterEach
    void stopProducer() {
        if (producer != null) {
            producer.close();
        }
    }

    private static String event(String id, String status, int second) {
        return "id:" + id + "\nevent:" + status + "\ndata:" + ORDER.formatted(status, second) + "\n\n";
    }

    /**
     * The first stream sends two events and a heartbeat, then ends (a producer restarting);
     * the next one sends one more event and stays open.
     */
    private String startProducer() throws IOException {
        producer = EventStreamStandIn.start("/", exchange -> exchange.getRequestURI().toString(),
                (connection, exchange) -> {
                    if (connection == 0) {
                        EventStreamStandIn.openStream(exchange, event("5-1", "pending", 0), ":heartbeat\n\n",
                                event("6-1", "processing", 1));
                        exchange.close();
                    } else {
                        EventStreamStandIn.openStream(exchange, event("6-2", "completed", 2));
                        producer.holdOpen(exchange);
                    }
                });
        return producer.url();
    }

    private CommandLine cli() {
        CommandLine cli = CoffeeCli.commandLine(new Launcher() {
            @Override
            public void serve(Role role, Map<String, String> settings) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Ordering openOrdering(Map<String, String> settings) {
                throw new UnsupportedOperationException();
            }

            @Override
            public AutoCloseable followStatuses(Map<String, String> settings,
                    coffee.application.port.in.ProjectOrderEvents sink) {
                throw new UnsupportedOperationException();
            }

            @Override
            public String producerUrl(Map<String, String> settings) {
                return "http://127.0.0.1:1";
            }
        });
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli;
    }

    /** Runs {@code coffee watch ARGS} until {@code printed} lines are out, then stops it as Ctrl+C does. */
    private int watchUntil(int printed, String... args) throws Exception {
        CommandLine cli = cli();
        String[] command = new String[args.length + 1];
        command[0] = "watch";
        System.arraycopy(args, 0, command, 1, args.length);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute(command));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (lines().size() < printed && !exit.isDone()) {
            assertTrue(System.nanoTime() < deadline, "printed so far: " + out + "; errors: " + err);
            Thread.sleep(20);
        }
        ((WatchCommand) cli.getSubcommands().get("watch").getCommand()).stop();
        return exit.get(10, TimeUnit.SECONDS);
    }

    /** Runs a watch that should end by itself; one that does not is stopped, and fails the test. */
    private int runEnding(String... args) throws Exception {
        CommandLine cli = cli();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute(args));
        try {
            return exit.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            ((WatchCommand) cli.getSubcommands().get("watch").getCommand()).stop();
            throw new AssertionError("the watch did not end by itself; printed: " + out);
        }
    }

    private List<String> lines() {
        return out.toString().lines().toList();
    }

    @Test
    void watch_prints_each_change_as_it_comes_and_resumes_a_stream_that_ended_after_the_last_one() throws Exception {
        String url = startProducer();

        int exit = watchUntil(3, "--customer", "Ann Lee", "--status", "Completed", "--url", url);

        assertEquals(ExitCodes.OK, exit, err.toString());
        assertEquals(List.of(
                "09:00:00Z     pending     0b6a4a8e-6f0e-4a39-8f6d-2b8c3c1f9a77  Latte for Ann",
                "09:00:01Z     processing  0b6a4a8e-6f0e-4a39-8f6d-2b8c3c1f9a77  Latte for Ann",
                "09:00:02Z     completed   0b6a4a8e-6f0e-4a39-8f6d-2b8c3c1f9a77  Latte for Ann"), lines());
        assertEquals(List.of("/orders/events?status=completed&customer=Ann+Lee",
                "/orders/events?status=completed&customer=Ann+Lee"), producer.requests());
        assertEquals(List.of("(none)", "6-1"), producer.lastEventIds(), "resumed after the last change printed");
        assertTrue(err.toString().contains("resuming after 6-1"), err.toString());
    }

    @Test
    void with_json_each_change_is_one_json_object_per_line() throws Exception {
        String url = startProducer();

        assertEquals(ExitCodes.OK, watchUntil(3, "--json", "--url", url), err.toString());

        assertEquals(List.of(ORDER.formatted("pending", 0), ORDER.formatted("processing", 1),
                ORDER.formatted("completed", 2)), lines());
    }

    @Test
    void a_producer_that_cannot_be_reached_is_exit_code_4() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        assertEquals(ExitCodes.UNAVAILABLE, runEnding("watch", "--url", "http://127.0.0.1:" + closedPort));
        assertTrue(err.toString().contains("cannot reach the producer"), err.toString());
    }

    @Test
    void a_wrong_status_is_a_usage_error_before_any_request() throws Exception {
        String url = startProducer();

        assertEquals(ExitCodes.USAGE, runEnding("watch", "--status", "brewing", "--url", url));
        assertTrue(err.toString().contains("--status brewing: not a status"), err.toString());
        assertEquals(List.of(), producer.requests());
    }
}
