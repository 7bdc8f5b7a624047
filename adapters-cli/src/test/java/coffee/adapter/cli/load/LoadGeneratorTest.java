package coffee.adapter.cli.load;

import static coffee.domain.OrderTestData.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coffee.domain.OrderId;
import coffee.domain.OrderStatusChanged;
import coffee.domain.OrderTestData;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The generator against a real local HTTP server. Assertions are about accounting, never about
 * speed; where time matters, only lower bounds a server's pauses guarantee are checked.
 */
class LoadGeneratorTest {

    private final FakeProducer producer = FakeProducer.start();

    @AfterEach
    void stop() {
        producer.close();
    }

    /** The driver under test; {@link EventLoopLoadDriverTest} runs the same tests on its own. */
    LoadDriver generatorFor(String url, int connections) {
        URI uri = URI.create(url);
        return new LoadGenerator(new InetSocketAddress(uri.getHost(), uri.getPort()),
                LoadTarget.parse(url).orderRequest("Load Tester", "Latte", null), connections,
                LoadGenerator.Threads.PLATFORM);
    }

    private static long millis(long micros) {
        return TimeUnit.MICROSECONDS.toMillis(micros);
    }

    @Test
    void every_request_sent_is_answered_or_counted_as_an_error() throws IOException {
        producer.answering(request -> request % 3 == 2 ? 503 : 201);
        LoadStats stats = new LoadStats();
        try (LoadDriver generator = generatorFor(producer.url(), 4)) {
            generator.connectAll();
            generator.run(LoadSchedule.closedLoopOf(System.nanoTime(), 30), stats, null);
        }

        assertEquals(30, stats.sentCount());
        assertEquals(30, producer.requests());
        assertEquals(20, stats.succeededCount());
        assertEquals(Map.of("503", 10L), stats.errors());
        assertEquals(10, stats.errorCount());
        assertEquals(30, stats.latencies().getTotalCount(), "every answer has a latency, errors too");
    }

    @Test
    void open_loop_latency_includes_the_time_requests_queued_behind_a_slow_server() {
        // one connection, a server taking 50 ms per answer, orders due every 5 ms: order i cannot be
        // answered before (i + 1) * 50 ms, though it was due at i * 5 ms, so it waited at least 50 + 45 i ms
        producer.takingMillis(50);
        LoadStats open = new LoadStats();
        try (LoadDriver generator = generatorFor(producer.url(), 1)) {
            generator.run(LoadSchedule.openLoopOf(System.nanoTime(), 20, 200), open, null);
        }

        Histogram latencies = open.latencies();
        assertEquals(20, latencies.getTotalCount());
        assertTrue(millis(latencies.getMaxValue()) >= 50 + 45 * 19, "max " + millis(latencies.getMaxValue()) + " ms");
        assertTrue(millis(latencies.getValueAtPercentile(50)) >= 50 + 45 * 9,
                "p50 " + millis(latencies.getValueAtPercentile(50)) + " ms");
    }

    @Test
    void closed_loop_latency_counts_from_the_actual_send() {
        producer.takingMillis(50);
        LoadStats closed = new LoadStats();
        long start = System.nanoTime();
        try (LoadDriver generator = generatorFor(producer.url(), 1)) {
            generator.run(LoadSchedule.closedLoopOf(start, 5), closed, null);
        }
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        Histogram latencies = closed.latencies();
        assertEquals(5, latencies.getTotalCount());
        assertTrue(millis(latencies.getMinValue()) >= 50, "min " + millis(latencies.getMinValue()) + " ms");
        // the five answers came one after another, so together they took no longer than the run
        assertTrue(millis(Math.round(latencies.getMean() * 5)) <= elapsedMillis + 5,
                "sum of latencies " + latencies.getMean() * 5 / 1000 + " ms in a run of " + elapsedMillis + " ms");
    }

    @Test
    void virtual_threads_drive_the_connections_just_as_well() {
        LoadStats stats = new LoadStats();
        try (LoadGenerator generator = new LoadGenerator(new InetSocketAddress("127.0.0.1", URI.create(producer.url()).getPort()),
                LoadTarget.parse(producer.url()).orderRequest("Load Tester", "Latte", null), 4,
                LoadGenerator.Threads.VIRTUAL)) {
            generator.run(LoadSchedule.closedLoopOf(System.nanoTime(), 40), stats, null);
        }

        assertEquals(40, stats.succeededCount());
        assertEquals(40, producer.requests());
    }

    @Test
    void a_server_that_is_not_there_shows_as_connection_errors() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        LoadStats stats = new LoadStats();
        try (LoadDriver generator = generatorFor("http://127.0.0.1:" + closedPort, 2)) {
            generator.run(LoadSchedule.closedLoopOf(System.nanoTime(), 4), stats, null);
        }

        assertEquals(4, stats.sentCount());
        assertEquals(0, stats.succeededCount());
        assertEquals(Map.of("connection", 4L), stats.errors());
    }

    @Test
    void the_tracker_hears_of_every_accepted_order_and_measures_it_to_completed() {
        EndToEndTracker tracker = new EndToEndTracker();
        LoadStats stats = new LoadStats();
        try (LoadDriver generator = generatorFor(producer.url(), 3)) {
            generator.run(LoadSchedule.closedLoopOf(System.nanoTime(), 12), stats, tracker);
        }
        assertEquals(12, tracker.acceptedCount());

        OrderTestData someoneElses = OrderTestData.anOrder();
        tracker.project(new OrderStatusChanged(someoneElses.build().startBrewing(T0).complete(T0)));
        for (UUID id : producer.accepted) {
            var order = OrderTestData.anOrder().withId(new OrderId(id)).build().startBrewing(T0);
            tracker.project(new OrderStatusChanged(order));
            tracker.project(new OrderStatusChanged(order.complete(T0)));
            tracker.project(new OrderStatusChanged(order.complete(T0))); // delivered twice: counted once
        }

        assertEquals(12, tracker.completedCount());
        assertEquals(12, tracker.latencies().getTotalCount());
    }
}
