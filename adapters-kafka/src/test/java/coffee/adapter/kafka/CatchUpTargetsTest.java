package coffee.adapter.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CatchUpTargetsTest {

    private final ViewProgress orders = new ViewProgress();
    private final ViewProgress statuses = new ViewProgress();

    @Test
    void the_view_is_behind_by_the_records_of_both_topics_it_has_not_folded() {
        CatchUpTargets targets = new CatchUpTargets(Map.of(0, 10L, 1, 3L), Map.of(0, 5L));

        assertEquals(18, targets.behind(orders, statuses));

        orders.processed(0, 4);
        statuses.processed(0, 4);
        assertEquals(5 + 3, targets.behind(orders, statuses));

        orders.processed(0, 9);
        orders.processed(1, 2);
        assertEquals(0, targets.behind(orders, statuses));
    }

    @Test
    void folding_past_a_target_counts_as_reaching_it_not_as_being_ahead() {
        CatchUpTargets targets = new CatchUpTargets(Map.of(0, 10L), Map.of(0, 10L));

        orders.processed(0, 50);

        assertEquals(10, targets.behind(orders, statuses));
    }

    @Test
    void only_the_partitions_held_here_count_and_one_a_topic_never_reached_has_nothing_to_fold() {
        CatchUpTargets targets = new CatchUpTargets(Map.of(0, 10L, 1, 7L), Map.of(1, 4L));

        CatchUpTargets here = targets.only(Set.of(1, 2));

        assertEquals(new CatchUpTargets(Map.of(1, 7L, 2, 0L), Map.of(1, 4L, 2, 0L)), here);
        assertEquals(7 + 4, here.behind(orders, statuses));
    }

    @Test
    void a_partition_whose_records_retention_deleted_is_not_waited_for() {
        CatchUpTargets targets = new CatchUpTargets(Map.of(0, 10L, 1, 7L), Map.of(0, 5L, 1, 5L));

        CatchUpTargets kept = targets.withoutEmptyPartitions(Map.of(0, 10L, 1, 3L), Map.of(0, 0L, 1, 5L));

        assertEquals(new CatchUpTargets(Map.of(0, 0L, 1, 7L), Map.of(0, 5L, 1, 0L)), kept);
        assertEquals(7 + 5, kept.behind(orders, statuses));
    }
}
