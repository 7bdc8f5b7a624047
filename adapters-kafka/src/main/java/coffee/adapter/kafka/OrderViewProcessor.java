package coffee.adapter.kafka;

import coffee.domain.Order;
import coffee.domain.OrderCancelRequested;
import coffee.domain.OrderEvent;
import coffee.domain.OrderId;
import coffee.domain.OrderPlaced;
import coffee.domain.OrderStatus;
import coffee.domain.OrderStatusChanged;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Folds the events of one partition of both topics into the view's store: a placed order is
 * added, a status snapshot replaces the order when it tells more ({@link Order#supersedes}),
 * and the store moves the order's index entries ({@link IndexedOrderStore}). Folding the same event twice changes nothing, and the two topics may
 * interleave in any order: Kafka Streams restarts from its last commit after a crash.
 *
 * <p>Then it tells whoever waits: the progress through the orders topic (read-your-writes) and
 * the order's new state (blocking reads).
 *
 * <p>With a retention for finished orders, it forgets now and then the completed and cancelled
 * orders placed longer ago than that, so the stores grow with the orders of the retention
 * period, not with all history. The deletions go to the changelog too, so a new instance
 * restores only what is kept.
 */
final class OrderViewProcessor implements Processor<byte[], byte[], Void, Void> {

    private static final System.Logger LOG = System.getLogger(OrderViewProcessor.class.getName());

    private final String ordersTopic;
    private final ViewProgress commands;
    private final ViewProgress statuses;
    private final OrderWatchers watchers;
    private final RecentPlacements recent;
    private final Duration finishedRetention;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<Bytes, byte[]> orders;

    /** At most this many orders are forgotten per status in one sweep, so a sweep never stalls the view. */
    static final int FORGET_PER_SWEEP = 10_000;

    /**
     * @param commands told of every orders-topic record folded
     * @param statuses told of every status-topic record folded
     */
    OrderViewProcessor(String ordersTopic, ViewProgress commands, ViewProgress statuses, OrderWatchers watchers,
            RecentPlacements recent, Duration finishedRetention) {
        this.recent = recent;
        this.finishedRetention = finishedRetention;
        this.ordersTopic = ordersTopic;
        this.commands = commands;
        this.statuses = statuses;
        this.watchers = watchers;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.orders = context.getStateStore(OrderViewTopology.ORDERS);
        if (finishedRetention.isPositive()) {
            context.schedule(sweepInterval(finishedRetention), PunctuationType.WALL_CLOCK_TIME,
                    now -> forgetFinishedPlacedBefore(Instant.ofEpochMilli(now).minus(finishedRetention)));
        }
    }

    /** Often enough that the view holds little more than the retention; at most every 10 s. */
    static Duration sweepInterval(Duration retention) {
        Duration sixtieth = retention.dividedBy(60);
        Duration interval = sixtieth.compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : sixtieth;
        return interval.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : interval;
    }

    private void forgetFinishedPlacedBefore(Instant cutoff) {
        for (OrderStatus status : OrderStatus.values()) {
            if (status.isFinal()) {
                forget(placedBefore(status, cutoff));
            }
        }
    }

    /** The index walks newest first, so everything from the cutoff's key to the status's end is older. */
    private List<byte[]> placedBefore(OrderStatus status, Instant cutoff) {
        List<byte[]> entries = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> older = orders.range(Bytes.wrap(ViewKeys.byStatusFrom(status, cutoff)),
                Bytes.increment(Bytes.wrap(ViewKeys.statusPrefix(status))))) {
            while (older.hasNext() && entries.size() < FORGET_PER_SWEEP) {
                entries.add(older.next().key.get());
            }
        }
        return entries;
    }

    private void forget(List<byte[]> entries) {
        int forgotten = 0;
        for (byte[] entry : entries) {
            OrderId id = ViewKeys.idAtEnd(entry);
            Bytes idKey = Bytes.wrap(ViewKeys.id(id));
            byte[] stored = orders.get(idKey);
            if (stored != null && IndexedOrderStore.isEntryOf(entry, ViewKeys.order(id, stored))) {
                // its index entries go with it, in the store
                orders.delete(idKey);
                forgotten++;
            }
        }
        if (forgotten > 0) {
            int count = forgotten;
            LOG.log(Level.DEBUG, () -> "forgot " + count + " finished orders past their retention");
        }
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        boolean command = source.topic().equals(ordersTopic);
        try {
            OrderEvent event = command ? EventCodec.decodeCommand(record.value()) : EventCodec.decodeStatus(record.value());
            switch (event) {
                case OrderPlaced placed -> {
                    fold(placed.order());
                    // the progress first: RecentPlacements looks at it before it adds an entry
                    commands.processed(source.partition(), source.offset());
                    recent.folded(placed.orderId());
                    return;
                }
                case OrderStatusChanged changed -> fold(changed.order());
                case OrderCancelRequested ignored -> {
                    // a request, not a fact: the consumer's verdict comes as a status snapshot
                }
            }
        } catch (UndecodableRecordException | IllegalArgumentException e) {
            // consumers dead-letter bad commands; the view passes over them
            LOG.log(Level.DEBUG, () -> String.format(Locale.ROOT, "skipped %s-%s@%s: %s",
                    source.topic(), source.partition(), source.offset(), e.getMessage()));
        }
        (command ? commands : statuses).processed(source.partition(), source.offset());
    }

    private void fold(Order order) {
        Bytes id = Bytes.wrap(ViewKeys.id(order.id()));
        byte[] stored = orders.get(id);
        Order before = stored == null ? null : ViewKeys.order(order.id(), stored);
        if (before != null && !order.supersedes(before)) {
            return;
        }
        orders.put(id, ViewKeys.order(order));
        watchers.changed(order);
    }
}
