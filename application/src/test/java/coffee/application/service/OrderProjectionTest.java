package coffee.application.service;

import static coffee.domain.OrderTestData.T0;
import static coffee.domain.OrderTestData.aPendingOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;

import coffee.application.readmodel.InMemoryOrderRepository;
import coffee.domain.Order;
import coffee.domain.OrderCancelRequested;
import coffee.domain.OrderPlaced;
import coffee.domain.OrderStatus;
import coffee.domain.OrderStatusChanged;
import org.junit.jupiter.api.Test;

class OrderProjectionTest {

    private final InMemoryOrderRepository orders = new InMemoryOrderRepository();
    private final OrderProjection projection = new OrderProjection(orders);

    @Test
    void a_placed_order_shows_as_pending_then_follows_its_status_changes() {
        Order order = aPendingOrder();

        projection.project(new OrderPlaced(order));
        assertEquals(OrderStatus.PENDING, orders.find(order.id()).orElseThrow().status());

        projection.project(new OrderStatusChanged(order.startBrewing(T0.plusSeconds(1))));
        projection.project(new OrderStatusChanged(order.startBrewing(T0.plusSeconds(1)).complete(T0.plusSeconds(2))));
        assertEquals(OrderStatus.COMPLETED, orders.find(order.id()).orElseThrow().status());
    }

    @Test
    void a_status_read_before_its_placement_is_not_undone_by_the_placement() {
        Order order = aPendingOrder();
        Order completed = order.startBrewing(T0).complete(T0.plusSeconds(1));

        projection.project(new OrderStatusChanged(completed));
        projection.project(new OrderPlaced(order));

        assertEquals(completed, orders.find(order.id()).orElseThrow());
    }

    @Test
    void a_replayed_snapshot_changes_nothing() {
        Order order = aPendingOrder();
        Order processing = order.startBrewing(T0.plusSeconds(1));
        Order completed = processing.complete(T0.plusSeconds(2));
        projection.project(new OrderPlaced(order));
        projection.project(new OrderStatusChanged(processing));
        projection.project(new OrderStatusChanged(completed));

        projection.project(new OrderStatusChanged(processing.complete(T0.plusSeconds(9))));
        projection.project(new OrderStatusChanged(order.startBrewing(T0.plusSeconds(8))));

        assertEquals(completed, orders.find(order.id()).orElseThrow());
    }

    @Test
    void a_cancel_request_alone_changes_nothing_visible() {
        Order order = aPendingOrder();
        projection.project(new OrderPlaced(order));

        projection.project(new OrderCancelRequested(order.id(), T0));

        assertEquals(order, orders.find(order.id()).orElseThrow());
    }
}
