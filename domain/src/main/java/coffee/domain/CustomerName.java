package coffee.domain;

/** Who the order is for, as they would like to hear it called out. */
public record CustomerName(String value) {

    public static final int MAX_LENGTH = 100;

    /** Validates an already-trimmed name; use {@link #of(String)} for raw input. */
    public CustomerName {
        if (value == null || value.isEmpty()) {
            throw new InvalidOrderException(OrderField.CUSTOMER_NAME, "must not be empty");
        }
        if (!value.equals(value.strip())) {
            throw new InvalidOrderException(OrderField.CUSTOMER_NAME, "must not start or end with spaces");
        }
        int length = 0;
        for (int i = 0; i < value.length(); ) {
            int codePoint = value.codePointAt(i);
            if (isForbidden(codePoint)) {
                throw new InvalidOrderException(OrderField.CUSTOMER_NAME, "must not contain control characters");
            }
            length++;
            i += Character.charCount(codePoint);
        }
        if (length > MAX_LENGTH) {
            throw new InvalidOrderException(OrderField.CUSTOMER_NAME, "must be at most " + MAX_LENGTH + " characters");
        }
    }

    /** Trims surrounding white space, then validates. */
    public static CustomerName of(String raw) {
        if (raw == null) {
            throw new InvalidOrderException(OrderField.CUSTOMER_NAME, "is required");
        }
        return new CustomerName(raw.strip());
    }

    /**
     * Control characters and line breaks would forge log lines and break receipts; a lone
     * surrogate is not text at all.
     */
    private static boolean isForbidden(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.SURROGATE;
    }

    /** The form names are compared in: "Ann" and "ANN" are the same customer when searching. */
    public String searchKey() {
        return value.toUpperCase(java.util.Locale.ROOT).toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        return value;
    }
}
