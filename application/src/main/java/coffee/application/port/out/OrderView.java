package coffee.application.port.out;

import coffee.domain.Order;
import coffee.domain.OrderId;
import coffee.domain.OrderQuery;
import coffee.domain.OrderStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The orders as the system knows them, for reading: a view kept up to date from Kafka, the
 * system of record. Where it lives (this process, or spread over several) is the
 * implementation's business. Safe for concurrent use.
 *
 * <p>It reads its writes: once Kafka acknowledged an order, {@link #find} returns it.
 */
public interface OrderView {

    Optional<Order> find(OrderId id);

    /** Orders matching the query, newest first, at most {@code query.limit()}. */
    List<Order> list(OrderQuery query);

    /**
     * Waits until the order's status {@link OrderStatus#settles settles} a wait for {@code
     * wanted} (it is {@code wanted}, or can no longer become it), up to {@code timeout}.
     *
     * @return the order as it is then, or at the timeout; empty if no such order is known
     */
    Optional<Order> awaitStatus(OrderId id, OrderStatus wanted, Duration timeout) throws InterruptedException;
}
