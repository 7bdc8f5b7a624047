package coffee.adapter.kafka;

import coffee.domain.CustomerName;
import coffee.domain.Drink;
import coffee.domain.Order;
import coffee.domain.OrderId;
import coffee.domain.OrderStatus;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/**
 * How the view's state store lays out orders as bytes. Each partition's store is one RocksDB
 * database ({@link IndexedOrderStore}) holding the orders and, beside them, the index entries
 * the listings walk; a one-byte prefix keeps the three apart. RocksDB keeps keys sorted
 * (unsigned, byte by byte), so the index keys are built for the walks {@code GET /orders} makes:
 *
 * <pre>
 * 0x00 · id (16)                                                → order (below)
 * 0x01 · status (1) · newest-first time (8) · id (16)           → (empty)
 * 0x02 · customer (UTF-8) · 0x00 · newest-first time (8) · id (16) → (empty)
 * </pre>
 *
 * Outside the store (to the processor, the readers and the changelog) an order's key is its
 * bare id ({@link #id}); the store adds the prefix ({@link #stored}). The newest-first time is
 * the created nanos with every bit but the sign flipped, which turns signed order into reversed
 * unsigned order: ascending keys run from the newest order to the oldest; orders created in the
 * same nanosecond follow their ids. A customer name never contains 0x00 (no control characters,
 * {@link CustomerName}), so it ends cleanly.
 *
 * <p>An order's value: version (1) · status (1) · drink (1) · created nanos (8) · updated nanos (8)
 * · customer name (UTF-8). About 40 bytes instead of the JSON's 200.
 */
final class ViewKeys {

    static final int ID_BYTES = 16;
    /** The part after the index's prefix that sorts it: newest-first time, then id. */
    static final int SORT_BYTES = 8 + ID_BYTES;
    static final byte[] NO_VALUE = new byte[0];
    /** Where each kind of entry begins in the store: orders, the status index, the customer index. */
    static final byte ORDER = 0x00;
    static final byte BY_STATUS = 0x01;
    static final byte BY_CUSTOMER = 0x02;

    private static final byte VERSION = 1;
    /** Where the fields of an order's value begin (see the class's comment). */
    private static final int STATUS_AT = 1;
    private static final int CREATED_AT = 3;
    private static final int CUSTOMER_AT = 19;
    private static final Drink[] DRINKS = Drink.values();
    private static final OrderStatus[] STATUSES = OrderStatus.values();

    private ViewKeys() {
    }

