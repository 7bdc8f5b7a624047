package coffee.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * Steady order load for fault tests: each order has its own Idempotency-Key, and what became
 * of every key is recorded: accepted (with its order id), refused with 503, or no answer.
 */
final class OrderLoad implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final IntSupplier port;
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private final Thread pacer;
    private final AtomicInteger next = new AtomicInteger();
    private final String run = Long.toString(System.nanoTime(), 36);
    /** key -> order id, for every order answered 201 or 200. */
    final Map<String, String> accepted = new ConcurrentHashMap<>();
    /** keys answered 503: not confirmed, to be retried. */
    final Set<String> refused = ConcurrentHashMap.newKeySet();
    /** keys with no answer at all (connection refused or reset): not confirmed either. */
    final Set<String> unanswered = ConcurrentHashMap.newKeySet();
    /** keys answered with anything but 200, 201 or 503, with that status: none is expected. */
    final Map<String, Integer> unexpected = new ConcurrentHashMap<>();
    /** Every request answered 503: when it was sent and answered, and why. */
    private final Queue<Refusal> refusals = new ConcurrentLinkedQueue<>();
    private final AtomicLong slowestNanos = new AtomicLong();
    private volatile boolean running = true;

    /** Sends about {@code perSecond} orders a second to whatever port {@code port} names now. */
    OrderLoad(IntSupplier port, int perSecond) {
        this.port = port;
        long pauseNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
        this.pacer = Thread.ofPlatform().daemon().name("order-load").start(() -> {
            while (running) {
                String key = "load-" + run + "-" + next.incrementAndGet();
                senders.execute(() -> place(key));
                java.util.concurrent.locks.LockSupport.parkNanos(pauseNanos);
            }
        });
    }

    private void place(String key) {
        try {
            long sent = System.nanoTime();
            HttpResponse<String> response = send(key);
            long answered = System.nanoTime();
            slowestNanos.accumulateAndGet(answered - sent, Math::max);
            switch (response.statusCode()) {
                case 200, 201 -> accepted.put(key, JSON.readTree(response.body()).get("order").get("id").asText());
                case 503 -> {
                    refusals.add(new Refusal(sent, answered, reasonOf(response.body())));
                    refused.add(key);
                }
                default -> {
                    unexpected.put(key, response.statusCode());
                    throw new AssertionError("unexpected answer for " + key + ": " + response.statusCode()
                            + " " + response.body());
                }
            }
        } catch (IOException e) {
            unanswered.add(key);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A 503's error text with its numbers (partitions, milliseconds) left out, so alike ones count together. */
    private static String reasonOf(String body) {
        try {
            return JSON.readTree(body).path("error").asText("(no error text)").replaceAll("[0-9]+", "N");
        } catch (IOException e) {
            return "(not JSON)";
        }
    }

    private HttpResponse<String> send(String key) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.getAsInt() + "/order"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString("{\"customer_name\":\"Load Tester\",\"coffee_type\":\"Espresso\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Stops sending and waits for the answers still coming. */
    void stop() throws InterruptedException {
        running = false;
        pacer.join();
        senders.shutdown();
        if (!senders.awaitTermination(60, TimeUnit.SECONDS)) {
            throw new AssertionError("orders still unanswered after 60 s");
        }
    }

    /**
     * Retries every order that was not confirmed, with its own key, until each is accepted: a
     * retry is how a client learns what became of it.
     */
    void retryUnconfirmed(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        for (String key : List.copyOf(union(refused, unanswered))) {
            while (true) {
                try {
                    HttpResponse<String> response = send(key);
                    if (response.statusCode() == 200 || response.statusCode() == 201) {
                        JsonNode order = JSON.readTree(response.body()).get("order");
                        accepted.put(key, order.get("id").asText());
                        break;
                    }
                } catch (IOException e) {
                    // not up yet: try again below
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("order " + key + " still not accepted after retrying");
                }
                Thread.sleep(200);
            }
        }
    }

    int sent() {
        return next.get();
    }

    /** The longest any order of the load waited for its answer (retries after it not counted). */
    Duration slowestAnswer() {
        return Duration.ofNanos(slowestNanos.get());
    }

    /**
     * How long orders were refused: from sending the first order answered 503 to the last 503
     * answer; zero if none was refused.
     */
    Duration refusalWindow() {
        long[] span = refusalSpan();
        return Duration.ofNanos(span[1] - span[0]);
    }

    /** When the first refused order was sent and the last refusal answered (System.nanoTime); zeros if none. */
    long[] refusalSpan() {
        long first = refusals.stream().mapToLong(Refusal::sent).min().orElse(0);
        long last = refusals.stream().mapToLong(Refusal::answered).max().orElse(0);
        return new long[] {first, last};
    }

    /** Why orders were refused (each 503's error text, numbers left out), each reason with its refusals. */
    Map<String, RefusalsFor> refusalsByReason() {
        Map<String, RefusalsFor> byReason = new TreeMap<>();
        for (Refusal refusal : refusals) {
            byReason.merge(refusal.reason(), new RefusalsFor(1, refusal.sent(), refusal.sent()), RefusalsFor::and);
        }
        return byReason;
    }

    /** One request answered 503 (System.nanoTime). */
    private record Refusal(long sent, long answered, String reason) {
    }

    /** How many orders were refused for one reason, and when the first and the last of them were sent. */
    record RefusalsFor(int count, long firstSent, long lastSent) {

        RefusalsFor and(RefusalsFor other) {
            return new RefusalsFor(count + other.count, Math.min(firstSent, other.firstSent),
                    Math.max(lastSent, other.lastSent));
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = ConcurrentHashMap.newKeySet();
        all.addAll(a);
        all.addAll(b);
        return all;
    }

    @Override
    public void close() throws InterruptedException {
        if (running) {
            stop();
        }
    }
}
