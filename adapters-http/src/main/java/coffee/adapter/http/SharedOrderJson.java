package coffee.adapter.http;

import coffee.domain.Order;

/**
 * The JSON of the orders event streams sent most recently, shared by their subscribers: a change
 * followed by a thousand subscribers is written as JSON once, not a thousand times. Every
 * subscriber of a change is handed the same {@link Order} instance, so the instance is the key.
 * A small table: a newer order takes an older one's slot, and a miss only costs an encoding.
 *
 * <p>Thread-safe without locks: a slot holds an immutable entry (final fields, so safely
 * published however it is read); two threads that both miss both encode, and one entry stays.
 */
final class SharedOrderJson {

    private static final int SLOTS = 1024;

    private final Entry[] slots = new Entry[SLOTS];

    /** The order's JSON, as {@code GET /order/{id}} gives it. */
    byte[] of(Order order) {
        int slot = System.identityHashCode(order) & (SLOTS - 1);
        Entry entry = slots[slot];
        if (entry != null && entry.order() == order) {
            return entry.json();
        }
        byte[] json = OrderJson.order(order);
        slots[slot] = new Entry(order, json);
        return json;
    }

    private record Entry(Order order, byte[] json) {
    }
}
