package coffee.adapter.cli;

import coffee.domain.Drink;
import coffee.domain.InvalidOrderException;
import coffee.domain.OrderField;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Says what is wrong with an order's options in the command line's words: the domain says which
 * part of the order and what rule it broke; a user of the CLI typed an option ({@code --drink}),
 * so the message names that, and lists the menu for a wrong drink.
 */
final class OrderOptionErrors {

    private OrderOptionErrors() {
    }

    /**
     * A usage error for a value the domain refused.
     *
     * @param drink the {@code --drink} given, quoted back when it is the one refused
     */
    static CommandFailedException usage(InvalidOrderException refused, String drink) {
        if (refused.field() == OrderField.DRINK && drink != null) {
            return new CommandFailedException(ExitCodes.USAGE, "--drink " + drink + ": not on the menu; choose one of "
                    + menu());
        }
        return new CommandFailedException(ExitCodes.USAGE, optionOf(refused.field()) + " " + refused.rule());
    }

    private static String optionOf(OrderField field) {
        return switch (field) {
            case CUSTOMER_NAME -> "--customer";
            case DRINK -> "--drink";
            case IDEMPOTENCY_KEY -> "--idempotency-key";
            case LIMIT -> "--limit";
        };
    }

    /** The drinks, as the menu names them. */
    static String menu() {
        return Arrays.stream(Drink.values()).map(Drink::displayName).collect(Collectors.joining(", "));
    }
}
