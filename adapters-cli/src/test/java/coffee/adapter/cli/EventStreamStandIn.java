package coffee.adapter.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A stand-in for the producer's event streams, for the commands that follow them: answers each
 * connection as the test scripts it, and keeps what the client asked (as the test describes a
 * request) and the {@code Last-Event-ID} it resumed from.
 */
final class EventStreamStandIn implements AutoCloseable {

    /** What the stand-in does with connection number n (from 0). */
    @FunctionalInterface
    interface Script {
        void answer(int connection, HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final Queue<String> requests = new ConcurrentLinkedQueue<>();
    private final Queue<String> lastEventIds = new ConcurrentLinkedQueue<>();
    private final AtomicInteger connections = new AtomicInteger();
    /** Released on close: a stream the stand-in holds open ends. */
    private final CountDownLatch release = new CountDownLatch(1);

    private EventStreamStandIn(String path, Function<HttpExchange, String> describe, Script script)
            throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext(path, exchange -> {
            requests.add(describe.apply(exchange));
            String lastEventId = exchange.getRequestHeaders().getFirst("Last-Event-ID");
            lastEventIds.add(lastEventId == null ? "(none)" : lastEventId);
            script.answer(connections.getAndIncrement(), exchange);
        });
        server.start();
    }

    /** Serves the paths under {@code path}; {@code describe} says how a request is kept for {@link #requests()}. */
    static EventStreamStandIn start(String path, Function<HttpExchange, String> describe, Script script)
            throws IOException {
        return new EventStreamStandIn(path, describe, script);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<String> requests() {
        return List.copyOf(requests);
    }

    /** The {@code Last-Event-ID} of each connection, {@code (none)} where it sent none. */
    List<String> lastEventIds() {
        return List.copyOf(lastEventIds);
    }

    int connections() {
        return connections.get();
    }

    /** Answers {@code 200} as an event stream and sends these events at once. */
    static void openStream(HttpExchange exchange, String... events) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        send(exchange, String.join("", events));
    }

    static void send(HttpExchange exchange, String text) throws IOException {
        OutputStream body = exchange.getResponseBody();
        body.write(text.getBytes(StandardCharsets.UTF_8));
        body.flush();
    }

    /** Keeps the stream open until the stand-in is closed (30 s at most), then ends it. */
    void holdOpen(HttpExchange exchange) {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        exchange.close();
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
