package coffee.domain;

/**
 * A value given for an order is not acceptable: {@link #field()} says which, {@link #rule()}
 * what it must be ("must not be empty"), so each adapter can say it with its own name for the
 * field. The message is the domain's own wording ("customer name must not be empty").
 */
public final class InvalidOrderException extends IllegalArgumentException {

    private final OrderField field;
    private final String rule;

    public InvalidOrderException(OrderField field, String rule) {
        super(field.description() + " " + rule);
        this.field = field;
        this.rule = rule;
    }

    public OrderField field() {
        return field;
    }

    /** What the value must be, without the field's name: "must not be empty", "is required". */
    public String rule() {
        return rule;
    }
}
