package coffee.application.readmodel;

import static coffee.domain.OrderTestData.T0;
import static coffee.domain.OrderTestData.anOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coffee.domain.CustomerName;
import coffee.domain.Order;
import coffee.domain.OrderQuery;
import coffee.domain.OrderStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InMemoryOrderRepositoryTest {

    private final InMemoryOrderRepository orders = new InMemoryOrderRepository();

    private Order saved(Order order) {
        orders.save(order);
        return order;
    }

    @Test
    void orders_are_listed_newest_first() {
        Order older = saved(anOrder().placedAt(T0).build());
        Order newer = saved(anOrder().placedAt(T0.plusSeconds(1)).build());

        assertEquals(List.of(newer, older), orders.list(OrderQuery.newest(10)));
    }

    @Test
    void filters_by_status_and_customer_combine_and_the_limit_holds() {
        Order annsFirst = saved(anOrder().forCustomer("Ann").placedAt(T0).build().startBrewing(T0).complete(T0));
        saved(anOrder().forCustomer("Ann").placedAt(T0.plusSeconds(1)).build());
        saved(anOrder().forCustomer("Bob").placedAt(T0.plusSeconds(2)).build().startBrewing(T0).complete(T0));
        Order annsLast = saved(anOrder().forCustomer("Ann").placedAt(T0.plusSeconds(3)).build().startBrewing(T0)
                .complete(T0));

        List<Order> found = orders.list(OrderQuery.newest(10).withStatus(OrderStatus.COMPLETED)
                .withCustomer(new CustomerName("ANN")));

        assertEquals(List.of(annsLast, annsFirst), found);
        assertEquals(List.of(annsLast), orders.list(OrderQuery.newest(1).withCustomer(new CustomerName("ann"))));
    }

    @Test
    void a_status_filter_follows_status_changes() {
        Order pending = saved(anOrder().build());

        orders.save(pending.startBrewing(T0.plusSeconds(1)));

        assertTrue(orders.list(OrderQuery.newest(10).withStatus(OrderStatus.PENDING)).isEmpty());
        assertEquals(1, orders.list(OrderQuery.newest(10).withStatus(OrderStatus.PROCESSING)).size());
    }

    @Test
    void old_news_is_not_saved() {
        Order pending = saved(anOrder().build());
        Order completed = pending.startBrewing(T0).complete(T0.plusSeconds(1));
        orders.save(completed);

        assertFalse(orders.save(pending));
        assertFalse(orders.save(pending.startBrewing(T0)));
        assertFalse(orders.save(completed));
        assertEquals(completed, orders.find(pending.id()).orElseThrow());
        assertEquals(1, orders.size());
    }

    @Test
    void when_another_producer_placed_the_same_order_first_its_version_wins_everywhere() {
        Order mine = saved(anOrder().placedAt(T0.plusSeconds(5)).build());
        Order theirs = new Order(mine.id(), mine.customer(), mine.drink(), OrderStatus.PROCESSING, T0, T0.plusSeconds(6));

        orders.save(theirs);

        assertEquals(List.of(theirs), orders.list(OrderQuery.newest(10)));
        assertEquals(List.of(theirs), orders.list(OrderQuery.newest(10).withCustomer(mine.customer())));
    }

    @Test
    void a_watcher_wakes_when_the_status_changes() throws Exception {
        Order pending = saved(anOrder().build());
        CompletableFuture<Optional<Order>> watched = CompletableFuture.supplyAsync(() -> {
            try {
                return orders.awaitStatusOtherThan(pending.id(), OrderStatus.PENDING, Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        Thread.sleep(50);
        orders.save(pending.startBrewing(T0));

        assertEquals(OrderStatus.PROCESSING, watched.get(5, TimeUnit.SECONDS).orElseThrow().status());
    }

    @Test
    void a_watcher_gives_up_after_its_timeout() throws Exception {
        Order pending = saved(anOrder().build());

        assertTrue(orders.awaitStatusOtherThan(pending.id(), OrderStatus.PENDING, Duration.ofMillis(50)).isEmpty());
    }

    @Test
    void a_watcher_of_an_order_not_yet_known_sees_it_arrive() throws Exception {
        Order later = anOrder().build();
        CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS).execute(() -> orders.save(later));

        assertEquals(later, orders.awaitStatusOtherThan(later.id(), OrderStatus.COMPLETED, Duration.ofSeconds(5))
                .orElseThrow());
    }
}
