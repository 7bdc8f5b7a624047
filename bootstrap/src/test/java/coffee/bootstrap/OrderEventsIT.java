package coffee.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coffee.adapter.kafka.KafkaConnection;
import coffee.adapter.kafka.KafkaSettings;
import coffee.adapter.kafka.SharedKafka;
import coffee.application.port.out.OrderPublisher;
import coffee.domain.CustomerName;
import coffee.domain.Drink;
import coffee.domain.Order;
import coffee.domain.OrderId;
import coffee.domain.OrderPlaced;
import coffee.domain.RequestId;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The event streams through the real producer and consumer roles, a real HTTP server and the
 * embedded broker: {@code GET /order/{id}/events} and {@code GET /orders/events}.
 */
class OrderEventsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private Map<String, String> settings;

    @BeforeEach
    void isolatedTopics() {
        KafkaSettings kafka = SharedKafka.uniqueSettings();
        settings = RoleSettings.isolated(kafka, 3, 100);
    }

    @AfterEach
    void stopAll() throws Exception {
        while (!running.isEmpty()) {
            running.pop().close();
        }
    }

    private int producer() throws InterruptedException {
        Configuration config = Configuration.load(settings, Map.of());
        ProducerRole producer = ProducerRole.start(config, AdapterSettings.kafka(config));
        running.push(producer);
        assertTrue(producer.awaitReadyForReads(Duration.ofSeconds(60)), "the view of orders became ready");
        return producer.port();
    }

    private void consumer() throws InterruptedException {
        Configuration config = Configuration.load(settings, Map.of());
        running.push(ConsumerRole.start(config, AdapterSettings.kafka(config), false));
    }

    private EventStreamClient stream(int port, String path, String... headers) throws Exception {
        EventStreamClient client = EventStreamClient.open(port, path, headers);
        running.push(client);
        return client;
    }

    private static EventStreamClient.Event next(EventStreamClient client) throws InterruptedException {
        return client.next(PATIENCE).orElseThrow(() -> new AssertionError("no event within " + PATIENCE));
    }

    private static JsonNode data(EventStreamClient.Event event) throws IOException {
        return JSON.readTree(event.data());
    }

    private static List<String> names(List<EventStreamClient.Event> events) {
        return events.stream().map(EventStreamClient.Event::name).toList();
    }

    @Test
    void the_events_of_one_order_arrive_in_order_and_the_stream_ends_after_completed() throws Exception {
        int port = producer();
        Http api = new Http(port);
        String id = api.placed("Ann", "Latte");

        EventStreamClient events = stream(port, "/order/" + id + "/events");
        assertEquals(200, events.status());
        assertTrue(events.contentType().startsWith("text/event-stream"), events.contentType());
        EventStreamClient.Event first = next(events);
        assertEquals("pending", first.name());
        assertEquals("1", first.id());
        assertEquals(api.get("/order/" + id).json(), data(first), "the order's JSON, as GET /order/{id}");

        consumer();
        List<EventStreamClient.Event> rest = events.untilEnd(PATIENCE);

        assertEquals(List.of("processing", "completed"), names(rest));
        assertEquals(List.of("2", "3"), rest.stream().map(EventStreamClient.Event::id).toList());
        for (EventStreamClient.Event event : rest) {
            assertEquals(id, data(event).get("id").asText());
            assertEquals(event.name(), data(event).get("status").asText());
        }
        assertEquals("Ann", data(rest.get(1)).get("customer_name").asText());
    }

    @Test
    void a_stream_resumed_with_last_event_id_gives_exactly_the_changes_missed() throws Exception {
        int port = producer();
        Http api = new Http(port);
        String id = api.placed("Bo", "Mocha");
        EventStreamClient.Event seen;
        try (EventStreamClient events = EventStreamClient.open(port, "/order/" + id + "/events")) {
            seen = next(events);
        }
        assertEquals("pending", seen.name());

        consumer();
        api.awaitStatus(id, "completed", PATIENCE);

        List<EventStreamClient.Event> missed = stream(port, "/order/" + id + "/events", "Last-Event-ID", seen.id())
                .untilEnd(PATIENCE);
        assertEquals(List.of("processing", "completed"), names(missed));
        assertEquals(List.of(), stream(port, "/order/" + id + "/events?last_event_id=3").untilEnd(PATIENCE),
                "nothing is repeated to a client that saw the end");
        assertEquals(List.of("completed"), names(stream(port, "/order/" + id + "/events?last_event_id=2")
                .untilEnd(PATIENCE)));
    }

    @Test
    void an_unknown_order_has_no_stream_but_the_json_404_of_get_order() throws Exception {
        int port = producer();

        EventStreamClient unknown = stream(port, "/order/00000000-0000-0000-0000-000000000000/events");
        assertEquals(404, unknown.status());
        assertEquals("Order not found", JSON.readTree(unknown.body()).get("error").asText());
        EventStreamClient malformed = stream(port, "/order/not-an-id/events");
        assertEquals(404, malformed.status());
        assertEquals("Order not found", JSON.readTree(malformed.body()).get("error").asText());
    }

    @Test
    void the_board_stream_shows_every_change_of_the_customers_asked_for_and_resumes_after_its_last_id()
            throws Exception {
        settings.put("events.heartbeat_ms", "200");
        int port = producer();
        Http api = new Http(port);
        EventStreamClient board = stream(port, "/orders/events?customer=ann");
        assertEquals(200, board.status());

        String bobs = api.placed("Bob", "Espresso");
        String anns = api.placed("Ann", "Latte");
        EventStreamClient.Event placed = next(board);
        assertEquals("pending", placed.name());
        assertEquals(anns, data(placed).get("id").asText(), "Bob's order " + bobs + " is filtered out");
        board.close();

        consumer();
        api.awaitStatus(anns, "completed", PATIENCE);
        api.awaitStatus(bobs, "completed", PATIENCE);
        EventStreamClient resumed = stream(port, "/orders/events?customer=ann", "Last-Event-ID", placed.id());
        List<EventStreamClient.Event> missed = new ArrayList<>(List.of(next(resumed), next(resumed)));

        assertEquals(List.of("processing", "completed"), names(missed));
        for (EventStreamClient.Event event : missed) {
            assertEquals(anns, data(event).get("id").asText());
        }
        assertEquals(Optional.empty(), resumed.next(Duration.ofMillis(700)), "nothing more, nothing twice");
        assertTrue(resumed.comments() > 0, "a heartbeat comment keeps the quiet stream open");
    }

    @Test
    void a_client_that_stops_reading_is_cut_off_without_holding_up_another() throws Exception {
        settings.put("events.subscriber_buffer", "128");
        int port = producer();
        Configuration config = Configuration.load(settings, Map.of());
        try (KafkaConnection kafka = KafkaConnection.open(AdapterSettings.kafka(config), "test");
                Socket stalled = new Socket()) {
            // a small window, never read: the server's writes to it soon wait, its buffer fills
            stalled.setReceiveBufferSize(1024);
            stalled.connect(new InetSocketAddress("localhost", port));
            OutputStream request = stalled.getOutputStream();
            request.write(("GET /orders/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            request.flush();
            EventStreamClient reader = stream(port, "/orders/events");
            assertEquals(200, reader.status());
            Thread.sleep(200); // both subscribed

            // more than the kernel buffers of a stalled connection hold (about 2 MB here), in
            // bursts smaller than a client's buffer, which the reading client keeps up with
            OrderPublisher publisher = kafka.publisher();
            CustomerName longName = new CustomerName("C".repeat(CustomerName.MAX_LENGTH));
            int received = 0;
            for (int burst = 0; burst < 80; burst++) {
                List<CompletableFuture<Void>> acks = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    Order order = Order.place(OrderId.random(), longName, Drink.of("Latte"), Instant.now());
                    acks.add(publisher.publish(new OrderPlaced(order), RequestId.generate()).toCompletableFuture());
                }
                CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
                for (int i = 0; i < 100; i++, received++) {
                    assertEquals("pending", next(reader).name(), "event " + received + " to the client that reads");
                }
            }

            stalled.setSoTimeout(10_000);
            assertTrue(endsWithin(stalled.getInputStream()), "the stalled client's stream was ended");
        }
    }

    /**
     * Whether the server ended the stream: the response's last chunk comes (what was sent
     * before the cut is read first), or the connection closes.
     */
    private static boolean endsWithin(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        String tail = "";
        try {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                tail = tail + new String(buffer, 0, read, StandardCharsets.ISO_8859_1);
                tail = tail.substring(Math.max(0, tail.length() - 16));
                if (tail.endsWith("\r\n0\r\n\r\n")) {
                    return true;
                }
            }
            return true;
        } catch (SocketException reset) {
            return true;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        }
    }

    @Test
    void streams_beyond_the_maximum_are_refused_with_503() throws Exception {
        settings.put("events.max_subscribers", "1");
        int port = producer();

        assertEquals(200, stream(port, "/orders/events").status());
        EventStreamClient refused = stream(port, "/orders/events?status=completed");
        assertEquals(503, refused.status());
        assertTrue(JSON.readTree(refused.body()).get("error").asText().contains("Too many event streams"));
    }

    @Test
    void coffee_watch_prints_each_change_and_ctrl_c_ends_it_cleanly() throws Exception {
        // no heartbeat while the test runs: a watch blocked on a quiet stream must still end at once
        settings.put("events.heartbeat_ms", "300000");
        int port = producer();
        Http api = new Http(port);
        CoffeeProcess watch = CoffeeProcess.start("watch", Map.of(), "watch", "--customer", "dee",
                "--url", "http://localhost:" + port);
        running.push(watch);
        // the watch follows changes from when its stream opens (its JVM takes a few seconds to
        // start): orders until it shows one
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (watch.output().stream().noneMatch(text -> text.contains("Mocha for Dee"))) {
            assertTrue(System.nanoTime() < deadline, "coffee watch printed no order: " + watch.output());
            api.placed("Dee", "Mocha");
            api.placed("Eve", "Mocha");
            Thread.sleep(500);
        }
        String line = watch.awaitLine(text -> text.contains("Mocha for Dee"), PATIENCE);
        assertTrue(line.contains("pending"), line);

        // A job started in the background by a shell without job control (a CI runner's `cmd &`)
        // starts with SIGINT ignored, and the JVM keeps it so: Ctrl+C cannot reach it there.
        // SIGTERM takes the same way out (the same shutdown hook), with its own exit code.
        boolean interruptIgnored = ignoresSigint(watch.pid());
        Process interrupt = new ProcessBuilder("kill", interruptIgnored ? "-TERM" : "-INT",
                Long.toString(watch.pid())).start();
        assertEquals(0, interrupt.waitFor());
        int exit = watch.awaitExit(Duration.ofSeconds(20));

        assertEquals(interruptIgnored ? 143 : 130, exit, "ended by Ctrl+C (SIGINT; SIGTERM where SIGINT is ignored), "
                + "as any command is: " + watch.output());
        assertTrue(watch.output().stream().noneMatch(text -> text.contains("Exception") || text.contains("Eve")),
                String.join("\n", watch.output()));
    }

    @Test
    void coffee_order_wait_follows_the_order_over_the_producers_event_stream() throws Exception {
        consumer();
        int port = producer();
        List<String> command = new ArrayList<>(List.of("order", "--drink", "latte", "--customer", "Kit", "--wait",
                "--timeout", "30", "--url", "http://localhost:" + port));
        settings.forEach((key, value) -> {
            if (key.startsWith("kafka.")) {
                // --wait can only learn the order's statuses from the stream: in Kafka it would follow a
                // status topic nobody writes to, and time out
                command.addAll(List.of("--set", key + "=" + (key.equals("kafka.status_topic") ? value + "-unused" : value)));
            }
        });

        CoffeeProcess order = CoffeeProcess.start("order-wait", Map.of(), command.toArray(String[]::new));
        running.push(order);

        assertEquals(0, order.awaitExit(PATIENCE), String.join("\n", order.output()));
        List<String> output = order.output();
        assertTrue(output.getFirst().matches("Order [0-9a-f-]{36} placed: Latte for Kit \\(pending\\)"), output.toString());
        List<String> statuses = output.subList(1, output.size()).stream().map(line -> line.split("  ")[1]).toList();
        assertEquals("pending", statuses.getFirst(), output.toString());
        assertEquals("completed", statuses.getLast(), output.toString());
        assertTrue(List.of("pending", "processing", "completed").containsAll(statuses) && statuses.equals(statuses.stream()
                .distinct().toList()), "each status once, forward: " + output);
    }

    /** Whether the process ignores SIGINT (signal 2), from the SigIgn mask of /proc/PID/status. */
    private static boolean ignoresSigint(long pid) throws java.io.IOException {
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseLong(line.substring("SigIgn:".length()).strip(), 16) & (1L << 1)) != 0;
            }
        }
        return false;
    }
}
