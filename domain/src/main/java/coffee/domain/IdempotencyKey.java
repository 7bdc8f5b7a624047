package coffee.domain;

/**
 * A client-chosen key that makes placing an order safe to retry: the same key always means
 * the same order.
 */
public record IdempotencyKey(String value) {

    public static final int MAX_LENGTH = 255;

    public IdempotencyKey {
        if (value == null || value.isBlank()) {
            throw new InvalidOrderException(OrderField.IDEMPOTENCY_KEY, "must not be empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidOrderException(OrderField.IDEMPOTENCY_KEY, "must be at most " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new InvalidOrderException(OrderField.IDEMPOTENCY_KEY, "must be printable ASCII");
            }
        }
    }
}
