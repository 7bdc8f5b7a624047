package coffee.adapter.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How the server-sent event streams run ({@code GET /order/{id}/events}, {@code GET
 * /orders/events}).
 *
 * @param heartbeat how often a quiet stream gets a comment, so proxies keep it open
 * @param subscriberBuffer changes held for one client that has not taken them yet; a client
 *     that falls further behind is cut off (it resumes with its last event id)
 * @param maxSubscribers streams open at once on this server; more are refused with {@code 503}
 */
public record EventStreamSettings(Duration heartbeat, int subscriberBuffer, int maxSubscribers) {

    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);
    public static final int DEFAULT_SUBSCRIBER_BUFFER = 256;
    public static final int DEFAULT_MAX_SUBSCRIBERS = 10_000;

    public EventStreamSettings {
        Objects.requireNonNull(heartbeat, "heartbeat");
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("heartbeat must be positive, was " + heartbeat);
        }
        if (subscriberBuffer < 1) {
            throw new IllegalArgumentException("subscriberBuffer must be positive, was " + subscriberBuffer);
        }
        if (maxSubscribers < 0) {
            throw new IllegalArgumentException("maxSubscribers must not be negative, was " + maxSubscribers);
        }
    }

    public static EventStreamSettings defaults() {
        return new EventStreamSettings(DEFAULT_HEARTBEAT, DEFAULT_SUBSCRIBER_BUFFER, DEFAULT_MAX_SUBSCRIBERS);
    }
}
