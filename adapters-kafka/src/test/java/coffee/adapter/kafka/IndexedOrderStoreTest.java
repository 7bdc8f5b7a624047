package coffee.adapter.kafka;

import static coffee.domain.OrderTestData.T0;
import static coffee.domain.OrderTestData.anOrder;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import coffee.domain.CustomerName;
import coffee.domain.Order;
import coffee.domain.OrderStatus;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.serialization.BytesSerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.BatchingStateRestoreCallback;
import org.apache.kafka.streams.processor.CommitCallback;
import org.apache.kafka.streams.processor.StateRestoreCallback;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The view's store on a real RocksDB: an order written, or restored from the changelog as a new
 * instance or a standby does, brings its index entries, and they move and go with it.
 */
class IndexedOrderStoreTest {

    private static final BytesSerializer KEYS = new BytesSerializer();

    @TempDir
    Path stateDirectory;

    private final CapturingContext context = new CapturingContext();
    private KeyValueStore<Bytes, byte[]> store;

    @BeforeEach
    void open() {
        store = IndexedOrderStore.supplier("orders").get();
        store.init(context, store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void a_written_order_is_listed_by_status_and_customer_and_its_status_entry_moves_with_it() {
        Order placed = anOrder().forCustomer("Ann").placedAt(T0).build();
        Order brewing = placed.startBrewing(T0.plusSeconds(1));

        store.put(id(placed), ViewKeys.order(placed));
        store.put(id(brewing), ViewKeys.order(brewing));

        assertArrayEquals(ViewKeys.order(brewing), store.get(id(brewing)));
        assertEquals(List.of(), indexed(ViewKeys.statusPrefix(OrderStatus.PENDING)));
        assertEquals(List.of(Bytes.wrap(ViewKeys.byStatus(brewing))),
                indexed(ViewKeys.statusPrefix(OrderStatus.PROCESSING)));
        assertEquals(List.of(Bytes.wrap(ViewKeys.byCustomer(brewing))),
                indexed(ViewKeys.customerPrefix(placed.customer())));
    }

    @Test
    void a_deleted_order_takes_its_entries_with_it() {
        Order placed = anOrder().forCustomer("Ann").placedAt(T0).build();
        store.put(id(placed), ViewKeys.order(placed));

        assertArrayEquals(ViewKeys.order(placed), store.delete(id(placed)));

        assertNull(store.get(id(placed)));
        assertEquals(List.of(), everything());
    }

    @Test
    void orders_restored_from_the_changelog_bring_their_index_entries() {
        Order ann = anOrder().forCustomer("Ann").placedAt(T0).build();
        Order annCompleted = ann.startBrewing(T0.plusSeconds(1)).complete(T0.plusSeconds(2));
        Order bob = anOrder().forCustomer("Bob").placedAt(T0.plusSeconds(3)).build();
        Order forgotten = anOrder().forCustomer("Cy").placedAt(T0.plusSeconds(4)).build();

        // one batch of the changelog, as a restore reads it: every version, and a deletion
        context.restoreCallback().restoreAll(List.of(
                record(ann), record(bob), record(forgotten), record(annCompleted),
                new KeyValue<>(ViewKeys.id(forgotten.id()), null)));

        assertArrayEquals(ViewKeys.order(annCompleted), store.get(id(ann)));
        assertNull(store.get(id(forgotten)));
        assertEquals(List.of(Bytes.wrap(ViewKeys.byStatus(annCompleted))),
                indexed(ViewKeys.statusPrefix(OrderStatus.COMPLETED)));
        assertEquals(List.of(Bytes.wrap(ViewKeys.byStatus(bob))), indexed(ViewKeys.statusPrefix(OrderStatus.PENDING)));
        assertEquals(List.of(Bytes.wrap(ViewKeys.byCustomer(ann))), indexed(ViewKeys.customerPrefix(ann.customer())));
        assertEquals(List.of(), indexed(ViewKeys.customerPrefix(forgotten.customer())));
        assertEquals(2 + 2 * 2, everything().size(), "two orders and their two entries each");
    }

    @Test
    void a_later_version_restored_in_another_batch_moves_the_status_entry_without_reading() {
        Order placed = anOrder().forCustomer("Ann").placedAt(T0).build();
        Order completed = placed.startBrewing(T0.plusSeconds(1)).complete(T0.plusSeconds(2));

        context.restoreCallback().restoreAll(List.of(record(placed)));
        context.restoreCallback().restoreAll(List.of(record(completed)));

        assertEquals(List.of(), indexed(ViewKeys.statusPrefix(OrderStatus.PENDING)));
        assertEquals(List.of(Bytes.wrap(ViewKeys.byStatus(completed))),
                indexed(ViewKeys.statusPrefix(OrderStatus.COMPLETED)));
        assertEquals(List.of(Bytes.wrap(ViewKeys.byCustomer(completed))),
                indexed(ViewKeys.customerPrefix(placed.customer())));
    }

    @Test
    void another_producers_version_moves_every_entry_when_written_and_a_restore_leaves_no_entry_that_reads_as_current() {
        Order mine = anOrder().forCustomer("Ann").placedAt(T0).build();
        Order theirs = new Order(mine.id(), new CustomerName("Annie"), mine.drink(), OrderStatus.PROCESSING,
                T0.plusMillis(5), T0.plusSeconds(1));

        store.put(id(mine), ViewKeys.order(mine));
        store.put(id(theirs), ViewKeys.order(theirs));
        assertEquals(List.of(Bytes.wrap(ViewKeys.byStatus(theirs)), Bytes.wrap(ViewKeys.byCustomer(theirs))),
                indexEntries(), "written: the old version's entries are gone");

        store.delete(id(mine));
        context.restoreCallback().restoreAll(List.of(record(mine)));
        context.restoreCallback().restoreAll(List.of(record(theirs)));
        List<Bytes> restored = indexEntries();
        assertEquals(2, restored.stream().filter(entry -> IndexedOrderStore.isEntryOf(entry.get(), theirs)).count());
        assertEquals(List.of(Bytes.wrap(ViewKeys.byStatus(theirs)), Bytes.wrap(ViewKeys.byCustomer(theirs))),
                restored.stream().filter(entry -> IndexedOrderStore.isEntryOf(entry.get(), theirs)).toList(),
                "whatever else a restore leaves, the readers pass over");
    }

    @Test
    void of_the_versions_of_an_order_in_one_restored_batch_only_the_last_is_written() {
        Order mine = anOrder().forCustomer("Ann").placedAt(T0).build();
        Order theirs = new Order(mine.id(), new CustomerName("Annie"), mine.drink(), OrderStatus.PROCESSING,
                T0.plusMillis(5), T0.plusSeconds(1));

        context.restoreCallback().restoreAll(List.of(record(mine), record(theirs)));

        assertArrayEquals(ViewKeys.order(theirs), store.get(id(mine)));
        assertEquals(List.of(Bytes.wrap(ViewKeys.byStatus(theirs)), Bytes.wrap(ViewKeys.byCustomer(theirs))),
                indexEntries(), "no entry of the version the same batch replaced");
    }

    @Test
    void only_orders_are_written_the_index_entries_follow() {
        Order placed = anOrder().placedAt(T0).build();

        assertThrows(IllegalArgumentException.class,
                () -> store.put(Bytes.wrap(ViewKeys.byStatus(placed)), ViewKeys.NO_VALUE));
    }

    @Test
    void it_restores_through_its_own_callback_not_rocksdbs() {
        assertInstanceOf(BatchingStateRestoreCallback.class, context.restoreCallback);
    }

    private static Bytes id(Order order) {
        return Bytes.wrap(ViewKeys.id(order.id()));
    }

    private static KeyValue<byte[], byte[]> record(Order order) {
        return new KeyValue<>(ViewKeys.id(order.id()), ViewKeys.order(order));
    }

    private List<Bytes> indexed(byte[] prefix) {
        List<Bytes> keys = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> entries = store.prefixScan(Bytes.wrap(prefix), KEYS)) {
            entries.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }

    private List<Bytes> indexEntries() {
        List<Bytes> keys = new ArrayList<>(indexed(new byte[] {ViewKeys.BY_STATUS}));
        keys.addAll(indexed(new byte[] {ViewKeys.BY_CUSTOMER}));
        return keys;
    }

    private List<Bytes> everything() {
        List<Bytes> keys = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> entries = store.all()) {
            entries.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }

    /** Kafka Streams' mock context, keeping the restore callback the store registers. */
    private final class CapturingContext implements StateStoreContext {

        private StateStoreContext mock;
        StateRestoreCallback restoreCallback;

        private StateStoreContext mock() {
            if (mock == null) {
                Properties config = new Properties();
                config.put(StreamsConfig.APPLICATION_ID_CONFIG, "store-test");
                config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9");
                mock = new MockProcessorContext<>(config, new TaskId(0, 0), stateDirectory.toFile())
                        .getStateStoreContext();
            }
            return mock;
        }

        BatchingStateRestoreCallback restoreCallback() {
            return (BatchingStateRestoreCallback) restoreCallback;
        }

        @Override
        public void register(StateStore store, StateRestoreCallback callback) {
            restoreCallback = callback;
        }

        @Override
        public void register(StateStore store, StateRestoreCallback callback, CommitCallback checkpoint) {
            restoreCallback = callback;
        }

        @Override
        public String applicationId() {
            return mock().applicationId();
        }

        @Override
        public TaskId taskId() {
            return mock().taskId();
        }

        @Override
        public Optional<RecordMetadata> recordMetadata() {
            return mock().recordMetadata();
        }

        @Override
        public Serde<?> keySerde() {
            return mock().keySerde();
        }

        @Override
        public Serde<?> valueSerde() {
            return mock().valueSerde();
        }

        @Override
        public File stateDir() {
            return mock().stateDir();
        }

        @Override
        public StreamsMetrics metrics() {
            return mock().metrics();
        }

        @Override
        public Map<String, Object> appConfigs() {
            return mock().appConfigs();
        }

        @Override
        public Map<String, Object> appConfigsWithPrefix(String prefix) {
            return mock().appConfigsWithPrefix(prefix);
        }
    }
}
