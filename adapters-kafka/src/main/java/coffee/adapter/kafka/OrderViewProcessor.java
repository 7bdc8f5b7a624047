package coffee.adapter.kafka;

import coffee.domain.Order;
import coffee.domain.OrderCancelRequested;
import coffee.domain.OrderEvent;
import coffee.domain.OrderPlaced;
import coffee.domain.OrderStatusChanged;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.Locale;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Folds the events of one partition of both topics into the view's stores: a placed order is
 * added, a status snapshot replaces the order when it tells more ({@link Order#supersedes}),
 * and the indexes follow. Folding the same event twice changes nothing, and the two topics may
 * interleave in any order: Kafka Streams restarts from its last commit after a crash.
 *
 * <p>Then it tells whoever waits: the progress through the orders topic (read-your-writes) and
 * the order's new state (blocking reads).
 */
final class OrderViewProcessor implements Processor<byte[], byte[], Void, Void> {

    private static final System.Logger LOG = System.getLogger(OrderViewProcessor.class.getName());

    private final String ordersTopic;
    private final ViewProgress progress;
    private final OrderWatchers watchers;
    private final RecentPlacements recent;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<Bytes, byte[]> orders;
    private KeyValueStore<Bytes, byte[]> byStatus;
    private KeyValueStore<Bytes, byte[]> byCustomer;

    OrderViewProcessor(String ordersTopic, ViewProgress progress, OrderWatchers watchers, RecentPlacements recent) {
        this.recent = recent;
        this.ordersTopic = ordersTopic;
        this.progress = progress;
        this.watchers = watchers;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.orders = context.getStateStore(OrderViewTopology.ORDERS);
        this.byStatus = context.getStateStore(OrderViewTopology.BY_STATUS);
        this.byCustomer = context.getStateStore(OrderViewTopology.BY_CUSTOMER);
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
                    recent.folded(placed.orderId());
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
        if (command) {
            progress.processed(source.partition(), source.offset());
        }
    }

    private void fold(Order order) {
        Bytes id = Bytes.wrap(ViewKeys.id(order.id()));
        byte[] stored = orders.get(id);
        Order before = stored == null ? null : ViewKeys.order(order.id(), stored);
        if (before != null && !order.supersedes(before)) {
            return;
        }
        orders.put(id, ViewKeys.order(order));
        byte[] statusKey = ViewKeys.byStatus(order);
        byte[] customerKey = ViewKeys.byCustomer(order);
        if (before != null) {
            byStatus.delete(Bytes.wrap(ViewKeys.byStatus(before)));
            byte[] customerKeyBefore = ViewKeys.byCustomer(before);
            // another producer's version of an idempotent order may differ in time or customer
            if (!Arrays.equals(customerKeyBefore, customerKey)) {
                byCustomer.delete(Bytes.wrap(customerKeyBefore));
            }
        }
        byStatus.put(Bytes.wrap(statusKey), ViewKeys.NO_VALUE);
        byCustomer.put(Bytes.wrap(customerKey), ViewKeys.statusValue(order.status()));
        watchers.changed(order);
    }
}
