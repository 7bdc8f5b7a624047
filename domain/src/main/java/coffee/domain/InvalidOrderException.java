package coffee.domain;

/**
 * A value given for an order is not acceptable; {@link #field()} names it in the wire
 * vocabulary (for example {@code customer_name}) so callers can point at it.
 */
public final class InvalidOrderException extends IllegalArgumentException {

    private final String field;

    public InvalidOrderException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
