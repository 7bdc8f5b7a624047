package coffee.domain;

/**
 * The parts of an order a rule can refuse, in the domain's own words. Each adapter names them
 * in its own: the HTTP API's {@code customer_name}, the command line's {@code --customer}.
 */
public enum OrderField {
    CUSTOMER_NAME("customer name"),
    DRINK("drink"),
    IDEMPOTENCY_KEY("idempotency key"),
    LIMIT("limit");

    private final String description;

    OrderField(String description) {
        this.description = description;
    }

    /** How the domain says it, for logs and messages that belong to no adapter. */
    public String description() {
        return description;
    }
}
