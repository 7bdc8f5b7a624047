package coffee.domain;

import java.util.Objects;

/** A barista moved an order on; carries the whole order as it now is (a snapshot). */
public record OrderStatusChanged(Order order) implements OrderEvent {

    public OrderStatusChanged {
        Objects.requireNonNull(order, "order");
    }

    @Override
    public OrderId orderId() {
        return order.id();
    }
}
