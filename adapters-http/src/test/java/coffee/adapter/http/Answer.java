package coffee.adapter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.ClientResponseHeaders;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1ClientResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A response of a routing test, read at once and closed: its status, headers and body. A
 * {@code HEAD} is read with {@link #headersOf}: its {@code Content-Length} is the length of the
 * body a {@code GET} would get, and the client would wait for that body forever.
 */
public record Answer(int status, ClientResponseHeaders headers, String body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Status, headers and body (empty when there is none). */
    public static Answer of(Http1ClientResponse response) {
        try (response) {
            String body = response.entity().hasEntity() ? response.as(String.class) : "";
            return new Answer(response.status().code(), response.headers(), body);
        }
    }

    /** Status and headers only: the answer to a {@code HEAD}. */
    public static Answer headersOf(Http1ClientResponse response) {
        try (response) {
            return new Answer(response.status().code(), response.headers(), "");
        }
    }

    /** The first value of a header; empty when it was not sent. */
    public Optional<String> header(String name) {
        return headers.first(HeaderNames.create(name));
    }

    public JsonNode json() {
        assertTrue(header("Content-Type").orElse("").startsWith("application/json"), "a JSON answer: " + this);
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + this, e);
        }
    }

    /**
     * The API's one error shape, {@code {"error": ..., "request_id": ...}}: the status, the
     * message and the request id, the same as the {@code X-Request-ID} header.
     */
    public JsonNode assertProblem(int expectedStatus, String expectedError) {
        JsonNode problem = assertProblem(expectedStatus);
        assertEquals(expectedError, problem.get("error").asText(), this::toString);
        return problem;
    }

    /** The error shape and the status, whatever the message says. */
    public JsonNode assertProblem(int expectedStatus) {
        assertEquals(expectedStatus, status, this::toString);
        JsonNode problem = json();
        assertNotNull(problem.get("error"), this::toString);
        assertNotNull(problem.get("request_id"), this::toString);
        assertEquals(header("X-Request-ID").orElseThrow(), problem.get("request_id").asText(), this::toString);
        return problem;
    }

    /**
     * For the answer to a {@code HEAD}: the status and the headers {@code get} had, with the
     * {@code Content-Length} of its body.
     */
    public void assertHeadOf(Answer get) {
        assertEquals(get.status, status, this::toString);
        assertEquals(get.header("Content-Type"), header("Content-Type"), this::toString);
        assertEquals(Optional.of(Integer.toString(get.body.getBytes(StandardCharsets.UTF_8).length)),
                header("Content-Length"), this::toString);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder().append(status);
        headers.forEach(header -> text.append("\n").append(header.name()).append(": ").append(header.values()));
        return text.append("\n\n").append(body).toString();
    }
}
