package coffee.application.port.out;

import coffee.domain.Order;
import coffee.domain.OrderId;
import coffee.domain.OrderQuery;
import coffee.domain.OrderStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The orders as this process knows them: a view built from Kafka, which is the system of
 * record. Safe for concurrent use.
 */
public interface OrderRepository {

    Optional<Order> find(OrderId id);

    /** Orders matching the query, newest first, at most {@code query.limit()}. */
    List<Order> list(OrderQuery query);

    /**
     * Stores the order unless what is stored already tells as much: an unknown order is
     * added, a known one is replaced only by a snapshot that {@link Order#supersedes
     * supersedes} it. Saving the same snapshot twice therefore changes nothing.
     *
     * @return whether anything changed
     */
    boolean save(Order order);

    /**
     * Waits until the order is known with a status other than {@code seen}; empty if that
     * did not happen within {@code timeout}.
     */
    Optional<Order> awaitStatusOtherThan(OrderId id, OrderStatus seen, Duration timeout) throws InterruptedException;

    /** How many orders are stored. */
    int size();
}
