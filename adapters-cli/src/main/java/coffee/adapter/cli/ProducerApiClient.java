package coffee.adapter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** Reads the producer's HTTP API for the commands that show orders. */
final class ProducerApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final String baseUrl;

    private ProducerApiClient(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /**
     * A client of the producer at {@code url} ({@code --url}), checked before any request: a
     * URL that cannot name an HTTP server is the user's mistake, not the producer being away.
     *
     * @throws CommandFailedException (usage) for anything but an http:// or https:// URL with a host
     */
    static ProducerApiClient at(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw notAnHttpUrl(url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw notAnHttpUrl(url);
        }
        return new ProducerApiClient(url);
    }

    private static CommandFailedException notAnHttpUrl(String url) {
        return new CommandFailedException(ExitCodes.USAGE, "--url " + url + ": not an http:// or https:// URL");
    }

    /** GETs a path with query parameters (empty values left out) and returns the JSON answer. */
    JsonNode get(String path, Map<String, String> query) throws InterruptedException {
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri(path, query)).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException | IllegalArgumentException e) {
            throw unreachable(e);
        }
        JsonNode body = parse(response.body());
        failUnlessOk(response.statusCode(), body);
        return body;
    }

    /** One server-sent event: its id, its name and its data. */
    record StreamEvent(String id, String name, String data) {
    }

    /**
     * Follows an event stream ({@code text/event-stream}): hands each event to {@code onEvent}
     * as it comes, and returns when the server ends the stream, or once the stream {@code
     * opened} was given is closed (from another thread, to stop).
     *
     * @param lastEventId resume after this event (sent as {@code Last-Event-ID})
     * @param opened told of the open stream: closing it stops the following
     */
    void follow(String path, Map<String, String> query, Optional<String> lastEventId,
            Consumer<StreamEvent> onEvent, Consumer<AutoCloseable> opened) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path, query)).GET()
                .header("Accept", "text/event-stream");
        lastEventId.ifPresent(id -> request.header("Last-Event-ID", id));
        HttpResponse<Stream<String>> response;
        try {
            // no request timeout: a stream is meant to stay open; the producer's heartbeats keep it alive
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
        } catch (IOException | IllegalArgumentException e) {
            throw unreachable(e);
        }
        try (Stream<String> lines = response.body()) {
            if (response.statusCode() != 200) {
                failUnlessOk(response.statusCode(), parse(String.join("\n", lines.toList())));
                throw new CommandFailedException(ExitCodes.FAILED, "the producer answered " + response.statusCode()
                        + " instead of an event stream");
            }
            opened.accept(lines::close);
            readEvents(lines, onEvent);
        } catch (UncheckedIOException closed) {
            // the connection ended: stopped here, or the producer went away
        }
    }

    private static void readEvents(Stream<String> lines, Consumer<StreamEvent> onEvent) {
        String id = "";
        String name = "";
        StringBuilder data = new StringBuilder();
        for (String line : (Iterable<String>) lines::iterator) {
            if (line.isEmpty()) {
                if (!data.isEmpty()) {
                    onEvent.accept(new StreamEvent(id, name, data.toString()));
                }
                name = "";
                data.setLength(0);
                continue;
            }
            if (line.startsWith(":")) {
                continue; // a comment: the heartbeat
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            value = value.startsWith(" ") ? value.substring(1) : value;
            switch (field) {
                case "id" -> id = value;
                case "event" -> name = value;
                case "data" -> data.append(data.isEmpty() ? "" : "\n").append(value);
                default -> {
                    // retry and unknown fields: nothing to do
                }
            }
        }
    }

    private URI uri(String path, Map<String, String> query) {
        StringJoiner parameters = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((name, value) -> {
            if (value != null && !value.isEmpty()) {
                parameters.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        try {
            return URI.create(baseUrl + path + parameters);
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException(ExitCodes.USAGE, "not a valid URL: " + baseUrl);
        }
    }

    private CommandFailedException unreachable(Exception e) {
        if (e instanceof ConnectException) {
            return new CommandFailedException(ExitCodes.UNAVAILABLE, "cannot reach the producer at " + baseUrl
                    + " (connection refused); is `coffee serve` running? Use --url to point elsewhere", e);
        }
        if (e instanceof HttpTimeoutException) {
            return new CommandFailedException(ExitCodes.UNAVAILABLE, "the producer at " + baseUrl
                    + " did not answer within " + TIMEOUT.toSeconds() + " s", e);
        }
        return new CommandFailedException(ExitCodes.UNAVAILABLE, "cannot reach the producer at " + baseUrl + ": "
                + e.getMessage(), e);
    }

    private static void failUnlessOk(int status, JsonNode body) {
        if (status == 404) {
            throw new CommandFailedException(ExitCodes.NOT_FOUND, errorOf(body, "not found"));
        }
        if (status == 400) {
            // the API checks what the CLI does not (or not yet): still the user's request that is wrong
            throw new CommandFailedException(ExitCodes.USAGE, "the producer refused the request (400): "
                    + errorOf(body, "no details"));
        }
        if (status >= 400) {
            throw new CommandFailedException(status == 503 ? ExitCodes.UNAVAILABLE : ExitCodes.FAILED,
                    "the producer answered " + status + ": " + errorOf(body, "no details"));
        }
    }

    private JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new CommandFailedException(ExitCodes.FAILED, "the server at " + baseUrl
                    + " did not answer with JSON; is it the coffee producer?", e);
        }
    }

    private static String errorOf(JsonNode body, String fallback) {
        JsonNode error = body == null ? null : body.get("error");
        return error == null ? fallback : error.asText();
    }

    static String pretty(JsonNode node) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (IOException e) {
            throw new IllegalStateException("a parsed tree always serializes", e);
        }
    }
}
