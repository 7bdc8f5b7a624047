package coffee.application.port.in;

import coffee.domain.Order;

/** How placing an order turned out. Every expected outcome is a value; none is an exception. */
public sealed interface PlaceOrderResult {

    /** The order is new and durably accepted. */
    record Accepted(Order order) implements PlaceOrderResult {
    }

    /** A retry with an idempotency key already used for this very order: the first order. */
    record AlreadyPlaced(Order order) implements PlaceOrderResult {
    }

    /** The idempotency key was already used for a different order. */
    record KeyReused(Order existing) implements PlaceOrderResult {
    }

    /**
     * Kafka did not confirm the order in time. It may still have landed, so a retry with the
     * same idempotency key is the safe way to find out.
     */
    record NotConfirmed(String reason) implements PlaceOrderResult {
    }
}
