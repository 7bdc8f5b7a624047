package coffee.application.readmodel;

import java.util.function.IntToLongFunction;

/**
 * Finds a row by its order id: an open-addressing table with linear probing, holding row + 1
 * (0 is empty), at most half full. The ids themselves stay in the repository's columns; the
 * table asks for them by row.
 *
 * <p>Not thread-safe: the repository serializes writes. A reader without the lock sees either
 * the old table or the bigger one whole, never one half-filled.
 */
final class IdIndex {

    private final IntToLongFunction high;
    private final IntToLongFunction low;
    private int[] table = new int[1 << 12];

    /** {@code high} and {@code low} give the two halves of the id stored at a row. */
    IdIndex(IntToLongFunction high, IntToLongFunction low) {
        this.high = high;
        this.low = low;
    }

    /** The row of the id with these halves, or -1 if there is none. */
    int rowOf(long idHigh, long idLow) {
        int[] slots = table;
        int mask = slots.length - 1;
        for (int slot = hash(idHigh, idLow) & mask; ; slot = (slot + 1) & mask) {
            int entry = slots[slot];
            if (entry == 0) {
                return -1;
            }
            int row = entry - 1;
            if (high.applyAsLong(row) == idHigh && low.applyAsLong(row) == idLow) {
                return row;
            }
        }
    }

    /** Indexes a new row; {@code rows} is how many rows there are now, this one included. */
    void add(int row, int rows) {
        if ((long) rows * 2 > table.length) {
            int[] bigger = new int[table.length * 2];
            for (int entry : table) {
                if (entry != 0) {
                    place(bigger, entry - 1);
                }
            }
            // publish the bigger table whole: an optimistic reader sees the old one or the new one
            table = bigger;
        }
        place(table, row);
    }

    private void place(int[] slots, int row) {
        int mask = slots.length - 1;
        int slot = hash(high.applyAsLong(row), low.applyAsLong(row)) & mask;
        while (slots[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        slots[slot] = row + 1;
    }

    private static int hash(long high, long low) {
        long mixed = (high ^ Long.rotateLeft(low, 29)) * 0x9E3779B97F4A7C15L;
        return (int) (mixed ^ (mixed >>> 32));
    }
}
