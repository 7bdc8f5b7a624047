package coffee.application.readmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdIndexTest {

    private final List<long[]> ids = new ArrayList<>();
    private final IdIndex index = new IdIndex(row -> ids.get(row)[0], row -> ids.get(row)[1]);

    @Test
    void it_finds_every_row_by_its_id_after_growing_many_times() {
        for (int row = 0; row < 20_000; row++) {
            // ids that differ only in one half, and collide often in the low bits
            ids.add(new long[] {row % 7, (long) row << 20});
            index.add(row, row + 1);
        }

        for (int row = 0; row < 20_000; row++) {
            assertEquals(row, index.rowOf(row % 7, (long) row << 20));
        }
    }

    @Test
    void an_unknown_id_has_no_row() {
        ids.add(new long[] {1, 2});
        index.add(0, 1);

        assertEquals(-1, index.rowOf(2, 1));
        assertEquals(-1, index.rowOf(1, 3));
    }
}
