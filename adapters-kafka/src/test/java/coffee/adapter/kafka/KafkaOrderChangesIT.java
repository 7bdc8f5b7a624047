package coffee.adapter.kafka;

import static coffee.domain.OrderTestData.anOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coffee.application.port.out.OrderChanges.Subscription;
import coffee.domain.CustomerName;
import coffee.domain.FollowedOrders;
import coffee.domain.Order;
import coffee.domain.OrderChange;
import coffee.domain.OrderPlaced;
import coffee.domain.OrderQuery;
import coffee.domain.RequestId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
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
        for (int i = 0; i < orders; i++) {
            Order order = anOrder().forCustomer("Guest " + i).build();
            kafka.publisher().publish(new OrderPlaced(order), REQUEST).toCompletableFuture().join();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (live.size() < orders) {
            assertTrue(System.nanoTime() < deadline, "only " + live.size() + " of " + orders + " changes arrived");
            Thread.sleep(20);
        }
        return live;
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
    void what_is_no_longer_remembered_is_not_replayed_and_the_positions_still_match() throws Exception {
        KafkaOrderChanges changes = started(2);
        List<OrderChange> live = placeAndFollow(changes, 5);

        try (Subscription resumed = changes.subscribe(Optional.of(live.get(0).position()), false, ALL,
                change -> { })) {
            assertEquals(live.subList(3, 5), resumed.replay(), "the two most recent, as they were given live");
        }
    }
}
