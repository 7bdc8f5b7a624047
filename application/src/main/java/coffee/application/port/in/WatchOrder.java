package coffee.application.port.in;

import coffee.domain.Order;
import coffee.domain.OrderId;
import coffee.domain.OrderStatus;
import java.time.Duration;
import java.util.Optional;

/** Use case: follow one order as its status changes. */
public interface WatchOrder {

    /**
     * Waits until the order's status is no longer {@code seen} and returns the order then;
     * empty if that did not happen within {@code timeout}.
     */
    Optional<Order> awaitChange(OrderId id, OrderStatus seen, Duration timeout) throws InterruptedException;
}
