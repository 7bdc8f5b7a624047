package coffee.application.service;

import coffee.application.port.in.FindOrders;
import coffee.application.port.in.WatchOrder;
import coffee.application.port.out.OrderView;
import coffee.domain.Order;
import coffee.domain.OrderId;
import coffee.domain.OrderQuery;
import coffee.domain.OrderStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Answers questions about orders from the view of orders. */
public final class OrderQueries implements FindOrders, WatchOrder {

    private final OrderView orders;

    public OrderQueries(OrderView orders) {
        this.orders = orders;
    }

    @Override
    public Optional<Order> find(OrderId id) {
        return orders.find(id);
    }

    @Override
    public List<Order> list(OrderQuery query) {
        return orders.list(query);
    }

    @Override
    public Optional<Order> awaitStatus(OrderId id, OrderStatus wanted, Duration timeout) throws InterruptedException {
        return orders.awaitStatus(id, wanted, timeout);
    }

    /** The next status after {@code seen} is the change to wait for; a final status never changes. */
    @Override
    public Optional<Order> awaitChange(OrderId id, OrderStatus seen, Duration timeout) throws InterruptedException {
        OrderStatus next = switch (seen) {
            case PENDING -> OrderStatus.PROCESSING;
            case PROCESSING -> OrderStatus.COMPLETED;
            case COMPLETED, CANCELLED -> null;
        };
        if (next == null) {
            return Optional.empty();
        }
        return orders.awaitStatus(id, next, timeout).filter(order -> order.status() != seen);
    }
}
