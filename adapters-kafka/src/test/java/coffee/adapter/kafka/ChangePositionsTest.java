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
    void after_a_pause_the_reading_resumes_about_the_remembered_records_back_never_before_where_it_stopped() {
        long[][] stopped = {{100, 5, 40}, {0, 0, 0}};
        long[][] ends = {{500, 6, 40}, {90, 300, 0}};

        long[][] from = ChangePositions.resumeFrom(stopped, ends, 60);

        // 60 remembered over six partitions: ten back from each end, but not before the stop
        assertArrayEquals(new long[] {490, 5, 40}, from[ChangePositions.ORDERS]);
        assertArrayEquals(new long[] {80, 290, 0}, from[ChangePositions.STATUSES]);
    }

    @Test
    void a_topic_that_shrank_while_paused_is_read_again_from_its_end() {
        long[][] from = ChangePositions.resumeFrom(new long[][] {{100}, {7}}, new long[][] {{20}, {7}}, 0);

        assertArrayEquals(new long[] {20}, from[ChangePositions.ORDERS]);
        assertArrayEquals(new long[] {7}, from[ChangePositions.STATUSES]);
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
