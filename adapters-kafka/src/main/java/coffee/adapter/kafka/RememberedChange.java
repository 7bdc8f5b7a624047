package coffee.adapter.kafka;

import static coffee.adapter.kafka.ChangePositions.ORDERS;

import coffee.domain.Order;
import coffee.domain.OrderEvent;
import coffee.domain.OrderPlaced;
import coffee.domain.OrderStatusChanged;
import java.lang.System.Logger.Level;

/**
 * A change of an order kept for followers who resume, with where it was read; kept undecoded
 * (most changes concern no follower) and decoded once, when first asked for. Used under the
 * lock of {@link KafkaOrderChanges}.
 */
final class RememberedChange {

    private static final System.Logger LOG = System.getLogger(KafkaOrderChanges.class.getName());

    final int topic;
    final int partition;
    final long offset;
    private byte[] value;
    private final String topicName;
    private Order order;

    RememberedChange(int topic, int partition, long offset, byte[] value, String topicName) {
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.value = value;
        this.topicName = topicName;
    }

    /** The order as this record left it; null if the record is not an order's (passed over). */
    Order order() {
        if (value != null) {
            order = decode(topic, value, topicName, partition, offset);
            value = null;
        }
        return order;
    }

    private static Order decode(int topic, byte[] value, String topicName, int partition, long offset) {
        try {
            OrderEvent event = topic == ORDERS ? EventCodec.decodeCommand(value) : EventCodec.decodeStatus(value);
            if (event instanceof OrderPlaced placed) {
                return placed.order();
            }
            if (event instanceof OrderStatusChanged changed) {
                return changed.order();
            }
        } catch (UndecodableRecordException e) {
            LOG.log(Level.DEBUG, () -> "passed over " + topicName + "-" + partition + "@" + offset + ": " + e.getMessage());
        }
        return null;
    }
}
