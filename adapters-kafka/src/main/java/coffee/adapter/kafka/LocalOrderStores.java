package coffee.adapter.kafka;

import coffee.domain.Order;
import coffee.domain.OrderId;
import coffee.domain.OrderQuery;
import coffee.domain.OrderStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import org.apache.kafka.common.serialization.BytesSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads this process's view store (Interactive Queries), partition by partition. A listing
 * walks the index of each partition from its newest entry and merges the walks, so it reads
 * about {@code limit} entries per partition, however many orders there are.
 *
 * <p>Every method throws {@link InvalidStateStoreException} when a partition's store is not
 * queryable here (moving to or from this process, or being restored).
 */
final class LocalOrderStores {

    private static final BytesSerializer KEYS = new BytesSerializer();

    private final KafkaStreams streams;

    LocalOrderStores(KafkaStreams streams) {
        this.streams = streams;
    }

    /** @param stale whether a standby's (or a restoring) copy will do */
    Optional<Order> find(int partition, OrderId id, boolean stale) {
        byte[] value = store(partition, stale).get(Bytes.wrap(ViewKeys.id(id)));
        return value == null ? Optional.empty() : Optional.of(ViewKeys.order(id, value));
    }

    /** The query's orders in these partitions, newest first, at most {@code query.limit()}. */
    List<Order> list(Collection<Integer> partitions, OrderQuery query, boolean stale) {
        List<Walk> walks = new ArrayList<>();
        try {
            for (int partition : partitions) {
                openWalks(partition, query, stale, walks);
            }
            PriorityQueue<Walk> newest = new PriorityQueue<>((a, b) -> Arrays.compareUnsigned(a.sortKey, b.sortKey));
            walks.stream().filter(Walk::advance).forEach(newest::add);
            List<Order> found = new ArrayList<>(Math.min(query.limit(), 64));
            while (found.size() < query.limit() && !newest.isEmpty()) {
                Walk walk = newest.poll();
                // the order itself decides: the customer index holds no status, an order may have
                // moved on between the walk's read and this one, and a restore may have left an
                // entry of an older version (IndexedOrderStore)
                find(walk.partition, walk.id, stale).filter(order -> IndexedOrderStore.isEntryOf(walk.entry, order))
                        .filter(query::matches).ifPresent(found::add);
                if (walk.advance()) {
                    newest.add(walk);
                }
            }
            return found;
        } finally {
            walks.forEach(Walk::close);
        }
    }

    private void openWalks(int partition, OrderQuery query, boolean stale, List<Walk> walks) {
        if (query.customer().isPresent()) {
            byte[] prefix = ViewKeys.customerPrefix(query.customer().get());
            // the customer's orders of every status: the listing reads each to filter (it reads
            // them anyway), which keeps the entry unchanged through the order's life
            walks.add(new Walk(partition, scan(partition, stale, prefix), prefix.length));
        } else if (query.status().isPresent()) {
            byte[] prefix = ViewKeys.statusPrefix(query.status().get());
            walks.add(new Walk(partition, scan(partition, stale, prefix), prefix.length));
        } else {
            for (OrderStatus status : OrderStatus.values()) {
                byte[] prefix = ViewKeys.statusPrefix(status);
                walks.add(new Walk(partition, scan(partition, stale, prefix), prefix.length));
            }
        }
    }

    private KeyValueIterator<Bytes, byte[]> scan(int partition, boolean stale, byte[] prefix) {
        return store(partition, stale).prefixScan(Bytes.wrap(prefix), KEYS);
    }

    /** How many orders this process holds, as RocksDB estimates it. */
    long approximateOrders(Collection<Integer> partitions) {
        long total = 0;
        for (int partition : partitions) {
            total += store(partition, true).approximateNumEntries();
        }
        return total;
    }

    private ReadOnlyKeyValueStore<Bytes, byte[]> store(int partition, boolean stale) {
        StoreQueryParameters<ReadOnlyKeyValueStore<Bytes, byte[]>> parameters = StoreQueryParameters
                .fromNameAndType(OrderViewTopology.ORDERS, QueryableStoreTypes.<Bytes, byte[]>keyValueStore())
                .withPartition(partition);
        return streams.store(stale ? parameters.enableStaleStores() : parameters);
    }

    /** One partition's index, walked from the newest entry. */
    private static final class Walk implements AutoCloseable {

        final int partition;
        private final KeyValueIterator<Bytes, byte[]> entries;
        private final int prefixLength;
        byte[] entry;
        byte[] sortKey;
        OrderId id;

        Walk(int partition, KeyValueIterator<Bytes, byte[]> entries, int prefixLength) {
            this.partition = partition;
            this.entries = entries;
            this.prefixLength = prefixLength;
        }

        /** Moves to the next entry; false at the end. */
        boolean advance() {
            if (!entries.hasNext()) {
                return false;
            }
            entry = entries.next().key.get();
            sortKey = Arrays.copyOfRange(entry, prefixLength, entry.length);
            id = ViewKeys.idAtEnd(entry);
            return true;
        }

        @Override
        public void close() {
            entries.close();
        }
    }
}
