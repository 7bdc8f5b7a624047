package coffee.application.readmodel;

import static coffee.domain.OrderTestData.T0;
import static coffee.domain.OrderTestData.anOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coffee.domain.CustomerName;
import coffee.domain.Drink;
import coffee.domain.Order;
import coffee.domain.OrderQuery;
import coffee.domain.OrderStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The compact view with many orders, arriving out of order as a feed delivers them, against a
 * plain sorted list as the reference.
 */
class InMemoryOrderRepositoryAtScaleTest {

    private static final Comparator<Order> NEWEST_FIRST = Comparator.comparing(Order::createdAt).reversed();

    private final InMemoryOrderRepository orders = new InMemoryOrderRepository();
    private final Random random = new Random(42);

    /** Orders created one millisecond apart, delivered in shuffled windows of up to 600. */
    private List<Order> placeShuffled(int count) {
        List<Order> created = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            created.add(anOrder().forCustomer("Customer " + (i % 97)).withDrink(Drink.values()[i % 8])
                    .placedAt(T0.plusMillis(i)).build());
        }
        List<Order> delivered = new ArrayList<>(created);
        for (int from = 0; from < count; from += 600) {
            Collections.shuffle(delivered.subList(from, Math.min(count, from + 600)), random);
        }
        delivered.forEach(orders::save);
        return created;
    }

    @Test
    void a_hundred_thousand_orders_are_all_found_and_listed_newest_first() {
        List<Order> created = placeShuffled(100_000);

        for (Order order : created) {
            assertEquals(order, orders.find(order.id()).orElseThrow());
        }
        List<Order> reference = new ArrayList<>(created);
        reference.sort(NEWEST_FIRST);
        assertEquals(reference.subList(0, 500), orders.list(OrderQuery.newest(500)));
        assertEquals(100_000, orders.size());
    }

    @Test
    void filters_over_many_orders_match_the_reference() {
        List<Order> created = placeShuffled(30_000);
        List<Order> current = new ArrayList<>();
        for (Order order : created) {
            Order now = switch (random.nextInt(4)) {
                case 0 -> order;
                case 1 -> order.startBrewing(order.createdAt().plusMillis(5));
                case 2 -> order.startBrewing(order.createdAt().plusMillis(5)).complete(order.createdAt().plusMillis(9));
                default -> order.cancel(order.createdAt().plusMillis(3));
            };
            orders.save(now);
            current.add(now);
        }
        current.sort(NEWEST_FIRST);

        for (OrderStatus status : OrderStatus.values()) {
            List<Order> expected = current.stream().filter(o -> o.status() == status).limit(300).toList();
            assertEquals(expected, orders.list(OrderQuery.newest(300).withStatus(status)), status.wireName());
        }
        CustomerName someone = new CustomerName("customer 13");
        List<Order> theirs = current.stream()
                .filter(o -> o.customer().searchKey().equals(someone.searchKey())
                        && o.status() == OrderStatus.COMPLETED)
                .limit(50).toList();
        assertEquals(theirs, orders.list(OrderQuery.newest(50).withStatus(OrderStatus.COMPLETED).withCustomer(someone)));
    }

    @Test
    void different_spellings_of_a_customer_are_one_customer_and_keep_their_spelling() {
        Order upper = anOrder().forCustomer("ANN").placedAt(T0).build();
        Order lower = anOrder().forCustomer("ann").placedAt(T0.plusSeconds(1)).build();
        orders.save(upper);
        orders.save(lower);

        assertEquals(List.of(lower, upper), orders.list(OrderQuery.newest(10).withCustomer(new CustomerName("Ann"))));
    }

    @Test
    void readers_never_see_a_broken_order_while_a_writer_adds_and_updates() throws Exception {
        List<Order> created = placeShuffled(5_000);
        AtomicBoolean writing = new AtomicBoolean(true);
        CompletableFuture<Integer> readers = CompletableFuture.supplyAsync(() -> {
            int reads = 0;
            while (writing.get()) {
                Order order = created.get(random.nextInt(created.size()));
                Order found = orders.find(order.id()).orElseThrow();
                assertEquals(order.id(), found.id());
                assertEquals(order.customer(), found.customer());
                assertTrue(orders.list(OrderQuery.newest(20)).size() == 20);
                reads++;
            }
            return reads;
        });
        for (int i = 0; i < 50_000; i++) {
            orders.save(anOrder().placedAt(T0.plusSeconds(1000 + i)).build());
            if (i % 10 == 0) {
                Order order = created.get(i % created.size());
                orders.save(order.startBrewing(T0.plusSeconds(i)));
            }
        }
        writing.set(false);

        assertTrue(readers.get() > 0);
        assertEquals(55_000, orders.size());
    }
}
