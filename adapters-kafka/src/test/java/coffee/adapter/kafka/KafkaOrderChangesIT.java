package coffee.adapter.kafka;

import static coffee.domain.OrderTestData.anOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coffee.application.port.out.OrderChanges.Subscription;
import coffee.domain.CustomerName;
import coffee.domain.FollowedOrders;
import coffee.domain.Order;
import coffee.domain.OrderChange;
import coffee.domain.OrderPlaced;
import coffee.domain.OrderQuery;
import coffee.domain.RequestId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The changes of orders against a real broker: what a follower resuming from a position gets
 * replayed is exactly what it missed, with the very positions a live follower was given (the
 * remembered records are decoded, and their positions worked out, only when someone asks).
 */
class KafkaOrderChangesIT {

    private static final RequestId REQUEST = new RequestId("req-changes");
    private static final FollowedOrders ALL = FollowedOrders.matching(OrderQuery.newest(1));

    private KafkaConnection kafka;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void connect() {
        kafka = KafkaConnection.open(SharedKafka.uniqueSettings(), "changes-test");
        kafka.ensureTopics();
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : toClose.reversed()) {
            closeable.close();
        }
        kafka.close();
    }

    private KafkaOrderChanges started(int remembered) throws InterruptedException {
        KafkaOrderChanges changes = kafka.orderChanges(remembered).start();
        toClose.add(changes);
        return changes;
    }

    private List<OrderChange> placeAndFollow(KafkaOrderChanges changes, int orders) throws InterruptedException {
        List<OrderChange> live = new CopyOnWriteArrayList<>();
        Subscription following = changes.subscribe(Optional.empty(), false, ALL, live::add);
        toClose.add(following);
        place(0, orders);
        awaitSize(live, orders);
        return live;
    }

    /** Places the orders of guests {@code first} to {@code first + count - 1}. */
    private List<Order> place(int first, int count) {
        List<Order> placed = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            Order order = anOrder().forCustomer("Guest " + i).build();
            kafka.publisher().publish(new OrderPlaced(order), REQUEST).toCompletableFuture().join();
            placed.add(order);
        }
        return placed;
    }

    private static Set<Order> orders(List<OrderChange> changes) {
        return changes.stream().map(OrderChange::order).collect(Collectors.toSet());
    }

    private static void awaitSize(List<OrderChange> changes, int size) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (changes.size() < size) {
            assertTrue(System.nanoTime() < deadline, "only " + changes.size() + " of " + size + " changes arrived");
            Thread.sleep(20);
        }
    }

    @Test
    void resuming_after_a_change_replays_exactly_the_later_ones_with_their_live_positions() throws Exception {
        KafkaOrderChanges changes = started(100);
        List<OrderChange> live = placeAndFollow(changes, 5);

        try (Subscription resumed = changes.subscribe(Optional.of(live.get(1).position()), false, ALL,
                change -> { })) {
            assertEquals(live.subList(2, 5), resumed.replay());
        }
        try (Subscription everything = changes.subscribe(Optional.empty(), true, ALL, change -> { })) {
            assertEquals(live, everything.replay());
        }
        try (Subscription guest3 = changes.subscribe(Optional.of(live.get(0).position()), false,
                FollowedOrders.matching(OrderQuery.newest(1).withCustomer(new CustomerName("Guest 3"))), change -> { })) {
            // the changes arrive in the order they were read, partition by partition, not as sent
            assertEquals(live.subList(1, 5).stream().filter(change -> change.order().customer().value()
                    .equals("Guest 3")).toList(), guest3.replay());
        }
    }

    @Test
    void nobody_following_pauses_the_reading_and_the_next_follower_finds_what_it_missed_meanwhile() throws Exception {
        KafkaOrderChanges pausing = kafka.orderChanges(100, Duration.ofMillis(200)).start();
        toClose.add(pausing);
        List<OrderChange> seenFirst = new CopyOnWriteArrayList<>();
        try (Subscription first = pausing.subscribe(Optional.empty(), false, ALL, seenFirst::add)) {
            place(0, 2);
            awaitSize(seenFirst, 2);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (pausing.reading()) {
            assertTrue(System.nanoTime() < deadline, "the reading goes on with nobody following");
            Thread.sleep(20);
        }
        List<Order> placedWhilePaused = place(2, 3);
        Thread.sleep(500);
        assertFalse(pausing.reading(), "nobody asked for the changes: still paused");

        List<OrderChange> seenAfter = new CopyOnWriteArrayList<>();
        try (Subscription resumed = pausing.subscribe(Optional.of(seenFirst.get(1).position()), false, ALL,
                seenAfter::add)) {
            // as any follower reads them: partition by partition, so in no fixed order across partitions
            assertEquals(Set.copyOf(placedWhilePaused), orders(resumed.replay()),
                    "what was placed during the pause, each once");
            assertEquals(3, resumed.replay().size());
            List<Order> placedAfter = place(5, 1);
            awaitSize(seenAfter, 1);
            assertEquals(placedAfter.get(0), seenAfter.get(0).order(), "and the reading goes on");
        }
    }

    @Test
    void what_is_no_longer_remembered_is_not_replayed_and_the_positions_still_match() throws Exception {
        KafkaOrderChanges changes = started(2);
        List<OrderChange> live = placeAndFollow(changes, 5);

        try (Subscription resumed = changes.subscribe(Optional.of(live.get(0).position()), false, ALL,
                change -> { })) {
            assertEquals(live.subList(3, 5), resumed.replay(), "the two most recent, as they were given live");
        }
    }
}
