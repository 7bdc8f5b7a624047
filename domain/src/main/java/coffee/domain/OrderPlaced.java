package coffee.domain;

import java.util.Objects;

/** A customer placed an order; it is pending. */
public record OrderPlaced(Order order) implements OrderEvent {

    public OrderPlaced {
        Objects.requireNonNull(order, "order");
        if (order.status() != OrderStatus.PENDING) {
            throw new IllegalArgumentException("a placed order is pending, not " + order.status().wireName());
        }
    }

    @Override
    public OrderId orderId() {
        return order.id();
    }
}
