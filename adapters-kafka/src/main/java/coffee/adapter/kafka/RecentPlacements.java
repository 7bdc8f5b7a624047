package coffee.adapter.kafka;

import coffee.domain.Order;
import coffee.domain.OrderId;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The orders this process placed whose acknowledgement came in the last two seconds: until
 * the view folds an order (milliseconds later), a read of it on this instance is answered from
 * here instead of waiting for the view to catch up with Kafka. Entries go when the view folds
 * the order, or when they are older than {@link #KEPT_NANOS} (the order is held elsewhere).
 *
 * <p>The view often folds an order before its acknowledgement reaches the publisher (both follow
 * the same advance of the partition's high watermark). Such an order needs no entry: the
 * acknowledgement brings the record's offset, and the view's progress per partition
 * ({@link ViewProgress}) says it is folded. Without that check those entries stayed until the sweep: under load the map held
 * some 10,000 orders the view already had (performance.md).
 */
final class RecentPlacements {

    private static final long KEPT_NANOS = 2_000_000_000L;
    /** Past this many entries, stale ones are swept, at most once a second (not once per order). */
    private static final int SWEEP_ABOVE = 10_000;
    private static final long SWEEP_EVERY_NANOS = 1_000_000_000L;

    private final ConcurrentHashMap<OrderId, Placed> placed = new ConcurrentHashMap<>();
    private final ViewProgress ordersFolded;
    private final AtomicLong lastSweep = new AtomicLong(System.nanoTime());

    /** @param ordersFolded how far this process's view has folded each partition of the orders topic */
    RecentPlacements(ViewProgress ordersFolded) {
        this.ordersFolded = ordersFolded;
    }

    /** After Kafka acknowledged the order's record at {@code offset} of {@code partition}. */
    void acknowledged(Order order, int partition, long offset) {
        if (isFolded(partition, offset)) {
            return;
        }
        long now = System.nanoTime();
        placed.put(order.id(), new Placed(order, now));
        // the view may have folded it between the look above and the put: then its removal
        // found nothing, and this look sees its progress (the view records its progress, then
        // removes; this side puts, then looks)
        if (isFolded(partition, offset)) {
            placed.remove(order.id());
            return;
        }
        long last = lastSweep.get();
        if (placed.size() > SWEEP_ABOVE && now - last > SWEEP_EVERY_NANOS && lastSweep.compareAndSet(last, now)) {
            placed.values().removeIf(entry -> now - entry.at > KEPT_NANOS);
        }
    }

    /**
     * After the view folded the order and recorded its progress past it: from now on the view
     * answers for it.
     */
    void folded(OrderId id) {
        if (!placed.isEmpty()) {
            placed.remove(id);
        }
    }

    private boolean isFolded(int partition, long offset) {
        return ordersFolded.position(partition) >= offset;
    }

    Optional<Order> find(OrderId id) {
        Placed entry = placed.get(id);
        return entry == null || System.nanoTime() - entry.at > KEPT_NANOS ? Optional.empty() : Optional.of(entry.order);
    }

    private record Placed(Order order, long at) {
    }
}
