package coffee.application.port.in;

import coffee.domain.CustomerName;
import coffee.domain.Drink;
import coffee.domain.IdempotencyKey;
import coffee.domain.RequestId;
import java.util.Objects;
import java.util.Optional;

/**
 * What it takes to place an order. Self-validating: one that exists is valid, so the
 * service never re-checks input.
 */
public record PlaceOrderCommand(
        CustomerName customer,
        Drink drink,
        Optional<IdempotencyKey> idempotencyKey,
        RequestId requestId) {

    public PlaceOrderCommand {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(drink, "drink");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(requestId, "requestId");
    }

    /**
     * Builds a command from raw input, throwing {@link coffee.domain.InvalidOrderException}
     * naming the first field that is wrong. {@code idempotencyKey} may be null (none given).
     */
    public static PlaceOrderCommand of(String customerName, String drinkName, String idempotencyKey, RequestId requestId) {
        return new PlaceOrderCommand(
                CustomerName.of(customerName),
                Drink.of(drinkName),
                Optional.ofNullable(idempotencyKey).map(IdempotencyKey::new),
                requestId);
    }
}
