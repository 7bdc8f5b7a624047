package coffee.domain;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The id of the request that caused an order event. It travels with the event (HTTP header,
 * then Kafka record header), so one order can be followed through every log.
 */
public record RequestId(String value) {

    public static final int MAX_LENGTH = 64;
    /** Safe to log and to echo in a header: no spaces, quotes or line breaks. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:@/+=-]{1," + MAX_LENGTH + "}");

    public RequestId {
        Objects.requireNonNull(value, "value");
        if (!isValid(value)) {
            throw new IllegalArgumentException("not a safe request id");
        }
    }

    public static boolean isValid(String candidate) {
        return candidate != null && SAFE.matcher(candidate).matches();
    }

    public static RequestId generate() {
        return new RequestId(UUID.randomUUID().toString());
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
