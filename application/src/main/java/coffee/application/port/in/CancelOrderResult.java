package coffee.application.port.in;

import coffee.domain.Order;

/** How a cancel request turned out. */
public sealed interface CancelOrderResult {

    /** The order is cancelled (now, or it already was). */
    record Cancelled(Order order) implements CancelOrderResult {
    }

    /** Brewing has started or finished: too late to cancel. */
    record TooLate(Order order) implements CancelOrderResult {
    }

    /** The request is on its way but no verdict came in time; the order may yet be cancelled. */
    record Requested(Order order) implements CancelOrderResult {
    }

    /** No such order. */
    record NotFound() implements CancelOrderResult {
    }

    /** Kafka did not confirm the cancel request in time; retrying is safe. */
    record NotConfirmed(String reason) implements CancelOrderResult {
    }
}
