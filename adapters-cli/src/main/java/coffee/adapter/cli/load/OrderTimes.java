package coffee.adapter.cli.load;

/**
 * A time for each order id, for example when the order was accepted: an open-addressing hash
 * table of primitives (linear probing, removal by backward shift).
 *
 * <p>Why not a {@code ConcurrentHashMap<UUID, Long>}: at 100,000 orders a second each entry
 * would cost a UUID, a Long and a map node (about 80 bytes of garbage per order), and orders
 * nobody completes (no consumer running) would keep them all. Here an entry is three longs in
 * arrays, and an id is its two halves as parsed from the answer's bytes.
 *
 * <p>Not thread-safe: the {@link EndToEndTracker} guards its tables with one lock.
 */
final class OrderTimes {

    /** What {@link #remove} answers for an id that is not in the table. */
    static final long ABSENT = Long.MIN_VALUE;

    private long[] highs;
    private long[] lows;
    private long[] times;
    private int size;

    OrderTimes() {
        allocate(1 << 12);
    }

    private void allocate(int capacity) {
        highs = new long[capacity];
        lows = new long[capacity];
        times = new long[capacity];
    }

    /**
     * Sets the time of order {@code high:low}. Ids are UUIDs of version 4 or 5, whose high half is
     * never 0, which is what marks a free slot here.
     */
    void put(long high, long low, long nanos) {
        if (high == 0) {
            throw new IllegalArgumentException("not an order id: its high half is 0");
        }
        if (size * 2 >= highs.length) {
            grow();
        }
        int slot = slotOf(high, low);
        while (highs[slot] != 0) {
            if (highs[slot] == high && lows[slot] == low) {
                times[slot] = nanos;
                return;
            }
            slot = next(slot);
        }
        highs[slot] = high;
        lows[slot] = low;
        times[slot] = nanos;
        size++;
    }

    /** Forgets the order and returns its time, or {@link #ABSENT} if it was not here. */
    long remove(long high, long low) {
        int slot = slotOf(high, low);
        while (highs[slot] != 0) {
            if (highs[slot] == high && lows[slot] == low) {
                long nanos = times[slot];
                deleteAt(slot);
                size--;
                return nanos;
            }
            slot = next(slot);
        }
        return ABSENT;
    }

    int size() {
        return size;
    }

    /**
     * Empties {@code free} and moves back the entries after it that probed past it, so that
     * every entry stays reachable from its home slot without tombstones.
     */
    private void deleteAt(int free) {
        int hole = free;
        int slot = next(hole);
        while (highs[slot] != 0) {
            int home = slotOf(highs[slot], lows[slot]);
            // the entry may fill the hole unless its home lies cyclically in (hole, slot]
            boolean homeBetween = hole <= slot ? hole < home && home <= slot : hole < home || home <= slot;
            if (!homeBetween) {
                highs[hole] = highs[slot];
                lows[hole] = lows[slot];
                times[hole] = times[slot];
                hole = slot;
            }
            slot = next(slot);
        }
        highs[hole] = 0;
        lows[hole] = 0;
        times[hole] = 0;
    }

    private void grow() {
        long[] oldHighs = highs;
        long[] oldLows = lows;
        long[] oldTimes = times;
        allocate(oldHighs.length * 2);
        for (int i = 0; i < oldHighs.length; i++) {
            if (oldHighs[i] != 0) {
                int slot = slotOf(oldHighs[i], oldLows[i]);
                while (highs[slot] != 0) {
                    slot = next(slot);
                }
                highs[slot] = oldHighs[i];
                lows[slot] = oldLows[i];
                times[slot] = oldTimes[i];
            }
        }
    }

    private int slotOf(long high, long low) {
        long h = (high ^ Long.rotateLeft(low, 29)) * 0x9E3779B97F4A7C15L; // spread both halves
        return (int) (h >>> 32) & (highs.length - 1);
    }

    private int next(int slot) {
        return (slot + 1) & (highs.length - 1);
    }
}
