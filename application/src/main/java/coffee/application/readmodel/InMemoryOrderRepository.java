package coffee.application.readmodel;

import coffee.application.port.out.OrderRepository;
import coffee.domain.CustomerName;
import coffee.domain.Drink;
import coffee.domain.Order;
import coffee.domain.OrderId;
import coffee.domain.OrderQuery;
import coffee.domain.OrderStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Predicate;

/**
 * A view of orders in memory, compactly: about 60 bytes per order instead of the ~400 of one
 * object graph per order. The fake that stands in for the producers' Kafka Streams view in
 * tests, and the view of a command-line tool that follows a few orders; it keeps whatever it
 * is given, so it suits neither a producer nor a consumer of a long-lived shop (see
 * {@code KafkaOrderView} and {@link RecentOrders}).
 *
 * <p>Orders are rows in columns (id, customer, drink, status, times) held in fixed-size chunks,
 * so rows never move and growing never copies. Customer names are stored once each. An
 * open-addressing table finds a row by id. Rows sorted by creation time, overall and per
 * customer ({@link RowsByCreation}), answer "newest first". A status filter walks them and
 * checks each row's status byte: pending and processing orders are the newest, so such a
 * query stops early, and even a full walk of millions of rows takes milliseconds.
 *
 * <p>Writes are serialized; reads of one order are lock-free (optimistic), listings read under
 * a shared lock.
 */
public final class InMemoryOrderRepository implements OrderRepository {

    private static final int CHUNK_BITS = 14;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private static final int MASK = CHUNK - 1;
    private static final int MAX_CHUNKS = 1 << 16;
    private static final Drink[] DRINKS = Drink.values();
    private static final OrderStatus[] STATUSES = OrderStatus.values();

    private final StampedLock lock = new StampedLock();

    // the rows, column by column
    private final long[][] idHigh = new long[MAX_CHUNKS][];
    private final long[][] idLow = new long[MAX_CHUNKS][];
    private final int[][] customer = new int[MAX_CHUNKS][];
    private final byte[][] drink = new byte[MAX_CHUNKS][];
    private final byte[][] status = new byte[MAX_CHUNKS][];
    private final long[][] createdNanos = new long[MAX_CHUNKS][];
    private final long[][] updatedNanos = new long[MAX_CHUNKS][];
    private volatile int rows;

    /** Row of each id: open addressing, linear probing, row + 1 (0 is empty), at most half full. */
    private int[] index = new int[1 << 12];

    /** Customer names, each spelling stored once; a row refers to its customer by number. */
    private final List<CustomerName> customers = new ArrayList<>();
    private final Map<String, Integer> customerNumbers = new HashMap<>();

    /** All rows by creation time. */
    private final RowsByCreation byCreation = new RowsByCreation(this::createdAt);
    /** Each customer's rows by creation time, by search key ("Ann" and "ANN" are one customer). */
    private final Map<String, RowsByCreation> byCustomer = new HashMap<>();

    private final Map<OrderId, List<CountDownLatch>> watchers = new ConcurrentHashMap<>();

    @Override
    public Optional<Order> find(OrderId id) {
        long stamp = lock.tryOptimisticRead();
        Order found = null;
        try {
            int row = rowOf(id.value().getMostSignificantBits(), id.value().getLeastSignificantBits());
            found = row < 0 ? null : orderAt(row);
        } catch (RuntimeException tornByAWrite) {
            // an optimistic read may see a half-written table; validate() below sends us to the lock
        }
        if (!lock.validate(stamp)) {
            stamp = lock.readLock();
            try {
                int row = rowOf(id.value().getMostSignificantBits(), id.value().getLeastSignificantBits());
                found = row < 0 ? null : orderAt(row);
            } finally {
                lock.unlockRead(stamp);
            }
        }
        return Optional.ofNullable(found);
    }

