package coffee.adapter.cli.load;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntUnaryOperator;

/**
 * A stand-in for the producer's {@code POST /order} on the JDK's HTTP server: answers {@code
 * 201} with a new order, or whatever status the test asks for, optionally slowly. Keeps what it
 * received for assertions.
 */
public final class FakeProducer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger requests = new AtomicInteger();
    public final Queue<UUID> accepted = new ConcurrentLinkedQueue<>();
    public final Queue<String> requestLines = new ConcurrentLinkedQueue<>();
    public final Queue<Headers> requestHeaders = new ConcurrentLinkedQueue<>();
    public final Queue<String> bodies = new ConcurrentLinkedQueue<>();
    private volatile IntUnaryOperator statusOfRequest = number -> 201;
    private volatile long answerAfterMillis;
    private volatile Consumer<UUID> whenAccepted = id -> { };
    private volatile CountDownLatch together = new CountDownLatch(0);
    private volatile boolean heldInVain;

    private FakeProducer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1000);
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
    }

    public static FakeProducer start() {
        try {
            FakeProducer producer = new FakeProducer();
            producer.server.start();
            return producer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers request number n (from 0) with {@code status.applyAsInt(n)}. */
    public FakeProducer answering(IntUnaryOperator status) {
        this.statusOfRequest = status;
        return this;
    }

    /** Holds each answer back this long: a server that takes its time, one request at a time per connection. */
    public FakeProducer takingMillis(long millis) {
        this.answerAfterMillis = millis;
        return this;
    }

    /**
     * Holds every answer back until {@code requests} requests have arrived (10 s at most): only
     * a client with that many in flight at once gets its answers without the wait.
     */
    public FakeProducer holdingUntil(int requests) {
        this.together = new CountDownLatch(requests);
        return this;
    }

    /** Whether an answer {@link #holdingUntil held back} gave up waiting for the others. */
    public boolean heldInVain() {
        return heldInVain;
    }

    /** Called with each order answered {@code 201}, after the answer went out. */
    public FakeProducer whenAccepted(Consumer<UUID> action) {
        this.whenAccepted = action;
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int number = requests.getAndIncrement();
        requestLines.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
        requestHeaders.add(exchange.getRequestHeaders());
        bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        together.countDown();
        try {
            if (!together.await(10, TimeUnit.SECONDS)) {
                heldInVain = true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (answerAfterMillis > 0) {
            try {
                Thread.sleep(answerAfterMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int status = statusOfRequest.applyAsInt(number);
        UUID id = UUID.randomUUID();
        String body = status == 201
                ? "{\"success\":true,\"message\":\"Order placed\",\"order\":{\"id\":\"" + id
                        + "\",\"customer_name\":\"Load Tester\",\"coffee_type\":\"Latte\",\"status\":\"pending\"}}"
                : "{\"error\":\"no\",\"request_id\":\"r-" + number + "\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (status == 201) {
            // noted before the answer goes out: a test that reads it once its client has every
            // answer must not race this thread
            accepted.add(id);
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
        if (status == 201) {
            whenAccepted.accept(id);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.close();
    }
}
