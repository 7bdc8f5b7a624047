package coffee.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A customer's order for one drink. Immutable: every transition returns a new {@code Order},
 * and time always comes in from the caller so the model never reads a clock.
 */
public record Order(
        OrderId id,
        CustomerName customer,
        Drink drink,
        OrderStatus status,
        Instant createdAt,
        Instant updatedAt) {

    public Order {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(drink, "drink");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (updatedAt.isBefore(createdAt)) {
            throw new IllegalArgumentException("updatedAt " + updatedAt + " is before createdAt " + createdAt);
        }
    }

    /** A new order, pending until a barista takes it. */
    public static Order place(OrderId id, CustomerName customer, Drink drink, Instant now) {
        return new Order(id, customer, drink, OrderStatus.PENDING, now, now);
    }

    public Order startBrewing(Instant now) {
        return moveTo(OrderStatus.PROCESSING, OrderStatus.PENDING, now);
    }

    public Order complete(Instant now) {
        return moveTo(OrderStatus.COMPLETED, OrderStatus.PROCESSING, now);
    }

    public Order cancel(Instant now) {
        return moveTo(OrderStatus.CANCELLED, OrderStatus.PENDING, now);
    }

    /** Cancelling is allowed only until a barista starts brewing. */
    public boolean canBeCancelled() {
        return status == OrderStatus.PENDING;
    }

    /**
     * Whether this snapshot of the order tells more than {@code other}: statuses only move
     * forward, so the same or an older status is old news. This makes applying a snapshot
     * twice (Kafka delivers at least once) change nothing.
     */
    public boolean supersedes(Order other) {
        return other.status.isBefore(status);
    }

    /** Whether {@code other} asks for the same thing: same customer, same drink. */
    public boolean sameRequestAs(CustomerName otherCustomer, Drink otherDrink) {
        return customer.equals(otherCustomer) && drink == otherDrink;
    }

    private Order moveTo(OrderStatus next, OrderStatus required, Instant now) {
        if (status != required) {
            throw new IllegalStateException("order " + id + " is " + status.wireName()
                    + ", it cannot become " + next.wireName());
        }
        // a clock that steps back must not produce an order updated before it was created
        Instant at = now.isBefore(updatedAt) ? updatedAt : now;
        return new Order(id, customer, drink, next, createdAt, at);
    }
}
