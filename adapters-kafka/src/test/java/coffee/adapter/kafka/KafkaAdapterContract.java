package coffee.adapter.kafka;

import static coffee.domain.OrderTestData.aPendingOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coffee.application.port.out.Barista;
import coffee.application.readmodel.InMemoryOrderRepository;
import coffee.application.readmodel.RecentOrders;
import coffee.application.service.BrewingService;
import coffee.application.service.GatedBarista;
import coffee.application.service.OrderProjection;
import coffee.domain.Order;
import coffee.domain.OrderCancelRequested;
import coffee.domain.OrderId;
import coffee.domain.OrderPlaced;
import coffee.domain.OrderStatus;
import coffee.domain.OrderStatusChanged;
import coffee.domain.RequestId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the Kafka adapter promises, checked against a real broker. Subclasses say which broker:
 * the embedded one everywhere, Testcontainers' where Docker runs.
 */
abstract class KafkaAdapterContract {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final RequestId REQUEST = new RequestId("req-contract");

    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
    private KafkaSettings settings;
    /** Publishes test events, as a producer process would. */
    private KafkaConnection kafka;
    /**
     * Reads them back, as another process would: a connection passes over what it wrote itself
     * (its writers keep their own view), so reading through the publishing one would see nothing.
     */
    private KafkaConnection observer;

    protected abstract String bootstrapServers();

    @BeforeEach
    void connect() {
        settings = SharedKafka.uniqueSettings(bootstrapServers());
        kafka = closeLater(KafkaConnection.open(settings, "contract"));
        observer = closeLater(KafkaConnection.open(settings, "observer"));
        kafka.ensureTopics();
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

    /** A view of all orders, fed from both topics, as the producer keeps it. */
    private InMemoryOrderRepository producerView() throws InterruptedException {
        InMemoryOrderRepository view = new InMemoryOrderRepository();
        closeLater(observer.followOrdersAndStatuses(new OrderProjection(view), StartAt.BEGINNING));
        return view;
    }

    /** A consumer with its own status view and baristas, as the consumer role runs it. */
    private void startConsumer(Barista barista, int concurrency) throws InterruptedException {
        KafkaConnection consumerKafka = closeLater(KafkaConnection.open(settings, "baristas"));
        InMemoryOrderRepository known = new InMemoryOrderRepository();
        BrewingService baristas = closeLater(new BrewingService(consumerKafka.publisher(), known, barista,
                Clock.systemUTC(), concurrency));
        closeLater(consumerKafka.consume(baristas, new OrderProjection(known)));
    }

    private static Order awaitStatus(InMemoryOrderRepository view, OrderId id, OrderStatus wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            Order order = view.find(id).orElse(null);
            if (order != null && order.status() == wanted) {
                return order;
            }
            view.awaitStatusOtherThan(id, order == null ? wanted : order.status(), Duration.ofMillis(200));
        }
        throw new AssertionError("order " + id + " never became " + wanted.wireName() + "; it is "
                + view.find(id).map(o -> o.status().wireName()).orElse("unknown"));
    }

    private void publish(Object event) {
        kafka.publisher().publish((coffee.domain.OrderEvent) event, REQUEST).toCompletableFuture().join();
    }

