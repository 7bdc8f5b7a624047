package coffee.adapter.kafka;

import static coffee.domain.OrderTestData.T0;
import static coffee.domain.OrderTestData.anOrder;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import coffee.domain.Order;
import coffee.domain.OrderEvent;
import coffee.domain.OrderPlaced;
import coffee.domain.OrderStatus;
import coffee.domain.OrderStatusChanged;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.BytesSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The view's topology fed record by record by Kafka Streams' own test driver: what each event
 * writes to the stores and to their changelogs, which a new instance reads back.
 */
class OrderViewProcessorTest {

    private static final String APPLICATION = "view-test";

    @TempDir
    Path stateDirectory;

    private final ViewProgress ordersFolded = new ViewProgress();
    private final RecentPlacements recent = new RecentPlacements(ordersFolded);
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> orders;
    private TestInputTopic<byte[], byte[]> statuses;

    @BeforeEach
    void start() throws Exception {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION);
        config.put(StreamsConfig.STATE_DIR_CONFIG, Files.createDirectories(stateDirectory).toString());
        driver = new TopologyTestDriver(OrderViewTopology.build("orders", "statuses", ordersFolded,
                new ViewProgress(), new OrderWatchers(), recent, Duration.ZERO), config);
        orders = driver.createInputTopic("orders", new ByteArraySerializer(), new ByteArraySerializer());
        statuses = driver.createInputTopic("statuses", new ByteArraySerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void an_orders_life_logs_each_of_its_versions_and_nothing_of_its_index_entries() {
        Order placed = anOrder().forCustomer("Ann").placedAt(T0).build();
        Order brewing = placed.startBrewing(T0.plusSeconds(1));
        Order completed = brewing.complete(T0.plusSeconds(2));

        send(orders, new OrderPlaced(placed));
        send(statuses, new OrderStatusChanged(brewing));
        send(statuses, new OrderStatusChanged(completed));

        assertEquals(List.of(OrderStatus.COMPLETED), statusesIndexed());
        assertEquals(1, count(ViewKeys.customerPrefix(placed.customer())), "customer index entries");
        // the three versions of the order, under its id: a new instance restores them and derives
        // the index entries again (IndexedOrderStore), so those are never sent to Kafka
        List<KeyValue<byte[], byte[]>> logged = changelog(OrderViewTopology.ORDERS);
        assertEquals(3, logged.size(), "orders changelog records");
        for (KeyValue<byte[], byte[]> record : logged) {
            assertArrayEquals(ViewKeys.id(placed.id()), record.key);
        }
        assertArrayEquals(ViewKeys.order(completed), logged.getLast().value);
    }

    @Test
    void another_producers_version_of_an_idempotent_order_moves_its_customer_entry() {
        Order mine = anOrder().forCustomer("Ann").placedAt(T0).build();
        Order theirs = new Order(mine.id(), mine.customer(), mine.drink(), OrderStatus.PROCESSING,
                T0.plusMillis(5), T0.plusSeconds(1));

        send(orders, new OrderPlaced(mine));
        send(statuses, new OrderStatusChanged(theirs));

        KeyValueStore<Bytes, byte[]> store = driver.getKeyValueStore(OrderViewTopology.ORDERS);
        assertEquals(1, count(ViewKeys.customerPrefix(mine.customer())));
        assertEquals(null, store.get(Bytes.wrap(ViewKeys.byCustomer(mine))));
        assertEquals(0, store.get(Bytes.wrap(ViewKeys.byCustomer(theirs))).length);
    }

    @Test
    void a_folded_order_leaves_the_recent_placements_and_its_offset_counts_as_folded() {
        Order acknowledgedFirst = anOrder().placedAt(T0).build();
        Order foldedFirst = anOrder().placedAt(T0).build();
        recent.acknowledged(acknowledgedFirst, 0, 0);

        send(orders, new OrderPlaced(acknowledgedFirst));
        send(orders, new OrderPlaced(foldedFirst));
        recent.acknowledged(foldedFirst, 0, 1);

        assertEquals(1, ordersFolded.position(0));
        assertEquals(Optional.empty(), recent.find(acknowledgedFirst.id()), "removed when folded");
        assertEquals(Optional.empty(), recent.find(foldedFirst.id()), "never added: the view had it");
    }

    private void send(TestInputTopic<byte[], byte[]> topic, OrderEvent event) {
        topic.pipeInput(ViewKeys.id(event.orderId()), EventCodec.encode(event));
    }

    private List<KeyValue<byte[], byte[]>> changelog(String store) {
        return driver.createOutputTopic(APPLICATION + "-" + store + "-changelog", new ByteArrayDeserializer(),
                new ByteArrayDeserializer()).readKeyValuesToList();
    }

    private List<OrderStatus> statusesIndexed() {
        List<OrderStatus> indexed = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> entries = scan(new byte[] {ViewKeys.BY_STATUS})) {
            entries.forEachRemaining(entry -> indexed.add(ViewKeys.statusOf(entry.key.get())));
        }
        return indexed;
    }

    private int count(byte[] prefix) {
        int count = 0;
        try (KeyValueIterator<Bytes, byte[]> entries = scan(prefix)) {
            while (entries.hasNext()) {
                entries.next();
                count++;
            }
        }
        return count;
    }

    private KeyValueIterator<Bytes, byte[]> scan(byte[] prefix) {
        return driver.<Bytes, byte[]>getKeyValueStore(OrderViewTopology.ORDERS)
                .prefixScan(Bytes.wrap(prefix), new BytesSerializer());
    }
}
