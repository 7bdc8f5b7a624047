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
 */
final class RecentPlacements {

    private static final long KEPT_NANOS = 2_000_000_000L;
    /** Past this many entries, stale ones are swept, at most once a second (not once per order). */
    private static final int SWEEP_ABOVE = 10_000;
    private static final long SWEEP_EVERY_NANOS = 1_000_000_000L;

    private final ConcurrentHashMap<OrderId, Placed> placed = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep = new AtomicLong(System.nanoTime());

    void acknowledged(Order order) {
        long now = System.nanoTime();
        placed.put(order.id(), new Placed(order, now));
        long last = lastSweep.get();
        if (placed.size() > SWEEP_ABOVE && now - last > SWEEP_EVERY_NANOS && lastSweep.compareAndSet(last, now)) {
            placed.values().removeIf(entry -> now - entry.at > KEPT_NANOS);
        }
    }

    /** After the view folded the order: from now on the view answers for it. */
    void folded(OrderId id) {
        if (!placed.isEmpty()) {
            placed.remove(id);
        }
    }

    Optional<Order> find(OrderId id) {
        Placed entry = placed.get(id);
        return entry == null || System.nanoTime() - entry.at > KEPT_NANOS ? Optional.empty() : Optional.of(entry.order);
    }

    private record Placed(Order order, long at) {
    }
}
