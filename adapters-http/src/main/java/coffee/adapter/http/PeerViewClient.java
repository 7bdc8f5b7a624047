package coffee.adapter.http;

import coffee.adapter.http.support.Json;
import coffee.application.port.out.OrderViewUnavailableException;
import coffee.domain.Order;
import coffee.domain.OrderId;
import coffee.domain.OrderQuery;
import coffee.domain.OrderStatus;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Asks another producer instance what its part of the view holds, through its {@code
 * /internal/view} routes ({@link OrderHttpService#peerQueries}): the other half of the
 * conversation this adapter answers.
 *
 * <p>An instance that cannot be reached, or answers with something that is not an answer,
 * is an {@link UncheckedIOException}; one that answers {@code 503} (its own part is moving) an
 * {@link OrderViewUnavailableException}.
 */
public final class PeerViewClient {

    /** Beyond a blocking read's own wait: how long the answer may take to travel. */
    private static final Duration MARGIN = Duration.ofSeconds(2);

    private final HttpClient http;
    private final Duration timeout;

    /** @param timeout how long a plain question may take to be answered */
    public PeerViewClient(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** @param peer {@code host:port} of the instance's API */
    public Optional<Order> find(String peer, OrderId id) {
        return get(peer, "/internal/view/order/" + id, timeout).map(json -> read(peer, json, OrderJson::read));
    }

    public List<Order> list(String peer, OrderQuery query) {
        StringJoiner parameters = new StringJoiner("&", "?", "");
        parameters.add("limit=" + query.limit());
        query.status().ifPresent(status -> parameters.add("status=" + status.wireName()));
        query.customer().ifPresent(customer -> parameters.add("customer="
                + URLEncoder.encode(customer.value(), StandardCharsets.UTF_8)));
        return get(peer, "/internal/view/orders" + parameters, timeout).map(json -> read(peer, json, OrderJson::readList))
                .orElse(List.of());
    }

    public Optional<Order> awaitStatus(String peer, OrderId id, OrderStatus wanted, Duration wait) {
        return get(peer, "/internal/view/order/" + id + "?wait_for=" + wanted.wireName() + "&timeout="
                + wait.toMillis() + "ms", wait.plus(MARGIN)).map(json -> read(peer, json, OrderJson::read));
    }

    private static <T> T read(String peer, JsonNode json, java.util.function.Function<JsonNode, T> reader) {
        try {
            return reader.apply(json);
        } catch (RuntimeException e) {
            throw new UncheckedIOException(new IOException("instance " + peer + " answered something unreadable: "
                    + e.getMessage(), e));
        }
    }

    private Optional<JsonNode> get(String peer, String pathAndQuery, Duration answerWithin) {
        URI uri = URI.create("http://" + peer + pathAndQuery);
        HttpResponse<byte[]> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(answerWithin).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("instance " + peer + " cannot be reached: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrderViewUnavailableException("interrupted while asking instance " + peer, e);
        }
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
