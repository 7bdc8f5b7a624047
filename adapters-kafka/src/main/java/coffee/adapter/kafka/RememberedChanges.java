package coffee.adapter.kafka;

import static coffee.adapter.kafka.ChangePositions.advance;
import static coffee.adapter.kafka.ChangePositions.copy;
import static coffee.adapter.kafka.ChangePositions.format;

import coffee.domain.FollowedOrders;
import coffee.domain.Order;
import coffee.domain.OrderChange;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link KafkaOrderChanges} has read: where it stands in every partition, and the most
 * recent records as they were read, undecoded. Their positions are worked out from the position
 * just before the oldest, only when someone asks for them. Not thread-safe: the lock of
 * {@link KafkaOrderChanges} guards it.
 */
final class RememberedChanges {

    private final int capacity;
    /** The next offset of each partition, [topic][partition]; null until {@link #startAt}. */
    private long[][] next;
    /** The next offsets just before the oldest remembered record. */
    private long[][] beforeRemembered;
    /** The most recent records read, oldest first. */
    private final ArrayDeque<RememberedChange> recent = new ArrayDeque<>();

    RememberedChanges(int capacity) {
        this.capacity = capacity;
    }

    /** The reading starts, or starts again, at these positions: what was remembered is forgotten. */
    void startAt(long[][] positions) {
        next = positions;
        beforeRemembered = copy(positions);
        recent.clear();
    }

    boolean started() {
        return next != null;
    }

    /** The next offset of each partition: the position just past the last record read. Not to be changed. */
    long[][] next() {
        return next;
    }

    void read(RememberedChange change) {
        next = advance(next, change.topic, change.partition, change.offset);
        recent.addLast(change);
        if (recent.size() > capacity) {
            RememberedChange oldest = recent.removeFirst();
            beforeRemembered = advance(beforeRemembered, oldest.topic, oldest.partition, oldest.offset);
        }
    }

    /**
     * The remembered changes of the orders wanted, oldest first, each with the position just
     * after it.
     *
     * @param floor only those at or past these offsets; null: all
     */
    List<OrderChange> since(long[][] floor, FollowedOrders which) {
        List<OrderChange> changes = new ArrayList<>();
        long[][] position = copy(beforeRemembered);
        for (RememberedChange record : recent) {
            position = advance(position, record.topic, record.partition, record.offset);
            boolean wanted = floor == null || record.partition >= floor[record.topic].length
                    || record.offset >= floor[record.topic][record.partition];
            Order order = wanted ? record.order() : null;
            if (order != null && which.matches(order)) {
                changes.add(new OrderChange(order, format(position)));
            }
        }
        return changes;
    }
}
