package coffee.adapter.cli.load;

import static coffee.domain.OrderTestData.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coffee.domain.Order;
import coffee.domain.OrderId;
import coffee.domain.OrderStatusChanged;
import coffee.domain.OrderTestData;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EndToEndTrackerTest {

    private final EndToEndTracker tracker = new EndToEndTracker();

    private static Order brewing(UUID id) {
        return OrderTestData.anOrder().withId(new OrderId(id)).build().startBrewing(T0);
    }

    private void accepted(UUID id) {
        tracker.accepted(id.getMostSignificantBits(), id.getLeastSignificantBits(), System.nanoTime());
    }

    private void completed(UUID id) {
        tracker.project(new OrderStatusChanged(brewing(id).complete(T0)));
    }

    @Test
    void an_accepted_order_counts_once_it_is_seen_completed() throws InterruptedException {
        UUID id = UUID.randomUUID();
        accepted(id);
        tracker.project(new OrderStatusChanged(brewing(id)));

        assertFalse(tracker.awaitAllCompleted(Duration.ZERO), "processing is not completed");
        completed(id);

        assertTrue(tracker.awaitAllCompleted(Duration.ZERO));
        assertEquals(1, tracker.latencies().getTotalCount());
    }

    @Test
    void a_completion_seen_before_its_201_was_noted_still_counts() {
        UUID id = UUID.randomUUID();
        completed(id);
        accepted(id);

        assertEquals(1, tracker.completedCount());
        assertEquals(1, tracker.latencies().getTotalCount());
    }

    @Test
    void other_orders_and_repeated_completions_are_not_counted() {
        UUID ours = UUID.randomUUID();
        accepted(ours);
        completed(UUID.randomUUID());
        completed(ours);
        completed(ours);

        assertEquals(1, tracker.acceptedCount());
        assertEquals(1, tracker.completedCount());
        assertEquals(1, tracker.latencies().getTotalCount());
    }

    @Test
    void a_cancelled_order_is_not_completed() {
        UUID id = UUID.randomUUID();
        accepted(id);
        tracker.project(new OrderStatusChanged(OrderTestData.anOrder().withId(new OrderId(id)).build().cancel(T0)));

        assertEquals(0, tracker.completedCount());
    }
}