    @Test
    void the_three_topics_are_created_once_and_the_status_topic_is_compacted() throws Exception {
        kafka.ensureTopics();

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            assertTrue(admin.listTopics().names().get(10, TimeUnit.SECONDS)
                    .containsAll(Set.of(settings.ordersTopic(), settings.statusTopic(), settings.deadLetterTopic())));
            ConfigResource status = new ConfigResource(ConfigResource.Type.TOPIC, settings.statusTopic());
            Config config = admin.describeConfigs(List.of(status)).all().get(10, TimeUnit.SECONDS).get(status);
            assertEquals(TopicConfig.CLEANUP_POLICY_COMPACT, config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value());
            assertEquals(3, admin.describeTopics(List.of(settings.ordersTopic())).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get(settings.ordersTopic()).partitions().size());
        }
        assertTrue(kafka.problem().isEmpty());
    }

    @Test
    void a_published_order_carries_its_id_as_key_and_the_request_id_as_header() {
        Order order = aPendingOrder();

        publish(new OrderPlaced(order));

        ConsumerRecord<byte[], byte[]> record =
                TopicReader.read(settings, settings.ordersTopic(), 1, PATIENCE).get(0);
        assertEquals(order.id().toString(), new String(record.key(), StandardCharsets.UTF_8));
        assertEquals(REQUEST.value(), Headers.text(record.headers(), Headers.REQUEST_ID).orElseThrow());
    }

    @Test
    void one_order_is_looked_up_by_id_with_its_latest_status_from_both_topics() {
        // enough orders that some land on every partition: the lookup reads only its key's
        List<Order> placed = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Order order = aPendingOrder();
            placed.add(order);
            publish(new OrderPlaced(order));
        }
        Order brewed = placed.get(0).startBrewing(placed.get(0).createdAt().plusSeconds(1));
        Order completed = brewed.complete(brewed.updatedAt().plusSeconds(1));
        publish(new OrderStatusChanged(brewed));
        publish(new OrderStatusChanged(completed));
        publish(new OrderCancelRequested(placed.get(0).id(), completed.updatedAt()));
        Order cancelled = placed.get(1).cancel(placed.get(1).createdAt().plusSeconds(1));
        publish(new OrderStatusChanged(cancelled));

        assertEquals(Optional.of(completed), observer.findOrder(placed.get(0).id()));
        assertEquals(Optional.of(cancelled), observer.findOrder(placed.get(1).id()));
        for (Order pending : placed.subList(2, placed.size())) {
            assertEquals(Optional.of(pending), observer.findOrder(pending.id()));
        }
        assertEquals(Optional.empty(), observer.findOrder(OrderId.random()));
    }

    @Test
    void a_status_without_its_placed_order_is_found_too() {
        Order order = aPendingOrder().startBrewing(aPendingOrder().createdAt());

        publish(new OrderStatusChanged(order));

        assertEquals(Optional.of(order), observer.findOrder(order.id()));
    }

    @Test
    void a_feed_from_the_beginning_rebuilds_every_order_already_in_kafka() throws Exception {
        Order first = aPendingOrder();
        Order second = aPendingOrder();
        publish(new OrderPlaced(first));
        publish(new OrderPlaced(second));

        InMemoryOrderRepository view = new InMemoryOrderRepository();
        OrderFeed feed = closeLater(observer.followOrdersAndStatuses(new OrderProjection(view), StartAt.BEGINNING));
        feed.awaitCaughtUp(PATIENCE);

        assertEquals(first, view.find(first.id()).orElseThrow());
        assertEquals(second, view.find(second.id()).orElseThrow());
    }

    @Test
    void a_consumer_brews_a_placed_order_and_the_view_sees_it_completed() throws Exception {
        InMemoryOrderRepository view = producerView();
        startConsumer(Barista.takingTime(Duration.ZERO), 2);
        Order order = aPendingOrder();

        publish(new OrderPlaced(order));

        awaitStatus(view, order.id(), OrderStatus.COMPLETED);
        List<ConsumerRecord<byte[], byte[]>> statuses = TopicReader.read(settings, settings.statusTopic(), 2, PATIENCE);
        assertEquals(2, statuses.size(), "processing, then completed");
        statuses.forEach(record ->
                assertEquals(REQUEST.value(), Headers.text(record.headers(), Headers.REQUEST_ID).orElseThrow()));
    }

    @Test
    void an_order_waiting_behind_a_brew_can_be_cancelled_and_is_never_brewed() throws Exception {
        InMemoryOrderRepository view = producerView();
        GatedBarista barista = new GatedBarista();
        startConsumer(barista, 1);
        // same key ordering is per order, so the two orders may sit on different partitions:
        // one barista means the second waits whichever partition it is on
        Order brewing = aPendingOrder();
        Order waiting = aPendingOrder();
        publish(new OrderPlaced(brewing));
        barista.awaitFirstStarted();
        publish(new OrderPlaced(waiting));
        awaitStatus(view, waiting.id(), OrderStatus.PENDING);

        publish(new OrderCancelRequested(waiting.id(), java.time.Instant.now()));
        awaitStatus(view, waiting.id(), OrderStatus.CANCELLED);
        barista.releaseAll();

        awaitStatus(view, brewing.id(), OrderStatus.COMPLETED);
        assertEquals(List.of(brewing.id()), barista.started());
    }

    @Test
    void records_nobody_can_read_go_to_the_dead_letter_topic_and_real_orders_still_get_brewed() throws Exception {
        InMemoryOrderRepository view = producerView();
        startConsumer(Barista.takingTime(Duration.ZERO), 2);
        byte[] poison = "{not json".getBytes(StandardCharsets.UTF_8);

        TopicReader.write(settings, settings.ordersTopic(), "k".getBytes(StandardCharsets.UTF_8), poison);
        Order order = aPendingOrder();
        publish(new OrderPlaced(order));

        awaitStatus(view, order.id(), OrderStatus.COMPLETED);
        List<ConsumerRecord<byte[], byte[]>> letters = TopicReader.read(settings, settings.deadLetterTopic(), 1, PATIENCE);
        assertEquals(1, letters.size());
        ConsumerRecord<byte[], byte[]> letter = letters.get(0);
        assertEquals("{not json", new String(letter.value(), StandardCharsets.UTF_8));
        assertEquals("k", new String(letter.key(), StandardCharsets.UTF_8));
        assertEquals(settings.ordersTopic(), Headers.text(letter.headers(), Headers.DLQ_SOURCE_TOPIC).orElseThrow());
        assertTrue(Headers.text(letter.headers(), Headers.DLQ_SOURCE_OFFSET).isPresent());
        assertTrue(Headers.text(letter.headers(), Headers.DLQ_ERROR).orElseThrow().contains("JSON"));
    }

    @Test
    void a_consumer_that_takes_over_does_not_brew_again_what_was_handled() throws Exception {
        InMemoryOrderRepository view = producerView();
        startConsumer(Barista.takingTime(Duration.ZERO), 2);
        List<Order> orders = List.of(aPendingOrder(), aPendingOrder(), aPendingOrder());
        orders.forEach(order -> publish(new OrderPlaced(order)));
        for (Order order : orders) {
            awaitStatus(view, order.id(), OrderStatus.COMPLETED);
        }
        closeEverything();
        kafka = closeLater(KafkaConnection.open(settings, "contract"));
        observer = closeLater(KafkaConnection.open(settings, "observer"));
        view = producerView();

        startConsumer(Barista.takingTime(Duration.ZERO), 2);
        Order later = aPendingOrder();
        publish(new OrderPlaced(later));
        awaitStatus(view, later.id(), OrderStatus.COMPLETED);

        List<ConsumerRecord<byte[], byte[]>> statuses = TopicReader.read(settings, settings.statusTopic(), 8, PATIENCE);
        assertEquals(8, statuses.size(), "two statuses per order, none twice");
    }

    @Test
    void a_consumer_taking_over_at_a_history_reads_only_recent_statuses_and_brews_nothing_twice() throws Exception {
        // an hour of history, one order every 10 s, each brewed; the group committed past all of it
        int history = 360;
        long start = System.currentTimeMillis() - Duration.ofHours(1).toMillis();
        try (KafkaProducer<byte[], byte[]> writer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (int i = 0; i < history; i++) {
                long at = start + i * 10_000L;
                Order placed = coffee.domain.OrderTestData.anOrder().placedAt(java.time.Instant.ofEpochMilli(at)).build();
                Order completed = placed.startBrewing(placed.createdAt()).complete(placed.createdAt().plusSeconds(1));
                byte[] key = placed.id().toString().getBytes(StandardCharsets.UTF_8);
                writer.send(new ProducerRecord<>(settings.ordersTopic(), null, at, key,
                        EventCodec.encode(new OrderPlaced(placed))));
                writer.send(new ProducerRecord<>(settings.statusTopic(), null, at + 500, key,
                        EventCodec.encode(new OrderStatusChanged(placed.startBrewing(placed.createdAt())))));
                writer.send(new ProducerRecord<>(settings.statusTopic(), null, at + 1000, key,
                        EventCodec.encode(new OrderStatusChanged(completed))));
            }
        }
        commitEverythingAsHandled(start + (history - 1) * 10_000L);
        InMemoryOrderRepository view = producerView();

        KafkaConnection consumerKafka = closeLater(KafkaConnection.open(settings, "baristas"));
        RecentOrders known = new RecentOrders(10_000);
        BrewingService baristas = closeLater(new BrewingService(consumerKafka.publisher(), known,
                Barista.takingTime(Duration.ZERO), Clock.systemUTC(), 2));
        OrderConsumer consumer = closeLater(consumerKafka.consume(baristas, new OrderProjection(known)));
        Order fresh = aPendingOrder();
        publish(new OrderPlaced(fresh));
        awaitStatus(view, fresh.id(), OrderStatus.COMPLETED);

        assertTrue(consumer.statusesRead() <= 3 * 2 * 2, "read only the statuses of the last ~30 s of history, not "
                + "all " + 2 * history + ": read " + consumer.statusesRead());
        List<ConsumerRecord<byte[], byte[]>> statuses = TopicReader.readAll(settings, settings.statusTopic(),
                Duration.ofSeconds(1));
        assertEquals(2 * history + 2, statuses.size(), "the new order brewed, nothing of the history again");
    }

    /** The baristas' group has handled every order in the topic; the last one polled at {@code lastPolled}. */
    private void commitEverythingAsHandled(long lastPolled) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest =
                    new java.util.HashMap<>();
            for (int partition = 0; partition < settings.partitions(); partition++) {
                latest.put(new org.apache.kafka.common.TopicPartition(settings.ordersTopic(), partition),
                        org.apache.kafka.clients.admin.OffsetSpec.latest());
            }
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> commits =
                    new java.util.HashMap<>();
            admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).forEach((partition, end) -> commits.put(partition,
                    new org.apache.kafka.clients.consumer.OffsetAndMetadata(end.offset(),
                            ReplayWindow.metadata(lastPolled))));
            admin.alterConsumerGroupOffsets(settings.groupId(), commits).all().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void a_feed_passes_over_what_its_own_connection_published_and_reads_what_others_did() throws Exception {
        Order mine = aPendingOrder();
        Order theirs = aPendingOrder();
        kafka.publisher().publish(new OrderPlaced(mine), REQUEST).toCompletableFuture().join();
        observer.publisher().publish(new OrderPlaced(theirs), REQUEST).toCompletableFuture().join();

        InMemoryOrderRepository view = new InMemoryOrderRepository();
        OrderFeed feed = closeLater(kafka.followOrdersAndStatuses(new OrderProjection(view), StartAt.BEGINNING));
        feed.awaitCaughtUp(PATIENCE);

        assertTrue(view.find(mine.id()).isEmpty(), "its own write is the writer's to keep");
        assertEquals(theirs, view.find(theirs.id()).orElseThrow());
    }
}
