package coffee.adapter.kafka;

import coffee.domain.Order;
import coffee.domain.OrderStatus;
import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.BatchingStateRestoreCallback;
import org.apache.kafka.streams.processor.CommitCallback;
import org.apache.kafka.streams.processor.StateRestoreCallback;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * One partition's orders and their index entries in one Kafka Streams RocksDB store, the
 * indexes derived from the orders as they are written ({@link ViewKeys} has the layout).
 *
 * <p>Why not an index store of its own, logged like the orders: every index write was then a
 * changelog record too (nine records over an order's life instead of three), which the view's
 * producer sent and the broker stored while orders were placed, and which a new instance read
 * back before it answered. Here only the orders reach the changelog (this store sits below
 * Kafka Streams' logging layer, which sees only the orders written to it), and restoring them,
 * on a new instance or a standby, goes through the same derivation as processing does. An order
 * and its entries are written in one RocksDB batch, so after a crash they agree, whatever
 * RocksDB kept.
 *
 * <p>The entries of a version are derived from that version alone, with no read: its status
 * entry is put and the entries of the statuses it may have come from are deleted (statuses only
 * move forward, {@link coffee.domain.Order#supersedes}), its customer entry put again. A read per
 * restored order made a restore of millions of orders several times slower (RocksDB's misses
 * grow with the store; performance.md). Processing reads the order before anyway, and when a
 * new version differs in time or customer (another producer's version of an idempotent order)
 * also deletes the old version's entries; a restore cannot see that, so such an old entry may
 * stay: the readers check every entry against its order ({@link #isEntryOf}).
 *
 * <p>Its users see orders under their bare ids ({@link ViewKeys#id}): {@code put}, {@code get}
 * and {@code delete} take one; {@code get}, {@code range} and {@code prefixScan} with an index
 * key ({@link ViewKeys#byStatus}, {@link ViewKeys#byCustomer}) read the indexes. Only orders are
 * written: the indexes follow.
 */
final class IndexedOrderStore implements KeyValueStore<Bytes, byte[]> {

    /** An order, its status entry and its customer entry. */
    private static final int ENTRIES_PER_ORDER = 3;

    private final KeyValueStore<Bytes, byte[]> rocksDb;

    private IndexedOrderStore(KeyValueStore<Bytes, byte[]> rocksDb) {
        this.rocksDb = rocksDb;
    }

    /** Kafka Streams' persistent store of that name, with the indexes derived inside it. */
    static KeyValueBytesStoreSupplier supplier(String name) {
        KeyValueBytesStoreSupplier rocksDb = Stores.persistentKeyValueStore(name);
        return new KeyValueBytesStoreSupplier() {
            @Override
            public String name() {
                return rocksDb.name();
            }

            @Override
            public KeyValueStore<Bytes, byte[]> get() {
                return new IndexedOrderStore(rocksDb.get());
            }

            @Override
            public String metricsScope() {
                return rocksDb.metricsScope();
            }
        };
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        // RocksDB's store registers how it restores itself from the changelog; the orders it
        // restores must bring their index entries, so this store's restore takes its place
        rocksDb.init(new RestoringThroughIndexes(context), root);
    }

    @Override
    public void put(Bytes id, byte[] order) {
        byte[] idBytes = requireId(id);
        if (order == null) {
            delete(id);
            return;
        }
        List<KeyValue<Bytes, byte[]>> writes = new ArrayList<>(8);
        byte[] before = rocksDb.get(Bytes.wrap(ViewKeys.stored(idBytes)));
        if (before != null && !ViewKeys.sameTimeAndCustomer(before, order)) {
            writes.addAll(deletions(idBytes, before));
        }
        writes.addAll(writes(idBytes, order));
        rocksDb.putAll(writes);
    }

    @Override
    public byte[] putIfAbsent(Bytes id, byte[] order) {
        byte[] before = get(id);
        if (before == null) {
            put(id, order);
        }
        return before;
    }

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> orders) {
        for (KeyValue<Bytes, byte[]> order : orders) {
            put(order.key, order.value);
        }
    }

    @Override
    public byte[] delete(Bytes id) {
        byte[] idBytes = requireId(id);
        byte[] before = rocksDb.get(Bytes.wrap(ViewKeys.stored(idBytes)));
        if (before != null) {
            rocksDb.putAll(deletions(idBytes, before));
        }
        return before;
    }

    private static byte[] requireId(Bytes id) {
        byte[] idBytes = id.get();
        if (!ViewKeys.isId(idBytes)) {
            throw new IllegalArgumentException("only orders are written to the view's store, under their ids; "
                    + "its index entries follow them");
        }
        return idBytes;
    }

    /**
     * The writes that store {@code order} under {@code id}, read from nothing but the order: its
     * entries, and the deletion of the status entries it may have moved on from.
     */
    private static List<KeyValue<Bytes, byte[]>> writes(byte[] id, byte[] order) {
        List<KeyValue<Bytes, byte[]>> writes = new ArrayList<>(6);
        writes.add(KeyValue.pair(Bytes.wrap(ViewKeys.stored(id)), order));
        byte[] statusEntry = ViewKeys.byStatus(id, order);
        OrderStatus status = ViewKeys.storedStatus(order);
        for (OrderStatus earlier : OrderStatus.values()) {
            if (earlier.isBefore(status)) {
                writes.add(KeyValue.pair(Bytes.wrap(ViewKeys.withStatus(statusEntry, earlier)), null));
            }
        }
        writes.add(KeyValue.pair(Bytes.wrap(statusEntry), ViewKeys.NO_VALUE));
        writes.add(KeyValue.pair(Bytes.wrap(ViewKeys.byCustomer(id, order)), ViewKeys.NO_VALUE));
        return writes;
    }

    /** The writes that delete the order stored as {@code stored} under {@code id}, and its entries. */
    private static List<KeyValue<Bytes, byte[]>> deletions(byte[] id, byte[] stored) {
        List<KeyValue<Bytes, byte[]>> writes = new ArrayList<>(6);
        writes.add(KeyValue.pair(Bytes.wrap(ViewKeys.stored(id)), null));
        byte[] statusEntry = ViewKeys.byStatus(id, stored);
        for (OrderStatus any : OrderStatus.values()) {
            writes.add(KeyValue.pair(Bytes.wrap(ViewKeys.withStatus(statusEntry, any)), null));
        }
        writes.add(KeyValue.pair(Bytes.wrap(ViewKeys.byCustomer(id, stored)), null));
        return writes;
    }

    /**
     * Whether an index entry is the current one of its order: true but for an entry of an older
     * version with another time or customer, which a restore may leave (see the class's comment).
     */
    static boolean isEntryOf(byte[] entry, Order order) {
        return entry[0] == ViewKeys.BY_STATUS ? Arrays.equals(entry, ViewKeys.byStatus(order))
                : Arrays.equals(entry, ViewKeys.byCustomer(order));
    }

    /**
     * Applies a batch of the changelog, an order per record, in one RocksDB batch. Only the last
     * version of each order in the batch is applied: the earlier ones would be written only to be
     * overwritten in the same RocksDB batch, and an order's versions often sit close together in
     * its changelog until the log cleaner keeps only the last. Each version's writes come from
     * the record alone; only a deletion (a retention's) reads what it deletes.
     */
    private void restore(Collection<KeyValue<byte[], byte[]>> records) {
        Map<Bytes, byte[]> lastVersions = new HashMap<>(records.size() * 2);
        for (KeyValue<byte[], byte[]> record : records) {
            Bytes id = Bytes.wrap(record.key);
            requireId(id);
            lastVersions.put(id, record.value);
        }
        List<KeyValue<Bytes, byte[]>> writes = new ArrayList<>(lastVersions.size() * 5);
        lastVersions.forEach((id, order) -> {
            byte[] idBytes = id.get();
            if (order != null) {
                writes.addAll(writes(idBytes, order));
            } else {
                byte[] before = rocksDb.get(Bytes.wrap(ViewKeys.stored(idBytes)));
                if (before != null) {
                    writes.addAll(deletions(idBytes, before));
                }
            }
        });
        rocksDb.putAll(writes);
    }

    @Override
    public byte[] get(Bytes key) {
        byte[] bytes = key.get();
        return rocksDb.get(ViewKeys.isId(bytes) ? Bytes.wrap(ViewKeys.stored(bytes)) : key);
    }

    /** Walks index entries (or stored keys): {@code from} and {@code to} are keys as stored. */
    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        return rocksDb.range(from, to);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
        return rocksDb.reverseRange(from, to);
    }

    @Override
    public <S extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, S prefixSerializer) {
        return rocksDb.prefixScan(prefix, prefixSerializer);
    }

    /** Every entry as stored: the orders (prefixed), then the indexes. */
    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return rocksDb.all();
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseAll() {
        return rocksDb.reverseAll();
    }

    /** Orders, as RocksDB estimates them: each has its two index entries beside it. */
    @Override
    public long approximateNumEntries() {
        return rocksDb.approximateNumEntries() / ENTRIES_PER_ORDER;
    }

    @Override
    public String name() {
        return rocksDb.name();
    }

    @Override
    public void flush() {
        rocksDb.flush();
    }

    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        rocksDb.commit(changelogOffsets);
    }

    @Override
    public Long committedOffset(TopicPartition partition) {
        return rocksDb.committedOffset(partition);
    }

    @Override
    public boolean managesOffsets() {
        return rocksDb.managesOffsets();
    }

    @Override
    public long approximateNumUncommittedBytes() {
        return rocksDb.approximateNumUncommittedBytes();
    }

    @Override
    public void close() {
        rocksDb.close();
    }

    @Override
    public boolean persistent() {
        return rocksDb.persistent();
    }

    @Override
    public boolean isOpen() {
        return rocksDb.isOpen();
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
        return rocksDb.query(query, positionBound, config);
    }

    @Override
    public Position getPosition() {
        return rocksDb.getPosition();
    }

    /** Kafka Streams' context for RocksDB's store, but for whose callback restores it. */
    private final class RestoringThroughIndexes implements StateStoreContext {

        private final StateStoreContext context;

        RestoringThroughIndexes(StateStoreContext context) {
            this.context = context;
        }

        @Override
        public void register(StateStore store, StateRestoreCallback rocksDbsOwn) {
            context.register(store, (BatchingStateRestoreCallback) IndexedOrderStore.this::restore);
        }

        @Override
        public void register(StateStore store, StateRestoreCallback rocksDbsOwn, CommitCallback checkpoint) {
            context.register(store, (BatchingStateRestoreCallback) IndexedOrderStore.this::restore, checkpoint);
        }

        @Override
        public String applicationId() {
            return context.applicationId();
        }

        @Override
        public TaskId taskId() {
            return context.taskId();
        }

        @Override
        public Optional<RecordMetadata> recordMetadata() {
            return context.recordMetadata();
        }

        @Override
        public Serde<?> keySerde() {
            return context.keySerde();
        }

        @Override
        public Serde<?> valueSerde() {
            return context.valueSerde();
        }

        @Override
        public File stateDir() {
            return context.stateDir();
        }

        @Override
        public StreamsMetrics metrics() {
            return context.metrics();
        }

        @Override
        public Map<String, Object> appConfigs() {
            return context.appConfigs();
        }

        @Override
        public Map<String, Object> appConfigsWithPrefix(String prefix) {
            return context.appConfigsWithPrefix(prefix);
        }
    }
}
