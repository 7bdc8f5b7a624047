package coffee.application.readmodel;

import coffee.application.port.out.OrderRepository;
import coffee.domain.Order;
import coffee.domain.OrderId;
import coffee.domain.OrderQuery;
import coffee.domain.OrderStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Orders kept in memory, indexed for the questions the API asks: by id, newest first, and
 * newest first within one status or one customer. Kafka is the durable store; this view is
 * rebuilt from it at start-up.
 *
 * <p>Reads never lock. Writes are serialized, which keeps the indexes consistent with each
 * other; a reader may briefly see an order in an index it is leaving, so every listing
 * re-checks the query against the order's current state.
 */
public final class InMemoryOrderRepository implements OrderRepository {

    /** Newest first; the id breaks ties between orders placed in the same instant. */
    private static final Comparator<Position> NEWEST_FIRST = Comparator
            .comparing(Position::createdAt, Comparator.reverseOrder())
            .thenComparing(position -> position.id().value());

    private final Map<OrderId, Order> byId = new ConcurrentHashMap<>();
    private final NavigableSet<Position> all = new ConcurrentSkipListSet<>(NEWEST_FIRST);
    private final Map<OrderStatus, NavigableSet<Position>> byStatus = new EnumMap<>(OrderStatus.class);
    private final Map<String, NavigableSet<Position>> byCustomer = new ConcurrentHashMap<>();
    private final Map<OrderId, List<CountDownLatch>> watchers = new ConcurrentHashMap<>();

    public InMemoryOrderRepository() {
        for (OrderStatus status : OrderStatus.values()) {
            byStatus.put(status, new ConcurrentSkipListSet<>(NEWEST_FIRST));
        }
    }

    @Override
    public Optional<Order> find(OrderId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public List<Order> list(OrderQuery query) {
        List<Order> found = new ArrayList<>(Math.min(query.limit(), 64));
        for (Position position : candidates(query)) {
            Order order = byId.get(position.id());
            if (order != null && query.matches(order)) {
                found.add(order);
                if (found.size() == query.limit()) {
                    break;
                }
            }
        }
        return found;
    }

    /** The narrowest index that holds every answer: a customer's orders are usually few. */
    private NavigableSet<Position> candidates(OrderQuery query) {
        if (query.customer().isPresent()) {
            NavigableSet<Position> customers = byCustomer.get(query.customer().get().searchKey());
            return customers != null ? customers : new ConcurrentSkipListSet<>(NEWEST_FIRST);
        }
        return query.status().map(byStatus::get).orElse(all);
    }

    @Override
    public boolean save(Order order) {
        synchronized (this) {
            Order current = byId.get(order.id());
            if (current != null && !order.supersedes(current)) {
                return false;
            }
            index(order, current);
            byId.put(order.id(), order);
        }
        wakeWatchers(order.id());
        return true;
    }

    /**
     * Moves the order to its place in each index. New places are added before old ones are
     * removed, so a concurrent reader never misses an order that exists.
     */
    private void index(Order order, Order current) {
        Position position = new Position(order.createdAt(), order.id());
        String customer = order.customer().searchKey();
        Position old = current == null ? null : new Position(current.createdAt(), current.id());
        String oldCustomer = current == null ? null : current.customer().searchKey();
        // another producer may have placed the same idempotent order first: its version wins
        boolean moved = !position.equals(old);
        if (moved) {
            all.add(position);
        }
        if (moved || !customer.equals(oldCustomer)) {
            ordersOf(customer).add(position);
        }
        byStatus.get(order.status()).add(position);
        if (current != null) {
            byStatus.get(current.status()).remove(old);
            if (moved || !customer.equals(oldCustomer)) {
                ordersOf(oldCustomer).remove(old);
            }
            if (moved) {
                all.remove(old);
            }
        }
    }

    private NavigableSet<Position> ordersOf(String customer) {
        return byCustomer.computeIfAbsent(customer, key -> new ConcurrentSkipListSet<>(NEWEST_FIRST));
    }

    @Override
    public Optional<Order> awaitStatusOtherThan(OrderId id, OrderStatus seen, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            CountDownLatch changed = new CountDownLatch(1);
            watchers.computeIfAbsent(id, key -> new CopyOnWriteArrayList<>()).add(changed);
            try {
                Order current = byId.get(id);
                if (current != null && current.status() != seen) {
                    return Optional.of(current);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !changed.await(left, TimeUnit.NANOSECONDS)) {
                    return Optional.empty();
                }
            } finally {
                watchers.computeIfPresent(id, (key, list) -> {
                    list.remove(changed);
                    return list.isEmpty() ? null : list;
                });
            }
        }
    }

    private void wakeWatchers(OrderId id) {
        if (watchers.isEmpty()) {
            return;
        }
        List<CountDownLatch> waiting = watchers.get(id);
        if (waiting != null) {
            waiting.forEach(CountDownLatch::countDown);
        }
    }

    @Override
    public int size() {
        return byId.size();
    }

    /** Where an order sits in the newest-first indexes. */
    private record Position(Instant createdAt, OrderId id) {
    }
}
