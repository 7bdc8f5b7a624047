package coffee.application.readmodel;

import coffee.domain.Order;
import coffee.domain.OrderId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Lets a reader wait until an order in a view is as it wants it: the view wakes the waiters of
 * an order each time it saves that order, and each waiter looks again.
 */
final class OrderWatchers {

    private final Function<OrderId, Optional<Order>> find;
    private final Map<OrderId, List<CountDownLatch>> waiting = new ConcurrentHashMap<>();

    /** {@code find} reads the order as the view holds it now. */
    OrderWatchers(Function<OrderId, Optional<Order>> find) {
        this.find = find;
    }

    /** Waits until the order is known and {@code done}; empty if that did not happen within {@code timeout}. */
    Optional<Order> await(OrderId id, Predicate<Order> done, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            CountDownLatch changed = new CountDownLatch(1);
            waiting.computeIfAbsent(id, key -> new CopyOnWriteArrayList<>()).add(changed);
            try {
                Optional<Order> current = find.apply(id);
                if (current.isPresent() && done.test(current.get())) {
                    return current;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !changed.await(left, TimeUnit.NANOSECONDS)) {
                    return Optional.empty();
                }
            } finally {
                waiting.computeIfPresent(id, (key, list) -> {
                    list.remove(changed);
                    return list.isEmpty() ? null : list;
                });
            }
        }
    }

    /** Wakes whoever waits for this order, to look again. */
    void changed(OrderId id) {
        if (waiting.isEmpty()) {
            return;
        }
        List<CountDownLatch> latches = waiting.get(id);
        if (latches != null) {
            latches.forEach(CountDownLatch::countDown);
        }
    }
}
