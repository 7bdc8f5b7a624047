package coffee.application.port.in;

import coffee.domain.Order;
import coffee.domain.OrderId;
import coffee.domain.OrderQuery;
import java.util.List;
import java.util.Optional;

/** Use case: see orders and their current status. */
public interface FindOrders {

    Optional<Order> find(OrderId id);

    /** Orders matching the query, newest first, at most {@code query.limit()}. */
    List<Order> list(OrderQuery query);
}
