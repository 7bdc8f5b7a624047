package coffee.adapter.http;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the HTTP server runs.
 *
 * @param host the address to listen on ({@code 0.0.0.0} for all)
 * @param port the port; 0 picks a free one
 * @param maxBodyBytes request bodies larger than this are refused with {@code 413}
 * @param corsAllowedOrigins origins browsers may call from; {@code *} for any
 * @param shutdownGrace how long a stopping server lets requests in flight finish
 * @param apiKey when present, requests that change something must carry it as a bearer token
 * @param eventStreams how the server-sent event streams run
 * @param maxConnections connections open at once; more wait in the kernel's accept queue. Each
 *     open connection holds heap (its virtual thread and buffers, ~32 KB for an event stream):
 *     unbounded, a flood of connections ran the producer out of memory
 */
public record HttpSettings(String host, int port, int maxBodyBytes, List<String> corsAllowedOrigins,
        Duration shutdownGrace, Optional<String> apiKey, EventStreamSettings eventStreams, int maxConnections) {

    public static final int DEFAULT_PORT = 3000;
    public static final int DEFAULT_MAX_BODY_BYTES = 16 * 1024;
    public static final int DEFAULT_MAX_CONNECTIONS = 4000;

    public HttpSettings {
        Objects.requireNonNull(host, "host");
        corsAllowedOrigins = List.copyOf(corsAllowedOrigins);
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(eventStreams, "eventStreams");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive, was " + maxBodyBytes);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be positive, was " + maxConnections);
        }
    }

    /** With the event streams' defaults. */
    public HttpSettings(String host, int port, int maxBodyBytes, List<String> corsAllowedOrigins,
            Duration shutdownGrace, Optional<String> apiKey) {
        this(host, port, maxBodyBytes, corsAllowedOrigins, shutdownGrace, apiKey, EventStreamSettings.defaults(),
                DEFAULT_MAX_CONNECTIONS);
    }

    public static HttpSettings defaults() {
        return new HttpSettings("0.0.0.0", DEFAULT_PORT, DEFAULT_MAX_BODY_BYTES, List.of("*"), Duration.ofSeconds(10),
                Optional.empty());
    }

    public HttpSettings withPort(int value) {
        return new HttpSettings(host, value, maxBodyBytes, corsAllowedOrigins, shutdownGrace, apiKey, eventStreams, maxConnections);
    }

    public HttpSettings withCorsAllowedOrigins(List<String> value) {
        return new HttpSettings(host, port, maxBodyBytes, value, shutdownGrace, apiKey, eventStreams, maxConnections);
    }

    public HttpSettings withApiKey(String value) {
        return new HttpSettings(host, port, maxBodyBytes, corsAllowedOrigins, shutdownGrace, Optional.of(value),
                eventStreams, maxConnections);
    }

    public HttpSettings withEventStreams(EventStreamSettings value) {
        return new HttpSettings(host, port, maxBodyBytes, corsAllowedOrigins, shutdownGrace, apiKey, value,
                maxConnections);
    }

    public HttpSettings withMaxConnections(int value) {
        return new HttpSettings(host, port, maxBodyBytes, corsAllowedOrigins, shutdownGrace, apiKey, eventStreams,
                value);
    }

    /** The key itself never appears in logs or error messages. */
    @Override
    public String toString() {
        return "HttpSettings[host=" + host + ", port=" + port + ", maxBodyBytes=" + maxBodyBytes
                + ", corsAllowedOrigins=" + corsAllowedOrigins + ", apiKey=" + (apiKey.isPresent() ? "(set)" : "(none)")
                + ", eventStreams=" + eventStreams + ", maxConnections=" + maxConnections + "]";
    }
}
