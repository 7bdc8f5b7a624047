package coffee.adapter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
import java.util.StringJoiner;

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
        StringJoiner parameters = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((name, value) -> {
            if (value != null && !value.isEmpty()) {
                parameters.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        URI uri;
        try {
            uri = URI.create(baseUrl + path + parameters);
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException(ExitCodes.USAGE, "not a valid URL: " + baseUrl);
        }
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new CommandFailedException(ExitCodes.UNAVAILABLE, "cannot reach the producer at " + baseUrl
                    + " (connection refused); is `coffee serve` running? Use --url to point elsewhere", e);
        } catch (HttpTimeoutException e) {
            throw new CommandFailedException(ExitCodes.UNAVAILABLE, "the producer at " + baseUrl + " did not answer within "
                    + TIMEOUT.toSeconds() + " s", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new CommandFailedException(ExitCodes.UNAVAILABLE, "cannot reach the producer at " + baseUrl + ": "
                    + e.getMessage(), e);
        }
        JsonNode body = parse(response);
        if (response.statusCode() == 404) {
            throw new CommandFailedException(ExitCodes.NOT_FOUND, errorOf(body, "not found"));
        }
        if (response.statusCode() == 400) {
            // the API checks what the CLI does not (or not yet): still the user's request that is wrong
            throw new CommandFailedException(ExitCodes.USAGE, "the producer refused the request (400): "
                    + errorOf(body, "no details"));
        }
        if (response.statusCode() >= 400) {
            throw new CommandFailedException(response.statusCode() == 503 ? ExitCodes.UNAVAILABLE : ExitCodes.FAILED,
                    "the producer answered " + response.statusCode() + ": " + errorOf(body, "no details"));
        }
        return body;
    }

    private JsonNode parse(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
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
