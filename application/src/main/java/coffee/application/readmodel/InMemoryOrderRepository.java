package coffee.application.readmodel;

import coffee.application.port.out.OrderRepository;
import coffee.domain.CustomerName;
import coffee.domain.Drink;
import coffee.domain.Order;
import coffee.domain.OrderId;
import coffee.domain.OrderQuery;
import coffee.domain.OrderStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.StampedLock;

/**
 * A view of orders in memory, compactly: about 60 bytes per order instead of the ~400 of one
 * object graph per order. The fake that stands in for the producers' Kafka Streams view in
 * tests, and the view of a command-line tool that follows a few orders; it keeps whatever it
 * is given, so it suits neither a producer nor a consumer of a long-lived shop (see
 * {@code KafkaOrderView} and {@link RecentOrders}).
 *
 * <p>Orders are rows in columns (id, customer, drink, status, times) held in fixed-size chunks,
 * so rows never move and growing never copies. Customer names are stored once each ({@link
 * CustomerNames}). An open-addressing table ({@link IdIndex}) finds a row by id. Rows sorted by
 * creation time, overall and per customer ({@link RowsByCreation}), answer "newest first". A
 * status filter walks them and checks each row's status byte: pending and processing orders are
 * the newest, so such a query stops early, and even a full walk of millions of rows takes
 * milliseconds. Waiting for a change is {@link OrderWatchers}'.
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

    /** Row of each id. */
    private final IdIndex index = new IdIndex(
            row -> idHigh[row >>> CHUNK_BITS][row & MASK], row -> idLow[row >>> CHUNK_BITS][row & MASK]);

    /** Customer names, each spelling stored once; a row refers to its customer by number. */
    private final CustomerNames customers = new CustomerNames();

    /** All rows by creation time. */
    private final RowsByCreation byCreation = new RowsByCreation(this::createdAt);
    /** Each customer's rows by creation time, by search key ("Ann" and "ANN" are one customer). */
    private final Map<String, RowsByCreation> byCustomer = new HashMap<>();

    private final OrderWatchers watchers = new OrderWatchers(this::find);

    @Override
    public Optional<Order> find(OrderId id) {
        long stamp = lock.tryOptimisticRead();
        Order found = null;
        try {
            int row = rowOf(id.value());
            found = row < 0 ? null : orderAt(row);
        } catch (RuntimeException tornByAWrite) {
            // an optimistic read may see a half-written table; validate() below sends us to the lock
        }
        if (!lock.validate(stamp)) {
            stamp = lock.readLock();
            try {
                int row = rowOf(id.value());
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
            int row = rowOf(id);
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
        watchers.changed(order.id());
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
        customer[chunk][at] = customers.numberOf(order.customer());
        drink[chunk][at] = (byte) order.drink().ordinal();
        status[chunk][at] = (byte) order.status().ordinal();
        createdNanos[chunk][at] = EpochNanos.of(order.createdAt());
        updatedNanos[chunk][at] = EpochNanos.of(order.updatedAt());
        rows = row + 1;
        index.add(row, rows);
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
        long created = EpochNanos.of(order.createdAt());
        CustomerName oldCustomer = customers.name(customer[chunk][at]);
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
        customer[chunk][at] = customers.numberOf(order.customer());
        drink[chunk][at] = (byte) order.drink().ordinal();
        status[chunk][at] = (byte) order.status().ordinal();
        createdNanos[chunk][at] = created;
        updatedNanos[chunk][at] = EpochNanos.of(order.updatedAt());
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
                customers.name(customer[chunk][at]),
                DRINKS[drink[chunk][at]],
                STATUSES[status[chunk][at]],
                EpochNanos.instant(createdNanos[chunk][at]),
                EpochNanos.instant(updatedNanos[chunk][at]));
    }

    private RowsByCreation customerRows(CustomerName name) {
        return byCustomer.computeIfAbsent(name.searchKey(), key -> new RowsByCreation(this::createdAt));
    }

    private int rowOf(UUID id) {
        return index.rowOf(id.getMostSignificantBits(), id.getLeastSignificantBits());
    }

    private long createdAt(int row) {
        return createdNanos[row >>> CHUNK_BITS][row & MASK];
    }

    // ---- waiting for a change ----

    @Override
    public Optional<Order> awaitStatus(OrderId id, OrderStatus wanted, Duration timeout) throws InterruptedException {
        Optional<Order> settled = watchers.await(id, order -> order.status().settles(wanted), timeout);
        return settled.isPresent() ? settled : find(id);
    }

    /**
     * Waits until the order is known with a status other than {@code seen}; empty if that did
     * not happen within {@code timeout}.
     */
    public Optional<Order> awaitStatusOtherThan(OrderId id, OrderStatus seen, Duration timeout)
            throws InterruptedException {
        return watchers.await(id, order -> order.status() != seen, timeout);
    }

    @Override
    public int size() {
        return rows;
    }
}
