package coffee.adapter.kafka;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How far the view has folded each partition of the orders topic in this process, and who waits
 * for it to get further. Lets a read of an order not found yet wait until the view holds
 * everything Kafka had acknowledged when the read came in: read-your-writes.
 *
 * <p>The stream thread calls {@link #processed} for every record; that costs one write, and a
 * look at the waiters only when there are some.
 */
final class ViewProgress {

    private final Map<Integer, AtomicLong> processed = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();

    /** After the record at {@code offset} of the orders topic's {@code partition} is folded. */
    void processed(int partition, long offset) {
        AtomicLong position = processed.get(partition);
        if (position == null) {
            position = processed.computeIfAbsent(partition, p -> new AtomicLong(-1));
        }
        position.accumulateAndGet(offset, Math::max);
        if (!waiters.isEmpty()) {
            waiters.removeIf(waiter -> waiter.partition == partition && offset >= waiter.offset
                    && waiter.reached.complete(null));
        }
    }

    /** The last offset folded in this process; -1 for none. */
    long position(int partition) {
        AtomicLong position = processed.get(partition);
        return position == null ? -1 : position.get();
    }

    /** Completes once the record at {@code offset} of {@code partition} is folded. */
    CompletableFuture<Void> reached(int partition, long offset) {
        Waiter waiter = new Waiter(partition, offset, new CompletableFuture<>());
        waiters.add(waiter);
        // it may have got there between the caller's look and our registration
        if (position(partition) >= offset) {
            waiters.remove(waiter);
            waiter.reached.complete(null);
        }
        waiter.reached.whenComplete((ignored, failure) -> waiters.remove(waiter));
        return waiter.reached;
    }

    private record Waiter(int partition, long offset, CompletableFuture<Void> reached) {
    }
}
