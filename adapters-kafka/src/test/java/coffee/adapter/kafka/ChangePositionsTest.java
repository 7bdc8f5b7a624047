package coffee.adapter.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ChangePositionsTest {

    private final long[][] threePartitionsEach = {{12, 0, 7}, {3, 1, 0}};

    @Test
    void a_position_names_the_orders_partitions_then_the_status_partitions() {
        assertEquals("12.0.7-3.1.0", ChangePositions.format(threePartitionsEach));
    }

    @Test
    void a_position_read_back_names_the_same_offsets() {
        long[][] read = ChangePositions.parse("12.0.7-3.1.0", threePartitionsEach);

        assertArrayEquals(new long[] {12, 0, 7}, read[ChangePositions.ORDERS]);
        assertArrayEquals(new long[] {3, 1, 0}, read[ChangePositions.STATUSES]);
    }

    @Test
    void a_position_from_before_a_topic_grew_reads_its_new_partitions_from_the_start() {
        long[][] read = ChangePositions.parse("12.0-3.1.0", threePartitionsEach);

        assertArrayEquals(new long[] {12, 0, 0}, read[ChangePositions.ORDERS]);
    }

    @Test
    void text_that_is_no_position_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> ChangePositions.parse("12.0.7", threePartitionsEach));
        assertThrows(IllegalArgumentException.class, () -> ChangePositions.parse("a-1", threePartitionsEach));
        assertThrows(IllegalArgumentException.class, () -> ChangePositions.parse("-1-1", threePartitionsEach));
        assertThrows(IllegalArgumentException.class,
                () -> ChangePositions.parse("1.2.3.4-1", threePartitionsEach));
    }

    @Test
    void advancing_past_a_partition_never_seen_grows_the_topic() {
        long[][] positions = ChangePositions.copy(threePartitionsEach);

        ChangePositions.advance(positions, ChangePositions.STATUSES, 4, 9);

        assertArrayEquals(new long[] {3, 1, 0, 0, 10}, positions[ChangePositions.STATUSES]);
        assertArrayEquals(new long[] {3, 1, 0}, threePartitionsEach[ChangePositions.STATUSES], "a copy moved alone");
    }
}
