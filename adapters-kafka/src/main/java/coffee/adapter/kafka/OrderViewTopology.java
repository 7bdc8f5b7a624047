package coffee.adapter.kafka;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The view of orders as a Kafka Streams topology: both topics (keyed by order id, with the same
 * number of partitions, so an order's events meet in one task) go through one processor into
 * one persistent store: the orders by id, with the index entries listings walk derived beside
 * them ({@link IndexedOrderStore}, {@link ViewKeys}). The orders are logged to a compacted
 * changelog topic, from which a new instance restores them and derives their entries again.
 */
final class OrderViewTopology {

    static final String ORDERS = "orders";

    /**
     * The changelogs' own settings. Compaction never touches a partition's active segment, and
     * at Kafka's default segment (1 GiB) a changelog partition rolls only after some tens of
     * millions of orders' writes: until then it keeps every version of every order (three over
     * its life), which a new instance reads back in full. With 16 MiB segments the cleaner keeps
     * about the latest version of each order, plus the deletions of the last day
     * ({@code delete.retention.ms}) (performance.md).
     */
    static final Map<String, String> CHANGELOG_CONFIG =
            Map.of(TopicConfig.SEGMENT_BYTES_CONFIG, Integer.toString(16 * 1024 * 1024));

    private OrderViewTopology() {
    }

    static Topology build(String ordersTopic, String statusTopic, ViewProgress commands, ViewProgress statuses,
            OrderWatchers watchers, RecentPlacements recent, Duration finishedRetention) {
        Topology topology = new Topology();
        topology.addSource("orders-topic", Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(),
                ordersTopic);
        topology.addSource("status-topic", Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(),
                statusTopic);
        topology.addProcessor("fold",
                () -> new OrderViewProcessor(ordersTopic, commands, statuses, watchers, recent, finishedRetention),
                "orders-topic", "status-topic");
        topology.addStateStore(store(), "fold");
        return topology;
    }

    static StoreBuilder<KeyValueStore<Bytes, byte[]>> store() {
        // not cached: at full load the record cache filled within a commit interval and evicted
        // anyway, so it saved few writes and cost its sorted maps on every put (a tenth of the
        // stream thread's samples); without it the producer took 1.2-1.9x the orders/s for the
        // same CPU per order, and 40 MB less RSS, in interleaved runs (see performance.md)
        return Stores.keyValueStoreBuilder(IndexedOrderStore.supplier(ORDERS), Serdes.Bytes(), Serdes.ByteArray())
                .withCachingDisabled()
                .withLoggingEnabled(CHANGELOG_CONFIG);
    }
}
