package coffee.domain;

import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The id of the request that caused an order event. It travels with the event (HTTP header,
 * then Kafka record header), so one order can be followed through every log.
 */
public record RequestId(String value) {

    public static final int MAX_LENGTH = 64;

    public RequestId {
        Objects.requireNonNull(value, "value");
        if (!isValid(value)) {
            throw new IllegalArgumentException("not a safe request id");
        }
    }

    /**
     * Safe to log and to echo in a header: 1 to 64 of {@code A-Z a-z 0-9 . _ : @ / + = -}, so no
     * spaces, quotes or line breaks. Checked on every request, so by hand rather than by regex.
     */
    public static boolean isValid(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '@' || c == '/' || c == '+' || c == '=' || c == '-';
            if (!safe) {
                return false;
            }
        }
        return true;
    }

    /**
     * A fresh random id in UUID form. A request id only has to be unique, not unguessable, so it
     * comes from a fast generator rather than the system's secure one.
     */
    public static RequestId generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new RequestId(new UUID(high, low).toString());
    }

    /** Keeps a valid incoming id; replaces anything else with a fresh one. */
    public static RequestId reuseOrGenerate(String candidate) {
        return isValid(candidate) ? new RequestId(candidate) : generate();
    }

    @Override
    public String toString() {
        return value;
    }
}