    @Override
    public List<Order> list(OrderQuery query) {
        long stamp = lock.readLock();
        try {
            RowsByCreation candidates = query.customer()
                    .map(name -> byCustomer.get(name.searchKey()))
                    .orElse(query.customer().isPresent() ? null : byCreation);
            if (candidates == null) {
                return List.of();
            }
            int wantedStatus = query.status().map(Enum::ordinal).orElse(-1);
            List<Order> found = new ArrayList<>(Math.min(query.limit(), 64));
            candidates.newestFirst(row -> {
                if (wantedStatus < 0 || status[row >>> CHUNK_BITS][row & MASK] == wantedStatus) {
                    found.add(orderAt(row));
                }
                return found.size() < query.limit();
            });
            return found;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    @Override
    public boolean save(Order order) {
        long stamp = lock.writeLock();
        try {
            UUID id = order.id().value();
            int row = rowOf(id.getMostSignificantBits(), id.getLeastSignificantBits());
            if (row < 0) {
                append(order);
            } else if (order.status().ordinal() != status[row >>> CHUNK_BITS][row & MASK]
                    && order.supersedes(orderAt(row))) {
                update(row, order);
            } else {
                return false;
            }
        } finally {
            lock.unlockWrite(stamp);
        }
        wakeWatchers(order.id());
        return true;
    }

    private void append(Order order) {
        int row = rows;
        int chunk = row >>> CHUNK_BITS;
        if (chunk >= MAX_CHUNKS) {
            throw new IllegalStateException("more than " + (long) MAX_CHUNKS * CHUNK + " orders in memory");
        }
        if (idHigh[chunk] == null) {
            idHigh[chunk] = new long[CHUNK];
            idLow[chunk] = new long[CHUNK];
            customer[chunk] = new int[CHUNK];
            drink[chunk] = new byte[CHUNK];
            status[chunk] = new byte[CHUNK];
            createdNanos[chunk] = new long[CHUNK];
            updatedNanos[chunk] = new long[CHUNK];
        }
        int at = row & MASK;
        UUID id = order.id().value();
        idHigh[chunk][at] = id.getMostSignificantBits();
        idLow[chunk][at] = id.getLeastSignificantBits();
        customer[chunk][at] = customerNumber(order.customer());
        drink[chunk][at] = (byte) order.drink().ordinal();
        status[chunk][at] = (byte) order.status().ordinal();
        createdNanos[chunk][at] = nanos(order.createdAt());
        updatedNanos[chunk][at] = nanos(order.updatedAt());
        rows = row + 1;
        addToIndex(row);
        byCreation.add(row);
        customerRows(order.customer()).add(row);
    }

    /**
     * A snapshot that tells more. Another producer may have placed the same idempotent order
     * first, with its own time (and, for a conflicting body, its own customer): its version
     * wins, so the row moves in the lists when those change.
     */
    private void update(int row, Order order) {
        int chunk = row >>> CHUNK_BITS;
        int at = row & MASK;
        long created = nanos(order.createdAt());
        CustomerName oldCustomer = customers.get(customer[chunk][at]);
        boolean moved = created != createdNanos[chunk][at];
        // a status change keeps the customer: compare spellings before computing search keys
        boolean otherCustomer = !oldCustomer.equals(order.customer())
                && !oldCustomer.searchKey().equals(order.customer().searchKey());
        if (moved) {
            byCreation.remove(row);
        }
        if (moved || otherCustomer) {
            customerRows(oldCustomer).remove(row);
        }
        customer[chunk][at] = customerNumber(order.customer());
        drink[chunk][at] = (byte) order.drink().ordinal();
        status[chunk][at] = (byte) order.status().ordinal();
        createdNanos[chunk][at] = created;
        updatedNanos[chunk][at] = nanos(order.updatedAt());
        if (moved) {
            byCreation.add(row);
        }
        if (moved || otherCustomer) {
            customerRows(order.customer()).add(row);
        }
    }

    private Order orderAt(int row) {
        int chunk = row >>> CHUNK_BITS;
        int at = row & MASK;
        return new Order(
                new OrderId(new UUID(idHigh[chunk][at], idLow[chunk][at])),
                customers.get(customer[chunk][at]),
                DRINKS[drink[chunk][at]],
                STATUSES[status[chunk][at]],
                instant(createdNanos[chunk][at]),
                instant(updatedNanos[chunk][at]));
    }

    private int customerNumber(CustomerName name) {
        return customerNumbers.computeIfAbsent(name.value(), spelling -> {
            customers.add(name);
            return customers.size() - 1;
        });
    }

    private RowsByCreation customerRows(CustomerName name) {
        return byCustomer.computeIfAbsent(name.searchKey(), key -> new RowsByCreation(this::createdAt));
    }

    // ---- the id index ----

    private int rowOf(long high, long low) {
        int[] table = index;
        int mask = table.length - 1;
        for (int slot = hash(high, low) & mask; ; slot = (slot + 1) & mask) {
            int entry = table[slot];
            if (entry == 0) {
                return -1;
            }
            int row = entry - 1;
            if (idHigh[row >>> CHUNK_BITS][row & MASK] == high && idLow[row >>> CHUNK_BITS][row & MASK] == low) {
                return row;
            }
        }
    }

    private void addToIndex(int row) {
        if ((long) rows * 2 > index.length) {
            int[] bigger = new int[index.length * 2];
            for (int entry : index) {
                if (entry != 0) {
                    place(bigger, entry - 1);
                }
            }
            // publish the bigger table whole: an optimistic reader sees the old one or the new one
            index = bigger;
        }
        place(index, row);
    }

    private void place(int[] table, int row) {
        int mask = table.length - 1;
        long high = idHigh[row >>> CHUNK_BITS][row & MASK];
        long low = idLow[row >>> CHUNK_BITS][row & MASK];
        int slot = hash(high, low) & mask;
        while (table[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        table[slot] = row + 1;
    }

    private static int hash(long high, long low) {
        long mixed = (high ^ Long.rotateLeft(low, 29)) * 0x9E3779B97F4A7C15L;
        return (int) (mixed ^ (mixed >>> 32));
    }

    // ---- time ----

    private static long nanos(Instant time) {
        try {
            return Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000_000L), time.getNano());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("order time out of range (1677..2262): " + time, e);
        }
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    private long createdAt(int row) {
        return createdNanos[row >>> CHUNK_BITS][row & MASK];
    }

    // ---- waiting for a change ----

    @Override
    public Optional<Order> awaitStatus(OrderId id, OrderStatus wanted, Duration timeout) throws InterruptedException {
        Optional<Order> settled = await(id, order -> order.status().settles(wanted), timeout);
        return settled.isPresent() ? settled : find(id);
    }

    /**
     * Waits until the order is known with a status other than {@code seen}; empty if that did
     * not happen within {@code timeout}.
     */
    public Optional<Order> awaitStatusOtherThan(OrderId id, OrderStatus seen, Duration timeout)
            throws InterruptedException {
        return await(id, order -> order.status() != seen, timeout);
    }

    private Optional<Order> await(OrderId id, Predicate<Order> done, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            CountDownLatch changed = new CountDownLatch(1);
            watchers.computeIfAbsent(id, key -> new CopyOnWriteArrayList<>()).add(changed);
            try {
                Optional<Order> current = find(id);
                if (current.isPresent() && done.test(current.get())) {
                    return current;
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
        return rows;
    }
}
