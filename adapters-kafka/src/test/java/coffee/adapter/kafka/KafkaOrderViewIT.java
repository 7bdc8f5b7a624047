package coffee.adapter.kafka;

import static coffee.domain.OrderTestData.T0;
import static coffee.domain.OrderTestData.anOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coffee.application.port.out.OrderPublisher;
import coffee.application.port.out.OrderViewUnavailableException;
import coffee.domain.CustomerName;
import coffee.domain.Order;
import coffee.domain.OrderEvent;
import coffee.domain.OrderId;
import coffee.domain.OrderPlaced;
import coffee.domain.OrderQuery;
import coffee.domain.OrderStatus;
import coffee.domain.OrderStatusChanged;
import coffee.domain.RequestId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The producers' view of orders on a real broker: one instance, a restarted one, two sharing
 * the partitions. The instances here reach each other in-process (their {@link
 * KafkaOrderView#here()}), which is what the HTTP peers do across processes.
 */
class KafkaOrderViewIT {

    /** Every instance's state directory, deleted after the class. */
    @TempDir
    static Path stateDirectories;


    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final RequestId REQUEST = new RequestId("req-view");

    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
    private final Map<String, KafkaOrderView> instances = new ConcurrentHashMap<>();
    private final ViewPeers inProcessPeers = new ViewPeers() {
        @Override
        public Optional<Order> find(String peer, OrderId id) {
            return reach(peer).here().find(id);
        }

        @Override
        public List<Order> list(String peer, OrderQuery query) {
            return reach(peer).here().list(query);
        }

        @Override
        public Optional<Order> awaitStatus(String peer, OrderId id, OrderStatus wanted, Duration timeout) {
            try {
                return reach(peer).here().awaitStatus(id, wanted, timeout);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }

        private KafkaOrderView reach(String peer) {
            KafkaOrderView view = instances.get(peer);
            if (view == null) {
                throw new UncheckedIOException(new IOException(peer + " is away"));
            }
            return view;
        }
    };
    private KafkaSettings settings;
    private String applicationId;
    private KafkaConnection kafka;
    private OrderPublisher publisher;

    @BeforeEach
    void connect() {
        settings = SharedKafka.uniqueSettings();
        applicationId = "view-" + UUID.randomUUID().toString().substring(0, 8);
        kafka = closeLater(KafkaConnection.open(settings, "view-test"));
        kafka.ensureTopics();
        publisher = kafka.publisher();
    }

    @AfterEach
    void closeEverything() throws Exception {
        while (!toClose.isEmpty()) {
            toClose.pop().close();
        }
    }

    private <T extends AutoCloseable> T closeLater(T closeable) {
        toClose.push(closeable);
        return closeable;
    }

    private KafkaOrderView startInstance(String name, Path stateDirectory) {
        return startInstance(name, stateDirectory, 0);
    }

    private KafkaOrderView startInstance(String name, Path stateDirectory, int standbys) {
        return startInstance(name, new ViewSettings(applicationId, stateDirectory, standbys, 16L << 20));
    }

    private KafkaOrderView startInstance(String name, ViewSettings viewSettings) {
        KafkaConnection connection = closeLater(KafkaConnection.open(settings, name));
        KafkaOrderView view = connection.orderView(viewSettings, inProcessPeers);
        instances.put(name + ":1", view);
        view.start(name + ":1");
        closeLater(() -> {
            instances.remove(name + ":1");
            view.close();
        });
        return view;
    }

    private static Path newStateDirectory() throws IOException {
        return Files.createTempDirectory(stateDirectories, "view-");
    }

    private static void awaitReady(KafkaOrderView view) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (view.notReady().isPresent()) {
            assertTrue(System.nanoTime() < deadline, "not ready in time: " + view.notReady());
            Thread.sleep(20);
        }
    }

    private Order publish(OrderEvent event) {
        publisher.publish(event, REQUEST).toCompletableFuture().join();
        return switch (event) {
            case OrderPlaced placed -> placed.order();
            case OrderStatusChanged changed -> changed.order();
            default -> null;
        };
    }

    /**
     * Fills the topics for a test, not under test itself: on a busy machine thousands of sends
     * at once outlasted the 2.5 s a request may wait ("Expiring 50 record(s)"), and with a longer
     * wait sometimes ended in an out-of-order sequence (seen right after the topics were created,
     * within the first seconds of the producer). This filler waits longer, keeps at most 200 in
     * flight, and sends a record Kafka refused again: the view folds an order placed twice once.
     */
    private void publishPatiently(List<OrderEvent> events) {
        try (KafkaConnection filler = KafkaConnection.open(settings.withTimeout(PATIENCE), "filler")) {
            OrderPublisher patient = filler.publisher();
            for (int from = 0; from < events.size(); from += 200) {
                List<OrderEvent> chunk = events.subList(from, Math.min(events.size(), from + 200));
                CompletableFuture.allOf(chunk.stream()
                        .map(event -> publishedAtLast(patient, event, 3))
                        .toArray(CompletableFuture[]::new)).join();
            }
        }
    }

    private static CompletableFuture<Void> publishedAtLast(OrderPublisher publisher, OrderEvent event, int attempts) {
        CompletableFuture<Void> sent = publisher.publish(event, REQUEST).toCompletableFuture();
        return attempts <= 1 ? sent
                : sent.exceptionallyCompose(refused -> publishedAtLast(publisher, event, attempts - 1));
    }

    private Order place(String customer, int secondsAfterT0) {
        return publish(new OrderPlaced(anOrder().forCustomer(customer).placedAt(T0.plusSeconds(secondsAfterT0)).build()));
    }

    @Test
    void an_acknowledged_order_is_found_at_once() throws Exception {
        KafkaOrderView view = startInstance("one", newStateDirectory());
        awaitReady(view);

        for (int i = 0; i < 20; i++) {
            Order placed = place("Ann", i);
            assertEquals(Optional.of(placed), view.find(placed.id()), "read-your-writes, order " + i);
        }
    }

    @Test
    void an_unknown_order_is_not_found() throws Exception {
        KafkaOrderView view = startInstance("one", newStateDirectory());
        awaitReady(view);
        place("Ann", 0);

        assertEquals(Optional.empty(), view.find(OrderId.random()));
    }

    @Test
    void statuses_move_an_order_on_and_never_back() throws Exception {
        KafkaOrderView view = startInstance("one", newStateDirectory());
        awaitReady(view);
        Order placed = place("Ann", 0);
        Order processing = placed.startBrewing(T0.plusSeconds(1));
        Order completed = processing.complete(T0.plusSeconds(2));

        publish(new OrderStatusChanged(completed));
        publish(new OrderStatusChanged(processing));
        publish(new OrderPlaced(placed));

        assertEquals(OrderStatus.COMPLETED,
                view.awaitStatus(placed.id(), OrderStatus.COMPLETED, PATIENCE).orElseThrow().status());
        assertEquals(completed, view.find(placed.id()).orElseThrow());
        assertEquals(List.of(completed), view.list(OrderQuery.newest(10)));
        assertEquals(List.of(), view.list(OrderQuery.newest(10).withStatus(OrderStatus.PENDING)));
    }

    @Test
    void a_blocking_read_answers_when_the_status_comes() throws Exception {
        KafkaOrderView view = startInstance("one", newStateDirectory());
        awaitReady(view);
        Order placed = place("Ann", 0);

        CompletableFuture<Optional<Order>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return view.awaitStatus(placed.id(), OrderStatus.CANCELLED, PATIENCE);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Order processing = publish(new OrderStatusChanged(placed.startBrewing(T0.plusSeconds(1))));

        assertEquals(processing, waiting.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).orElseThrow(),
                "a processing order can no longer be cancelled: the wait is over");
        assertEquals(Optional.of(processing), view.awaitStatus(placed.id(), OrderStatus.COMPLETED,
                Duration.ofMillis(100)), "at the timeout: the order as it is");
    }

    @Test
    void listings_are_newest_first_and_filter_by_status_and_customer() throws Exception {
        KafkaOrderView view = startInstance("one", newStateDirectory());
        awaitReady(view);
        Order annsOld = place("Ann", 1);
        Order bobs = place("Bob", 2);
        Order annsNew = place("ANN", 3);
        Order annsDone = publish(new OrderStatusChanged(annsOld.startBrewing(T0.plusSeconds(9)).complete(T0.plusSeconds(10))));
        view.awaitStatus(annsOld.id(), OrderStatus.COMPLETED, PATIENCE);
        // a listing does not wait for what was just written (a find does): folded first
        view.find(bobs.id());
        view.find(annsNew.id());

        assertEquals(List.of(annsNew, bobs, annsDone), view.list(OrderQuery.newest(10)));
        assertEquals(List.of(annsNew, bobs), view.list(OrderQuery.newest(2)));
        assertEquals(List.of(annsNew, annsDone), view.list(OrderQuery.newest(10).withCustomer(new CustomerName("ann"))));
        assertEquals(List.of(annsDone), view.list(OrderQuery.newest(10).withCustomer(new CustomerName("Ann"))
                .withStatus(OrderStatus.COMPLETED)));
        assertEquals(List.of(annsNew, bobs), view.list(OrderQuery.newest(10).withStatus(OrderStatus.PENDING)));
        assertEquals(List.of(), view.list(OrderQuery.newest(10).withCustomer(new CustomerName("Annabel"))));
    }

    @Test
    void with_a_retention_finished_orders_placed_before_it_are_forgotten_and_the_rest_kept() throws Exception {
        KafkaOrderView view = startInstance("one",
                new ViewSettings(applicationId, newStateDirectory(), 0, 16L << 20, Duration.ofMinutes(1)));
        awaitReady(view);
        Instant now = Instant.now();
        Order oldCompleted = publish(new OrderStatusChanged(place("Ann", 0).startBrewing(T0.plusSeconds(1))
                .complete(T0.plusSeconds(2))));
        Order oldCancelled = publish(new OrderStatusChanged(place("Ann", 3).cancel(T0.plusSeconds(4))));
        Order oldPending = place("Ann", 5);
        Order newCompleted = publish(new OrderStatusChanged(publish(new OrderPlaced(anOrder().forCustomer("Ann")
                .placedAt(now).build())).startBrewing(now).complete(now)));
        view.awaitStatus(newCompleted.id(), OrderStatus.COMPLETED, PATIENCE);

        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (view.find(oldCompleted.id()).isPresent() || view.find(oldCancelled.id()).isPresent()) {
            assertTrue(System.nanoTime() < deadline, "finished orders older than the retention still in the view");
            Thread.sleep(100);
        }

        assertEquals(List.of(newCompleted, oldPending), view.list(OrderQuery.newest(10)),
                "an unfinished order stays however old it is");
        assertEquals(List.of(newCompleted, oldPending),
                view.list(OrderQuery.newest(10).withCustomer(new CustomerName("Ann"))));
        assertEquals(List.of(newCompleted), view.list(OrderQuery.newest(10).withStatus(OrderStatus.COMPLETED)));
        assertEquals(List.of(), view.list(OrderQuery.newest(10).withStatus(OrderStatus.CANCELLED)));
    }

    @Test
    void a_first_start_on_a_history_answers_reads_only_once_it_has_folded_it() throws Exception {
        List<Order> history = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            history.add(anOrder().forCustomer("Guest " + (i % 50)).placedAt(T0.plusSeconds(i)).build());
        }
        publishPatiently(history.stream().<OrderEvent>map(OrderPlaced::new).toList());

        KafkaOrderView view = startInstance("one", newStateDirectory());
        awaitReady(view);

        List<OrderId> newest = history.reversed().subList(0, 100).stream().map(Order::id).toList();
        assertEquals(newest, view.list(OrderQuery.newest(100)).stream().map(Order::id).toList(),
                "ready means the history is folded: a listing (which does not wait) shows all of it");
        assertEquals(60, view.list(OrderQuery.newest(100).withCustomer(new CustomerName("Guest 7"))).size(),
                "every 50th order of the 3,000 is Guest 7's");
    }

    /** An instance "first" with this state directory folds {@code count} new orders, then stops. */
    private List<Order> placedThenStopped(Path state, int count) throws Exception {
        List<Order> placed = new ArrayList<>();
        try (KafkaConnection first = KafkaConnection.open(settings, "first")) {
            KafkaOrderView view = first.orderView(new ViewSettings(applicationId, state, 0, 16L << 20), inProcessPeers);
            instances.put("first:1", view);
            view.start("first:1");
            awaitReady(view);
            for (int i = 0; i < count; i++) {
                placed.add(place("Guest " + (i % 7), i));
            }
            assertEquals(Optional.of(placed.getLast()), view.find(placed.getLast().id()));
            view.close();
            instances.remove("first:1");
        }
        return placed;
    }

    @Test
    void a_restart_with_its_state_directory_restores_nothing_and_sees_everything() throws Exception {
        Path state = newStateDirectory();
        List<Order> placed = placedThenStopped(state, 200);

        KafkaOrderView restarted = startInstance("first", state);
        awaitReady(restarted);

        assertEquals(0, restarted.restoredRecords(), "resumed from its checkpoint");
        for (Order order : placed) {
            assertEquals(Optional.of(order), restarted.find(order.id()));
        }
        assertEquals(50, restarted.list(OrderQuery.newest(50)).size());
    }

    @Test
    void a_state_directory_of_an_earlier_layout_is_restored_again_not_read() throws Exception {
        Path state = newStateDirectory();
        List<Order> placed = placedThenStopped(state, 100);
        // what a build before the layout file kept: its stores, and no word of their layout
        Files.delete(state.resolve(LocalStateOwner.LAYOUT_FILE));

        KafkaOrderView restarted = startInstance("first", state);
        awaitReady(restarted);

        assertTrue(restarted.restoredRecords() >= 100, "restored " + restarted.restoredRecords());
        assertEquals(placed.reversed().subList(0, 50), restarted.list(OrderQuery.newest(50)));
        assertEquals(LocalStateOwner.LAYOUT, Files.readString(state.resolve(LocalStateOwner.LAYOUT_FILE)));
    }

    @Test
    void a_restart_lists_the_statuses_written_while_it_was_down_from_its_first_answer() throws Exception {
        Path state = newStateDirectory();
        List<Order> placed = placedThenStopped(state, 500);
        // while the producer is down, the consumers complete every order
        publishPatiently(placed.stream().<OrderEvent>map(order -> new OrderStatusChanged(
                order.startBrewing(T0.plusSeconds(600)).complete(T0.plusSeconds(601)))).toList());

        KafkaOrderView restarted = startInstance("first", state);

        // no wait for readiness: the first listing it gives must already be the whole truth
        List<Order> completed = firstListing(restarted, OrderQuery.newest(500).withStatus(OrderStatus.COMPLETED));
        assertEquals(500, completed.size(), "every order completed while the view was down is listed so");
    }

    /** The first listing the view answers at all; a 503 (starting, restoring, catching up) is asked again. */
    private static List<Order> firstListing(KafkaOrderView view, OrderQuery query) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            try {
                return view.list(query);
            } catch (OrderViewUnavailableException notYet) {
                assertTrue(System.nanoTime() < deadline, "no listing in time: " + notYet.getMessage());
                Thread.sleep(20);
            }
        }
    }

    @Test
    void a_new_instance_restores_the_orders_from_kafka() throws Exception {
        List<Order> placed = new ArrayList<>();
        try (KafkaConnection first = KafkaConnection.open(settings, "first")) {
            KafkaOrderView view = first.orderView(
                    new ViewSettings(applicationId, newStateDirectory(), 0, 16L << 20), inProcessPeers);
            view.start("first:1");
            awaitReady(view);
            for (int i = 0; i < 100; i++) {
                placed.add(place(i % 2 == 0 ? "Guest" : "Host", i));
            }
            assertEquals(Optional.of(placed.getLast()), view.find(placed.getLast().id()));
            Order completed = publish(new OrderStatusChanged(
                    placed.getFirst().startBrewing(T0.plusSeconds(200)).complete(T0.plusSeconds(201))));
            placed.set(0, completed);
            view.awaitStatus(completed.id(), OrderStatus.COMPLETED, PATIENCE);
            view.close();
        }

        KafkaOrderView fresh = startInstance("fresh", newStateDirectory());
        awaitReady(fresh);

        assertTrue(fresh.restoredRecords() >= 100, "restored " + fresh.restoredRecords());
        for (Order order : placed) {
            assertEquals(Optional.of(order), fresh.find(order.id()));
        }
        // the changelog holds the orders only: their index entries came back with them
        List<Order> newestFirst = placed.reversed();
        assertEquals(newestFirst.subList(0, 99), fresh.list(OrderQuery.newest(200).withStatus(OrderStatus.PENDING)));
        assertEquals(List.of(placed.getFirst()), fresh.list(OrderQuery.newest(200).withStatus(OrderStatus.COMPLETED)));
        assertEquals(newestFirst.stream().filter(order -> order.customer().value().equals("Host")).toList(),
                fresh.list(OrderQuery.newest(200).withCustomer(new CustomerName("host"))));
    }

    @Test
    void two_instances_share_the_orders_and_each_answers_for_all() throws Exception {
        KafkaOrderView one = startInstance("one", newStateDirectory());
        KafkaOrderView two = startInstance("two", newStateDirectory());
        awaitReady(one);
        awaitReady(two);
        awaitBothHoldPartitions(one, two);

        List<Order> placed = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Order order = place("Guest " + (i % 3), i);
            placed.add(order);
            KafkaOrderView other = i % 2 == 0 ? two : one;
            assertEquals(Optional.of(order), other.find(order.id()), "read-your-writes on either instance");
        }
        List<Order> newestFirst = placed.reversed();
        assertEquals(newestFirst.subList(0, 25), one.list(OrderQuery.newest(25)));
        assertEquals(newestFirst.subList(0, 25), two.list(OrderQuery.newest(25)));
        assertTrue(one.here().list(OrderQuery.newest(40)).size() < 40, "each holds only its share");
        Order heldByTwo = placed.stream().filter(order -> one.here().list(OrderQuery.newest(40)).stream()
                .noneMatch(mine -> mine.id().equals(order.id()))).findFirst().orElseThrow();
        long asked = System.nanoTime();
        assertThrows(OrderViewUnavailableException.class, () -> one.here().find(heldByTwo.id()),
                "asked about an order it does not hold (the asker's map was old), an instance says so");
        assertTrue(System.nanoTime() - asked < CatchUpWaits.PATIENCE.toNanos(),
                "at once, without waiting to catch up on a partition it does not fold");

        Order first = placed.getFirst();
        CompletableFuture<Optional<Order>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return one.awaitStatus(first.id(), OrderStatus.PROCESSING, PATIENCE);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        publish(new OrderStatusChanged(first.startBrewing(T0.plusSeconds(100))));
        assertEquals(OrderStatus.PROCESSING, waiting.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).orElseThrow().status());
    }

    private static void awaitBothHoldPartitions(KafkaOrderView one, KafkaOrderView two) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (one.partitionsHeldHere().isEmpty() || two.partitionsHeldHere().isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "partitions not shared in time");
            Thread.sleep(50);
        }
    }
}
