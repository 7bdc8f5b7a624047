package coffee.domain;

import java.util.Objects;
import java.util.Optional;

/** Which orders to list, newest first: optionally one status, optionally one customer. */
public record OrderQuery(Optional<OrderStatus> status, Optional<CustomerName> customer, int limit) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public OrderQuery {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(customer, "customer");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidOrderException(OrderField.LIMIT, "must be between 1 and " + MAX_LIMIT);
        }
    }

    public static OrderQuery newest(int limit) {
        return new OrderQuery(Optional.empty(), Optional.empty(), limit);
    }

    public OrderQuery withStatus(OrderStatus wanted) {
        return new OrderQuery(Optional.of(wanted), customer, limit);
    }

    public OrderQuery withCustomer(CustomerName wanted) {
        return new OrderQuery(status, Optional.of(wanted), limit);
    }

    /** Customer names match ignoring case: "ann" finds Ann's orders. */
    public boolean matches(Order order) {
        return status.map(s -> s == order.status()).orElse(true)
                && customer.map(c -> c.searchKey().equals(order.customer().searchKey())).orElse(true);
    }
}
