package coffee.domain;

import static coffee.domain.OrderTestData.T0;
import static coffee.domain.OrderTestData.aPendingOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OrderTest {

    @Test
    void a_placed_order_is_pending_and_stamped_with_the_time_it_was_placed() {
        Order order = aPendingOrder();

        assertEquals(OrderStatus.PENDING, order.status());
        assertEquals(T0, order.createdAt());
        assertEquals(T0, order.updatedAt());
    }

    @Test
    void an_order_moves_from_pending_through_processing_to_completed() {
        Order pending = aPendingOrder();

        Order processing = pending.startBrewing(T0.plusSeconds(1));
        Order completed = processing.complete(T0.plusSeconds(2));

        assertEquals(OrderStatus.PROCESSING, processing.status());
        assertEquals(OrderStatus.COMPLETED, completed.status());
        assertEquals(T0, completed.createdAt());
        assertEquals(T0.plusSeconds(2), completed.updatedAt());
        assertEquals(OrderStatus.PENDING, pending.status(), "transitions return new orders");
    }

    @Test
    void only_a_pending_order_can_be_cancelled() {
        Order pending = aPendingOrder();
        Order processing = pending.startBrewing(T0);

        assertTrue(pending.canBeCancelled());
        assertEquals(OrderStatus.CANCELLED, pending.cancel(T0).status());
        assertFalse(processing.canBeCancelled());
        assertThrows(IllegalStateException.class, () -> processing.cancel(T0));
    }

    @Test
    void a_completed_order_cannot_be_brewed_again() {
        Order completed = aPendingOrder().startBrewing(T0).complete(T0);

        assertThrows(IllegalStateException.class, () -> completed.startBrewing(T0));
        assertThrows(IllegalStateException.class, () -> completed.complete(T0));
    }

    @Test
    void a_clock_stepping_back_never_makes_an_order_updated_before_it_was_created() {
        Order order = aPendingOrder().startBrewing(T0.minusSeconds(5));

        assertEquals(T0, order.updatedAt());
    }

    @Test
    void a_snapshot_supersedes_only_an_earlier_status() {
        Order pending = aPendingOrder();
        Order processing = pending.startBrewing(T0);
        Order completed = processing.complete(T0);

        assertTrue(processing.supersedes(pending));
        assertTrue(completed.supersedes(processing));
        assertFalse(completed.supersedes(completed), "the same snapshot twice is old news");
        assertFalse(processing.supersedes(completed), "statuses never go back");
        assertFalse(pending.cancel(T0).supersedes(completed), "one final status never replaces another");
    }
}
