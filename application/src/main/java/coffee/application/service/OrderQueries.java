package coffee.application.service;

import coffee.application.port.in.FindOrders;
import coffee.application.port.in.WatchOrder;
import coffee.application.port.out.OrderRepository;
import coffee.domain.Order;
import coffee.domain.OrderId;
import coffee.domain.OrderQuery;
import coffee.domain.OrderStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Answers questions about orders from the view this process keeps. */
public final class OrderQueries implements FindOrders, WatchOrder {

    private final OrderRepository orders;

    public OrderQueries(OrderRepository orders) {
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
    public Optional<Order> awaitChange(OrderId id, OrderStatus seen, Duration timeout) throws InterruptedException {
        return orders.awaitStatusOtherThan(id, seen, timeout);
    }
}
