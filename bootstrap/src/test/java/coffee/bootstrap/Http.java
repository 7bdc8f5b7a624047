package coffee.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain HTTP client for the end-to-end tests. */
final class Http {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** An answer: its status and its body, parsed when it is JSON. */
    record Answer(int status, String body, HttpResponse<String> raw) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    Answer send(String method, String path, String contentType, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Answer get(String path) {
        return send("GET", path, null, null);
    }

    Answer post(String path) {
        return send("POST", path, null, null);
    }

    Answer placeOrder(String customer, String drink, String... headers) {
        return send("POST", "/order", "application/json",
                "{\"customer_name\":\"" + customer + "\",\"coffee_type\":\"" + drink + "\"}", headers);
    }

    /** Places an order that must be accepted and returns its id. */
    String placed(String customer, String drink) {
        Answer answer = placeOrder(customer, drink);
        if (answer.status() != 201) {
            throw new AssertionError("expected 201, got " + answer);
        }
        return answer.json().get("order").get("id").asText();
    }

    String statusOf(String id) {
        return get("/order/" + id).json().get("status").asText();
    }

    /** Polls the order until it has {@code wanted} status. */
    void awaitStatus(String id, String wanted, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        String status = null;
        while (System.nanoTime() < deadline) {
            status = statusOf(id);
            if (status.equals(wanted)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("order " + id + " is " + status + ", never " + wanted);
    }
}
