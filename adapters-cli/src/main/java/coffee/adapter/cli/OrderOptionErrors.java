package coffee.adapter.cli;

import coffee.domain.CustomerName;
import coffee.domain.Drink;
import coffee.domain.IdempotencyKey;
import coffee.domain.InvalidOrderException;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Says what is wrong with an order's options in the command line's words. The domain names a
 * wrong value by its API field ({@code coffee_type}); a user of the CLI typed an option
 * ({@code --drink}), so the message names that instead, and lists the menu for a wrong drink.
 */
final class OrderOptionErrors {

    private static final Map<String, String> OPTION_OF_FIELD = Map.of(
            CustomerName.FIELD, "--customer",
            Drink.FIELD, "--drink",
            IdempotencyKey.FIELD, "--idempotency-key");

    private OrderOptionErrors() {
    }

    /**
     * A usage error for a value the domain refused.
     *
     * @param drink the {@code --drink} given, quoted back when it is the one refused
     */
    static CommandFailedException usage(InvalidOrderException refused, String drink) {
        if (Drink.FIELD.equals(refused.field()) && drink != null) {
            return new CommandFailedException(ExitCodes.USAGE, "--drink " + drink + ": not on the menu; choose one of "
                    + menu());
        }
        String option = OPTION_OF_FIELD.get(refused.field());
        String message = refused.getMessage();
        if (option == null) {
            return new CommandFailedException(ExitCodes.USAGE, message);
        }
        // the domain's messages start with the field's name: "customer_name must not be empty"
        return new CommandFailedException(ExitCodes.USAGE, message.startsWith(refused.field() + " ")
                ? option + message.substring(refused.field().length())
                : option + ": " + message);
    }

    /** The drinks, as the menu names them. */
    static String menu() {
        return Arrays.stream(Drink.values()).map(Drink::displayName).collect(Collectors.joining(", "));
    }
}
