package coffee.domain;

import static coffee.domain.OrderStatus.CANCELLED;
import static coffee.domain.OrderStatus.COMPLETED;
import static coffee.domain.OrderStatus.PENDING;
import static coffee.domain.OrderStatus.PROCESSING;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OrderStatusTest {

    @Test
    void a_pending_order_may_still_become_anything_else() {
        assertTrue(PENDING.canStillBecome(PROCESSING));
        assertTrue(PENDING.canStillBecome(COMPLETED));
        assertTrue(PENDING.canStillBecome(CANCELLED));
        assertFalse(PENDING.canStillBecome(PENDING));
    }

    @Test
    void a_processing_order_can_only_be_completed() {
        assertTrue(PROCESSING.canStillBecome(COMPLETED));
        assertFalse(PROCESSING.canStillBecome(CANCELLED));
        assertFalse(PROCESSING.canStillBecome(PENDING));
    }

    @Test
    void a_final_order_becomes_nothing_else() {
        for (OrderStatus wanted : OrderStatus.values()) {
            assertFalse(COMPLETED.canStillBecome(wanted));
            assertFalse(CANCELLED.canStillBecome(wanted));
        }
    }

    @Test
    void waiting_for_a_status_ends_when_it_is_reached() {
        assertTrue(PROCESSING.settles(PROCESSING));
        assertTrue(COMPLETED.settles(COMPLETED));
        assertFalse(PENDING.settles(COMPLETED));
        assertFalse(PROCESSING.settles(COMPLETED));
    }

    @Test
    void waiting_for_a_status_ends_when_the_order_went_past_it_or_another_way() {
        assertTrue(COMPLETED.settles(PROCESSING), "past it");
        assertTrue(PROCESSING.settles(CANCELLED), "too late to be cancelled");
        assertTrue(CANCELLED.settles(COMPLETED), "will never be brewed");
    }
}
