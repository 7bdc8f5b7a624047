package coffee.application.readmodel;

import static coffee.domain.OrderTestData.T0;
import static coffee.domain.OrderTestData.anOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coffee.domain.Order;
import coffee.domain.OrderStatus;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RecentOrdersTest {

    @Test
    void it_remembers_at_most_its_capacity_forgetting_the_oldest_first() {
        RecentOrders orders = new RecentOrders(3);
        Order first = anOrder().build();
        orders.save(first);
        for (int i = 0; i < 3; i++) {
            orders.save(anOrder().build());
        }

        assertEquals(3, orders.size());
        assertEquals(Optional.empty(), orders.find(first.id()));
    }

    @Test
    void an_order_that_moves_on_counts_as_recent_again() {
        RecentOrders orders = new RecentOrders(2);
        Order old = anOrder().build();
        orders.save(old);
        orders.save(anOrder().build());

        orders.save(old.startBrewing(T0));
        orders.save(anOrder().build());

        assertEquals(OrderStatus.PROCESSING, orders.find(old.id()).orElseThrow().status());
    }

    @Test
    void a_status_never_goes_back_and_the_same_snapshot_changes_nothing() {
        RecentOrders orders = new RecentOrders(10);
        Order pending = anOrder().build();
        Order completed = pending.startBrewing(T0).complete(T0);
        orders.save(completed);

        assertFalse(orders.save(pending));
        assertFalse(orders.save(completed));
        assertEquals(completed, orders.find(pending.id()).orElseThrow());
    }

    @Test
    void a_waiter_wakes_when_the_status_settles_its_wait() throws Exception {
        RecentOrders orders = new RecentOrders(10);
        Order pending = anOrder().build();
        orders.save(pending);
        CompletableFuture<Optional<Order>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return orders.awaitStatus(pending.id(), OrderStatus.CANCELLED, Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        orders.save(pending.startBrewing(T0));

        assertEquals(OrderStatus.PROCESSING, waiting.get(10, TimeUnit.SECONDS).orElseThrow().status());
        assertTrue(orders.awaitStatus(anOrder().build().id(), OrderStatus.COMPLETED, Duration.ZERO).isEmpty());
    }
}
