package coffee.application.readmodel;

import coffee.application.port.out.OrderRepository;
import coffee.domain.Order;
import coffee.domain.OrderId;
import coffee.domain.OrderQuery;
import coffee.domain.OrderStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The last orders a consumer heard of, at most {@code capacity}: what it needs to skip an order
 * delivered again and to answer a cancel request, without keeping every order ever placed. The
 * oldest entry goes first when it is full. A replay is at most as old as the consumer group's
 * uncommitted window, and a retried placement comes seconds after the first, so a bounded
 * memory covers both (docs/architecture.md, "What a consumer remembers").
 */
public final class RecentOrders implements OrderRepository {

    private final int capacity;
    private final LinkedHashMap<OrderId, Order> orders;

    public RecentOrders(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.orders = new LinkedHashMap<>(Math.min(capacity, 1 << 16) * 4 / 3 + 1);
    }

    @Override
    public synchronized Optional<Order> find(OrderId id) {
        return Optional.ofNullable(orders.get(id));
    }

    /** Newest first among what it remembers; a consumer has no use for it beyond tests. */
    @Override
    public synchronized List<Order> list(OrderQuery query) {
        List<Order> found = new ArrayList<>();
        for (Order order : orders.values()) {
            if (query.matches(order)) {
                found.add(order);
            }
        }
        found.sort((a, b) -> b.createdAt().compareTo(a.createdAt()));
        return found.size() <= query.limit() ? found : List.copyOf(found.subList(0, query.limit()));
    }

    @Override
    public synchronized boolean save(Order order) {
        Order known = orders.get(order.id());
        if (known != null && !order.supersedes(known)) {
            return false;
        }
        // re-inserted, so an order that moves on counts as recent again
        orders.remove(order.id());
        orders.put(order.id(), order);
        if (orders.size() > capacity) {
            Map.Entry<OrderId, Order> eldest = orders.entrySet().iterator().next();
            orders.remove(eldest.getKey());
        }
        notifyAll();
        return true;
    }

    @Override
    public synchronized Optional<Order> awaitStatus(OrderId id, OrderStatus wanted, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Order known = orders.get(id);
            long left = deadline - System.nanoTime();
            if ((known != null && known.status().settles(wanted)) || left <= 0) {
                return Optional.ofNullable(known);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    @Override
    public synchronized int size() {
        return orders.size();
    }
}
