package coffee.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * Which orders a follower of live changes wants: one order, or every order, optionally only a
 * customer's and only in one status. A value rather than a predicate, so whoever tells of the
 * changes can look a change's followers up by order or by customer instead of asking each one.
 */
public record FollowedOrders(Optional<OrderId> order, Optional<CustomerName> customer, Optional<OrderStatus> status) {

    public FollowedOrders {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(status, "status");
    }

    /** The changes of one order. */
    public static FollowedOrders one(OrderId id) {
        return new FollowedOrders(Optional.of(id), Optional.empty(), Optional.empty());
    }

    /** The changes of every order the query's filters let through (its limit does not apply). */
    public static FollowedOrders matching(OrderQuery query) {
        return new FollowedOrders(Optional.empty(), query.customer(), query.status());
    }

    /** Customer names match ignoring case, as in {@link OrderQuery}. */
    public boolean matches(Order order) {
        return this.order.map(id -> id.equals(order.id())).orElse(true)
                && status.map(s -> s == order.status()).orElse(true)
                && customer.map(c -> c.searchKey().equals(order.customer().searchKey())).orElse(true);
    }
}
