package coffee.application.readmodel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.IntToLongFunction;

/**
 * Row numbers sorted by creation time, for "newest first". A list of small sorted chunks:
 * finding a chunk is a binary search over chunks, an insertion shifts at most one chunk, and a
 * full chunk splits in two. Orders arrive nearly in creation order (a feed reads partition by
 * partition, so hundreds apart at worst), and this keeps every insertion cheap however far back
 * it lands. Chunks start tiny, so a customer with three orders costs a few bytes.
 *
 * <p>Not thread-safe: the repository serializes writes and guards reads.
 */
final class RowsByCreation {

    private static final int MAX_CHUNK = 512;

    private final IntToLongFunction createdAt;
    private final List<int[]> chunks = new ArrayList<>();
    private final List<Integer> sizes = new ArrayList<>();
    private int size;

    RowsByCreation(IntToLongFunction createdAt) {
        this.createdAt = createdAt;
    }

    int size() {
        return size;
    }

    void add(int row) {
        long created = createdAt.applyAsLong(row);
        if (chunks.isEmpty()) {
            chunks.add(new int[4]);
            sizes.add(0);
        }
        int chunk = chunkFor(created);
        int[] rows = chunks.get(chunk);
        int count = sizes.get(chunk);
        // after every row created at the same time or earlier: ties keep arrival order
        int position = count;
        while (position > 0 && createdAt.applyAsLong(rows[position - 1]) > created) {
            position--;
        }
        if (count == rows.length) {
            if (rows.length < MAX_CHUNK) {
                rows = Arrays.copyOf(rows, rows.length * 2);
                chunks.set(chunk, rows);
            } else {
                split(chunk);
                add(row);
                return;
            }
        }
        System.arraycopy(rows, position, rows, position + 1, count - position);
        rows[position] = row;
        sizes.set(chunk, count + 1);
        size++;
    }

    /** The last chunk whose first row was created at or before {@code created}, else the first. */
    private int chunkFor(long created) {
        int low = 0;
        int high = chunks.size() - 1;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (sizes.get(middle) > 0 && createdAt.applyAsLong(chunks.get(middle)[0]) <= created) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return low;
    }

    private void split(int chunk) {
        int[] rows = chunks.get(chunk);
        int half = rows.length / 2;
        int[] upper = new int[MAX_CHUNK];
        System.arraycopy(rows, half, upper, 0, rows.length - half);
        chunks.add(chunk + 1, upper);
        sizes.add(chunk + 1, rows.length - half);
        sizes.set(chunk, half);
    }

    void remove(int row) {
        for (int chunk = chunks.size() - 1; chunk >= 0; chunk--) {
            int[] rows = chunks.get(chunk);
            int count = sizes.get(chunk);
            for (int i = count - 1; i >= 0; i--) {
                if (rows[i] == row) {
                    System.arraycopy(rows, i + 1, rows, i, count - i - 1);
                    sizes.set(chunk, count - 1);
                    size--;
                    if (count == 1 && chunks.size() > 1) {
                        chunks.remove(chunk);
                        sizes.remove(chunk);
                    }
                    return;
                }
            }
        }
    }

    /** Visits rows newest first until {@code visitor} returns false. */
    void newestFirst(IntPredicate visitor) {
        for (int chunk = chunks.size() - 1; chunk >= 0; chunk--) {
            int[] rows = chunks.get(chunk);
            for (int i = sizes.get(chunk) - 1; i >= 0; i--) {
                if (!visitor.test(rows[i])) {
                    return;
                }
            }
        }
    }
}
