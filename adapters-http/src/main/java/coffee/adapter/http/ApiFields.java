package coffee.adapter.http;

import coffee.domain.Drink;
import coffee.domain.InvalidOrderException;
import coffee.domain.OrderField;

/** The HTTP API's names for the parts of an order, and its wording of a value the domain refused. */
final class ApiFields {

    private ApiFields() {
    }

    /** The field's name in the API: the JSON field, header or query parameter a client sent. */
    static String name(OrderField field) {
        return switch (field) {
            case CUSTOMER_NAME -> "customer_name";
            case DRINK -> "coffee_type";
            case IDEMPOTENCY_KEY -> "Idempotency-Key";
            case LIMIT -> "limit";
        };
    }

    /** {@code coffee_type must be one of the drinks on the menu (GET /menu)}: the API's name, then the rule. */
    static String message(InvalidOrderException refused) {
        String message = name(refused.field()) + " " + refused.rule();
        return refused.field() == OrderField.DRINK && refused.rule().equals(Drink.NOT_ON_THE_MENU)
                ? message + " (GET /menu)"
                : message;
    }
}
