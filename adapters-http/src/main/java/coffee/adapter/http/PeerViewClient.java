package coffee.adapter.http;

import coffee.adapter.http.support.Json;
import coffee.application.port.out.OrderViewUnavailableException;
import coffee.domain.Order;
import coffee.domain.OrderId;
import coffee.domain.OrderQuery;
import coffee.domain.OrderStatus;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.Semaphore;

/**
 * Asks another producer instance what its part of the view holds, through its {@code
 * /internal/view} routes ({@link OrderHttpService#peerQueries}): the other half of the
 * conversation this adapter answers.
 *
 * <p>An instance that cannot be reached, or answers with something that is not an answer,
 * is an {@link UncheckedIOException}; one that answers {@code 503} (its own part is moving) an
 * {@link OrderViewUnavailableException}.
 *
 * <p>The questions in flight at once are bounded: when the other instances answer more slowly
 * than reads come in, a question beyond the bound is an {@link OrderViewUnavailableException}
 * (a {@code 503} with {@code Retry-After}) at once, instead of a queue that grows until the heap
 * is gone. Blocking reads, which hold their question for their whole wait, have a bound of
 * their own, so they never starve plain reads.
 */
public final class PeerViewClient {

    /** Beyond a blocking read's own wait: how long the answer may take to travel. */
    private static final Duration MARGIN = Duration.ofSeconds(2);
    /** Plain questions (an order, a listing) in flight at once: Helidon's connection cache per instance. */
    static final int QUESTIONS_IN_FLIGHT = 256;
    /** Blocking reads forwarded at once; each holds a connection (and a virtual thread) while it waits. */
    static final int WAITS_IN_FLIGHT = 1024;

    private final WebClient http;
    private final Duration timeout;
    private final Semaphore questions;
    private final Semaphore waits;

    /** @param timeout how long a plain question may take to be answered */
    public PeerViewClient(Duration timeout) {
        this(timeout, QUESTIONS_IN_FLIGHT, WAITS_IN_FLIGHT);
    }

    PeerViewClient(Duration timeout, int questionsInFlight, int waitsInFlight) {
        this.timeout = timeout;
        this.questions = new Semaphore(questionsInFlight);
        this.waits = new Semaphore(waitsInFlight);
        // Helidon's blocking client runs in the caller's (virtual) thread and reuses connections
        this.http = WebClient.builder().connectTimeout(timeout).readTimeout(timeout).followRedirects(false)
                .connectionCacheSize(questionsInFlight).build();
    }

    /** @param peer {@code host:port} of the instance's API */
    public Optional<Order> find(String peer, OrderId id) {
        return get(peer, "/internal/view/order/" + id, timeout, questions).map(json -> read(peer, json, OrderJson::read));
    }

    public List<Order> list(String peer, OrderQuery query) {
        StringJoiner parameters = new StringJoiner("&", "?", "");
        parameters.add("limit=" + query.limit());
        query.status().ifPresent(status -> parameters.add("status=" + status.wireName()));
        query.customer().ifPresent(customer -> parameters.add("customer="
                + URLEncoder.encode(customer.value(), StandardCharsets.UTF_8)));
        return get(peer, "/internal/view/orders" + parameters, timeout, questions).map(json -> read(peer, json, OrderJson::readList))
                .orElse(List.of());
    }

    public Optional<Order> awaitStatus(String peer, OrderId id, OrderStatus wanted, Duration wait) {
        return get(peer, "/internal/view/order/" + id + "?wait_for=" + wanted.wireName() + "&timeout="
                + wait.toMillis() + "ms", wait.plus(MARGIN), waits).map(json -> read(peer, json, OrderJson::read));
    }

    private static <T> T read(String peer, JsonNode json, java.util.function.Function<JsonNode, T> reader) {
        try {
            return reader.apply(json);
        } catch (RuntimeException e) {
            throw new UncheckedIOException(new IOException("instance " + peer + " answered something unreadable: "
                    + e.getMessage(), e));
        }
    }

    private Optional<JsonNode> get(String peer, String pathAndQuery, Duration answerWithin, Semaphore inFlight) {
        if (!inFlight.tryAcquire()) {
            throw new OrderViewUnavailableException("too many reads are waiting for other instances of the view; "
                    + "retry shortly");
        }
        try {
            return answer(peer, ask(peer, pathAndQuery, answerWithin));
        } finally {
            inFlight.release();
        }
    }

    private record Response(int statusCode, byte[] body) {
    }

    private Response ask(String peer, String pathAndQuery, Duration answerWithin) {
        URI uri = URI.create("http://" + peer + pathAndQuery);
        try (HttpClientResponse response = http.get().uri(uri).readTimeout(answerWithin).request()) {
            return new Response(response.status().code(), response.entity().as(byte[].class));
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("instance " + peer + " cannot be reached: " + e.getCause(), e.getCause());
        } catch (IllegalStateException e) {
            // "Connection cache is closed": Helidon's shutdown closed the client under a read
            throw new OrderViewUnavailableException("cannot ask instance " + peer + ": " + e.getMessage(), e);
        }
    }

    private static Optional<JsonNode> answer(String peer, Response response) {
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        JsonNode body;
        try {
            body = Json.parse(response.body());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("instance " + peer + " answered " + response.statusCode()
                    + " with something that is not JSON", e);
        }
        if (response.statusCode() == 503) {
            throw new OrderViewUnavailableException("instance " + peer + " cannot answer now: "
                    + body.path("error").asText());
        }
        if (response.statusCode() != 200) {
            throw new UncheckedIOException(new IOException("instance " + peer + " answered " + response.statusCode()
                    + ": " + body.path("error").asText()));
        }
        return Optional.of(body);
    }
}
