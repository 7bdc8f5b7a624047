package coffee.application.port.in;

import coffee.domain.Order;
import coffee.domain.OrderId;
import coffee.domain.OrderQuery;
import coffee.domain.OrderStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Use case: see orders and their current status. */
public interface FindOrders {

    Optional<Order> find(OrderId id);

    /** Orders matching the query, newest first, at most {@code query.limit()}. */
    List<Order> list(OrderQuery query);

    /**
     * Looks up an order once it has reached {@code wanted}, or can no longer reach it, waiting
     * up to {@code timeout}: a client reads the outcome it waits for without asking again.
     *
     * @return the order then, or as it is at the timeout; empty for an unknown order
     */
    Optional<Order> awaitStatus(OrderId id, OrderStatus wanted, Duration timeout) throws InterruptedException;
}
