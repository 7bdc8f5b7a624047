package coffee.adapter.kafka;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the orders topic and the status topic ended, per partition, when the view started: the
 * next offset of each (so the last record is one before). The view answers reads once it has
 * folded that far, and says how many records it still has to fold.
 */
record CatchUpTargets(Map<Integer, Long> orders, Map<Integer, Long> statuses) {

    /** The targets of these partitions only (those held here), 0 where a topic ended nowhere. */
    CatchUpTargets only(Collection<Integer> partitions) {
        Map<Integer, Long> ordersHere = new HashMap<>();
        Map<Integer, Long> statusesHere = new HashMap<>();
        for (int partition : partitions) {
            ordersHere.put(partition, orders.getOrDefault(partition, 0L));
            statusesHere.put(partition, statuses.getOrDefault(partition, 0L));
        }
        return new CatchUpTargets(Map.copyOf(ordersHere), Map.copyOf(statusesHere));
    }

    /**
     * The targets, with partitions that hold no record any more (all deleted by retention) at 0:
     * no record will ever be folded there, so waiting for their last offset would never end.
     *
     * @param ordersStarts the earliest offset of each partition of the orders topic
     * @param statusStarts the same for the status topic
     */
    CatchUpTargets withoutEmptyPartitions(Map<Integer, Long> ordersStarts, Map<Integer, Long> statusStarts) {
        return new CatchUpTargets(withoutEmpty(orders, ordersStarts), withoutEmpty(statuses, statusStarts));
    }

    private static Map<Integer, Long> withoutEmpty(Map<Integer, Long> ends, Map<Integer, Long> starts) {
        Map<Integer, Long> targets = new HashMap<>(ends);
        starts.forEach((partition, start) -> {
            if (start >= targets.getOrDefault(partition, 0L)) {
                targets.put(partition, 0L);
            }
        });
        return targets;
    }

    /** How many records of both topics are still to fold before the targets are reached. */
    long behind(ViewProgress ordersFolded, ViewProgress statusesFolded) {
        long behind = 0;
        for (Map.Entry<Integer, Long> target : orders.entrySet()) {
            behind += Math.max(0, target.getValue() - 1 - ordersFolded.position(target.getKey()));
        }
        for (Map.Entry<Integer, Long> target : statuses.entrySet()) {
            behind += Math.max(0, target.getValue() - 1 - statusesFolded.position(target.getKey()));
        }
        return behind;
    }
}
