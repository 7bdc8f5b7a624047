package coffee.application.service;

import coffee.domain.Order;
import coffee.domain.OrderCancelRequested;
import coffee.domain.OrderEvent;
import coffee.domain.OrderPlaced;
import coffee.domain.OrderStatus;
import coffee.domain.OrderStatusChanged;
import java.util.Optional;

/**
 * The baristas' rules for an incoming event: brew it, skip it, cancel or refuse, given what is
 * known of its order. Kafka delivers at least once, so every rule first asks what is already
 * known: an order that reached a final status is never brewed again, a duplicate placement is
 * handled once, and an order a crashed consumer left {@code processing} is brewed again.
 *
 * <p>Pure, so the rules are tested without threads: {@link BrewingService} looks up what is
 * known, asks, and carries the decision out.
 */
final class BrewingPolicy {

    private BrewingPolicy() {
    }

    /** Where an admitted order is on its way through the baristas' queue. */
    enum Stage { QUEUED, BREWING, CANCELLED, WITHDRAWN }

    /**
     * What the baristas hold for an order they received and have not finished handling.
     *
     * @param cancellable false for an order a crashed consumer had started brewing
     */
    record ActiveTicket(Stage stage, boolean cancellable) {
    }

    /** What to do with an event. */
    sealed interface Decision {

        /** Queue the order for a barista. */
        record Admit(Order order, boolean cancellable) implements Decision {
        }

        /** Handled before (a redelivery or a retried placement): nothing to do. */
        record Duplicate(String why) implements Decision {
        }

        /** Take the order out of the queue before a barista starts on it: it is never brewed. */
        record CancelWaiting() implements Decision {
        }

        /** Cancel an order known to be pending that no barista here holds. */
        record CancelKnown(Order pending) implements Decision {
        }

        /** Cancelled before: nothing to do, and the request is answered as cancelled. */
        record AlreadyCancelled() implements Decision {
        }

        /** Too late to cancel: the order goes on. */
        record RejectCancel(String why) implements Decision {
        }

        /** Nothing for baristas to do. */
        record Ignore(String why) implements Decision {
        }
    }

    /**
     * Decides what to do with {@code event}.
     *
     * @param active the ticket the baristas hold for the event's order, if they do
     * @param known the order's latest status as stored (published by any consumer), if any
     */
    static Decision decide(OrderEvent event, Optional<ActiveTicket> active, Optional<Order> known) {
        return switch (event) {
            case OrderPlaced placed -> onPlaced(placed.order(), active, known);
            case OrderCancelRequested cancel -> onCancelRequested(active, known);
            case OrderStatusChanged status -> new Decision.Ignore("a status change is not a command for baristas");
        };
    }

    private static Decision onPlaced(Order order, Optional<ActiveTicket> active, Optional<Order> known) {
        if (active.isPresent()) {
            return new Decision.Duplicate("already waiting or brewing");
        }
        if (known.isPresent() && known.get().status().isFinal()) {
            return new Decision.Duplicate("already " + known.get().status().wireName());
        }
        // an order a crashed consumer left processing had started brewing: too late to cancel it
        boolean startedBefore = known.isPresent() && known.get().status() == OrderStatus.PROCESSING;
        return new Decision.Admit(order, !startedBefore);
    }

    private static Decision onCancelRequested(Optional<ActiveTicket> active, Optional<Order> known) {
        if (active.isPresent()) {
            ActiveTicket ticket = active.get();
            if (ticket.cancellable() && ticket.stage() == Stage.QUEUED) {
                return new Decision.CancelWaiting();
            }
            if (ticket.stage() == Stage.CANCELLED) {
                return new Decision.AlreadyCancelled();
            }
            return new Decision.RejectCancel("brewing already started");
        }
        if (known.isEmpty()) {
            return new Decision.Ignore("no such order was placed");
        }
        Order order = known.get();
        return switch (order.status()) {
            case CANCELLED -> new Decision.AlreadyCancelled();
            case PENDING -> new Decision.CancelKnown(order);
            case PROCESSING, COMPLETED -> new Decision.RejectCancel("already " + order.status().wireName());
        };
    }
}
