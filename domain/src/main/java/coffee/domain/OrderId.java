package coffee.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Identifies one order for its whole life; also the Kafka record key, so all of an order's
 * events land on one partition, in order.
 */
public record OrderId(UUID value) {

    private static final SecureRandom IDS = drbg();
    /** Namespace for ids derived from idempotency keys (an arbitrary but fixed UUID). */
    private static final UUID IDEMPOTENCY_NAMESPACE = UUID.fromString("6f1c3b52-2d1e-4d8a-9a64-0c2b9e7f3a10");

    public OrderId {
        Objects.requireNonNull(value, "value");
    }

    /**
     * A random id. Whoever knows an order's id may cancel it, so ids must not be guessable: they
     * come from a secure generator, the in-process DRBG (no system call per id, unlike
     * {@code UUID.randomUUID()}).
     */
    public static OrderId random() {
        byte[] bytes = new byte[16];
        IDS.nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (bytes[i] & 0xff);
            low = (low << 8) | (bytes[i + 8] & 0xff);
        }
        return new OrderId(new UUID(high, low));
    }

    /**
     * The id an order placed with this key always gets. A retry then maps to the same order
     * on any producer instance, even after a timeout whose outcome was unknown.
     */
    public static OrderId derivedFrom(IdempotencyKey key) {
        return new OrderId(nameBasedUuid(IDEMPOTENCY_NAMESPACE, key.value()));
    }

    /**
     * Parses the canonical text form (8-4-4-4-12 hex digits, any case); anything else is empty
     * (an unknown id, not an error). By hand: every record read from Kafka has ids to parse.
     */
    public static Optional<OrderId> parse(String text) {
        if (text == null || text.length() != 36) {
            return Optional.empty();
        }
        long high = 0;
        long low = 0;
        int digits = 0;
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return Optional.empty();
                }
                continue;
            }
            int value = Character.digit(c, 16);
            if (value < 0 || c > 'f') {
                return Optional.empty();
            }
            if (digits < 16) {
                high = (high << 4) | value;
            } else {
                low = (low << 4) | value;
            }
            digits++;
        }
        return Optional.of(new OrderId(new UUID(high, low)));
    }

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }

    /** RFC 9562 version 5 (SHA-1, name-based) UUID. */
    private static UUID nameBasedUuid(UUID namespace, String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
        sha1.update(toBytes(namespace));
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (hash[i] & 0xff);
            lsb = (lsb << 8) | (hash[i + 8] & 0xff);
        }
        return new UUID(msb, lsb);
    }

    private static byte[] toBytes(UUID uuid) {
        byte[] bytes = new byte[16];
        long msb = uuid.getMostSignificantBits();
        long lsb = uuid.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (msb >>> (56 - 8 * i));
            bytes[i + 8] = (byte) (lsb >>> (56 - 8 * i));
        }
        return bytes;
    }
}
