package coffee.adapter.http.support;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP dates as HTTP says: IMF-fixdate, {@code Tue, 01 Dec 2026 09:05:03 GMT} (RFC 9110 5.6.7).
 * Helidon 4.5 writes its {@code Date} and the static files' {@code Last-Modified} with Java's
 * {@code RFC_1123_DATE_TIME}, which gives a one-digit day ({@code Tue, 1 Dec 2026}) and, on a
 * machine whose time zone is not UTC, an offset instead of {@code GMT}.
 */
public final class HttpDates {

    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** The current second, formatted once per second rather than once per request. */
    private static volatile Second current = new Second(Long.MIN_VALUE, "");

    private record Second(long epochSecond, String text) {
    }

    private HttpDates() {
    }

    public static String format(Instant instant) {
        return IMF_FIXDATE.format(instant);
    }

    /** Now, as a {@code Date} header says it. */
    public static String now() {
        long epochSecond = System.currentTimeMillis() / 1000;
        Second second = current;
        if (second.epochSecond() != epochSecond) {
            second = new Second(epochSecond, format(Instant.ofEpochSecond(epochSecond)));
            current = second;
        }
        return second.text();
    }

    /**
     * A date as a client sends it: IMF-fixdate, or the obsolete RFC 850 and asctime forms a
     * server must still read (Helidon's reader handles all three); empty for anything else,
     * which a conditional request then ignores, as HTTP says.
     */
    public static Optional<Instant> parse(String text) {
        try {
            return Optional.of(io.helidon.http.DateTime.parse(text).toInstant());
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