    static byte[] id(OrderId id) {
        UUID uuid = id.value();
        return ByteBuffer.allocate(ID_BYTES).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).array();
    }

    /** An order's key inside the store: its id after the orders' prefix. */
    static byte[] stored(byte[] id) {
        byte[] key = new byte[1 + ID_BYTES];
        key[0] = ORDER;
        System.arraycopy(id, 0, key, 1, ID_BYTES);
        return key;
    }

    /** Whether a key is an order's bare id ({@link #id}), as the store's users write and read it. */
    static boolean isId(byte[] key) {
        return key.length == ID_BYTES;
    }

    /** The id at the end of any of the keys above. */
    static OrderId idAtEnd(byte[] key) {
        ByteBuffer buffer = ByteBuffer.wrap(key, key.length - ID_BYTES, ID_BYTES);
        return new OrderId(new UUID(buffer.getLong(), buffer.getLong()));
    }

    static byte[] statusPrefix(OrderStatus status) {
        return new byte[] {BY_STATUS, (byte) status.ordinal()};
    }

    static byte[] byStatus(Order order) {
        return ByteBuffer.allocate(2 + SORT_BYTES).put(BY_STATUS).put((byte) order.status().ordinal())
                .put(sortPart(order)).array();
    }

    /** The status of a status index key. */
    static OrderStatus statusOf(byte[] byStatusKey) {
        return STATUSES[byStatusKey[1]];
    }

    /** Where the orders of a status placed at {@code time} or before begin in the status index. */
    static byte[] byStatusFrom(OrderStatus status, Instant time) {
        return ByteBuffer.allocate(2 + SORT_BYTES).put(BY_STATUS).put((byte) status.ordinal())
                .putLong(newestFirst(time)).array();
    }

    static byte[] customerPrefix(CustomerName customer) {
        byte[] name = customer.searchKey().getBytes(StandardCharsets.UTF_8);
        byte[] prefix = new byte[name.length + 2];
        prefix[0] = BY_CUSTOMER;
        System.arraycopy(name, 0, prefix, 1, name.length);
        return prefix;
    }

    static byte[] byCustomer(Order order) {
        byte[] prefix = customerPrefix(order.customer());
        return ByteBuffer.allocate(prefix.length + SORT_BYTES).put(prefix).put(sortPart(order)).array();
    }

    /*
     * The same index keys from an order as stored (id and value bytes), without decoding it: the
     * store derives them for every order it writes or restores, so this is on the hot path.
     */

    /** The status index key of the order stored as {@code value} under {@code id}. */
    static byte[] byStatus(byte[] id, byte[] value) {
        byte[] key = new byte[2 + SORT_BYTES];
        key[0] = BY_STATUS;
        key[1] = checkedVersion(value)[STATUS_AT];
        putSortPart(key, 2, id, value);
        return key;
    }

    /** The customer index key of the order stored as {@code value} under {@code id}. */
    static byte[] byCustomer(byte[] id, byte[] value) {
        byte[] name = searchKey(checkedVersion(value));
        byte[] key = new byte[name.length + 2 + SORT_BYTES];
        key[0] = BY_CUSTOMER;
        System.arraycopy(name, 0, key, 1, name.length);
        putSortPart(key, name.length + 2, id, value);
        return key;
    }

    /** The status of an order as stored. */
    static OrderStatus storedStatus(byte[] value) {
        return STATUSES[checkedVersion(value)[STATUS_AT]];
    }

    /** The same status index key, for another status. */
    static byte[] withStatus(byte[] byStatusKey, OrderStatus status) {
        byte[] key = byStatusKey.clone();
        key[1] = (byte) status.ordinal();
        return key;
    }

    /** Whether two stored versions of an order have the same index keys but for the status's. */
    static boolean sameTimeAndCustomer(byte[] one, byte[] other) {
        return Arrays.equals(one, CREATED_AT, CREATED_AT + 8, other, CREATED_AT, CREATED_AT + 8)
                && Arrays.equals(one, CUSTOMER_AT, one.length, other, CUSTOMER_AT, other.length);
    }

    private static byte[] checkedVersion(byte[] value) {
        if (value[0] != VERSION) {
            throw new IllegalStateException("order stored in an unknown format (version " + value[0] + ")");
        }
        return value;
    }

    private static void putSortPart(byte[] key, int at, byte[] id, byte[] value) {
        long created = ByteBuffer.wrap(value, CREATED_AT, 8).getLong();
        ByteBuffer.wrap(key, at, SORT_BYTES).putLong(created ^ Long.MAX_VALUE).put(id, 0, ID_BYTES);
    }

    /**
     * The customer's {@link CustomerName#searchKey()} in UTF-8. Names in ASCII (most) are
     * lower-cased byte by byte, which is what upper- then lower-casing does to ASCII; any other
     * name goes through the domain's own rule.
     */
    private static byte[] searchKey(byte[] value) {
        byte[] name = Arrays.copyOfRange(value, CUSTOMER_AT, value.length);
        for (int i = 0; i < name.length; i++) {
            byte b = name[i];
            if (b < 0) {
                return new CustomerName(new String(name, StandardCharsets.UTF_8)).searchKey()
                        .getBytes(StandardCharsets.UTF_8);
            }
            if (b >= 'A' && b <= 'Z') {
                name[i] = (byte) (b + ('a' - 'A'));
            }
        }
        return name;
    }

    /** Orders as every listing sorts them: newest first, then by id (as their index keys sort). */
    static final java.util.Comparator<Order> NEWEST_FIRST =
            (a, b) -> Arrays.compareUnsigned(sortPart(a), sortPart(b));

    private static byte[] sortPart(Order order) {
        UUID id = order.id().value();
        return ByteBuffer.allocate(SORT_BYTES).putLong(newestFirst(order.createdAt()))
                .putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }

    static byte[] order(Order order) {
        byte[] customer = order.customer().value().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(3 + 16 + customer.length)
                .put(VERSION)
                .put((byte) order.status().ordinal())
                .put((byte) order.drink().ordinal())
                .putLong(nanos(order.createdAt()))
                .putLong(nanos(order.updatedAt()))
                .put(customer)
                .array();
    }

    static Order order(OrderId id, byte[] value) {
        ByteBuffer buffer = ByteBuffer.wrap(value);
        byte version = buffer.get();
        if (version != VERSION) {
            throw new IllegalStateException("order stored in an unknown format (version " + version + ")");
        }
        OrderStatus status = STATUSES[buffer.get()];
        Drink drink = DRINKS[buffer.get()];
        Instant created = instant(buffer.getLong());
        Instant updated = instant(buffer.getLong());
        String customer = new String(value, buffer.position(), buffer.remaining(), StandardCharsets.UTF_8);
        return new Order(id, new CustomerName(customer), drink, status, created, updated);
    }

    /** The time part of every index key: ascending keys run from the newest time to the oldest. */
    private static long newestFirst(Instant time) {
        return nanos(time) ^ Long.MAX_VALUE;
    }

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
}
