package coffee.adapter.kafka;

import coffee.domain.Order;
import coffee.domain.OrderId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Who waits for an order to change, in this process: a blocking read ({@code wait_for}), a
 * cancel waiting for the consumer's verdict. The stream thread tells them; without waiters
 * that costs one look at an empty map.
 */
final class OrderWatchers {

    private final ConcurrentHashMap<OrderId, List<CompletableFuture<Order>>> watchers = new ConcurrentHashMap<>();

    /** Completes with the order's next state, once it changes. Cancel it when no longer waiting. */
    CompletableFuture<Order> nextChange(OrderId id) {
        CompletableFuture<Order> change = new CompletableFuture<>();
        watchers.computeIfAbsent(id, key -> new CopyOnWriteArrayList<>()).add(change);
        change.whenComplete((order, failure) -> watchers.computeIfPresent(id, (key, list) -> {
            list.remove(change);
            return list.isEmpty() ? null : list;
        }));
        return change;
    }

    void changed(Order order) {
        if (watchers.isEmpty()) {
            return;
        }
        List<CompletableFuture<Order>> waiting = watchers.get(order.id());
        if (waiting != null) {
            waiting.forEach(change -> change.complete(order));
        }
    }
}
