package coffee.adapter.kafka;

import java.util.Arrays;

/**
 * The positions of the changes of orders, as {@link KafkaOrderChanges} gives them to followers:
 * the next offset of every partition of the orders topic, then of the status topic, written
 * {@code 12.0.7-3.1.0} for three partitions each. Held as {@code long[topic][partition]}.
 */
final class ChangePositions {

    static final int ORDERS = 0;
    static final int STATUSES = 1;

    private ChangePositions() {
    }

    /** The positions past {@code offset} of the partition; grown when the topic grew. */
    static long[][] advance(long[][] positions, int topic, int partition, long offset) {
        if (partition >= positions[topic].length) {
            // the topic grew: follow its new partitions too (from their start, as Kafka does)
            positions[topic] = Arrays.copyOf(positions[topic], partition + 1);
        }
        positions[topic][partition] = offset + 1;
        return positions;
    }

    static long[][] copy(long[][] positions) {
        return new long[][] {positions[ORDERS].clone(), positions[STATUSES].clone()};
    }

    /** {@code 12.0.7-3.1.0}: the next offsets of the orders topic's partitions, then the status topic's. */
    static String format(long[][] positions) {
        StringBuilder text = new StringBuilder(positions[ORDERS].length * 8 + positions[STATUSES].length * 8);
        for (int topic = 0; topic < 2; topic++) {
            if (topic > 0) {
                text.append('-');
            }
            for (int partition = 0; partition < positions[topic].length; partition++) {
                if (partition > 0) {
                    text.append('.');
                }
                text.append(positions[topic][partition]);
            }
        }
        return text.toString();
    }

    /**
     * Where to read again after a pause ({@link KafkaOrderChanges} stops reading while nobody
     * follows): the latest {@code remembered} records or so, spread evenly over the partitions,
     * but nothing read before the pause, and nothing past the end.
     *
     * @param stopped where the reading stopped
     * @param ends the end of every partition now
     */
    static long[][] resumeFrom(long[][] stopped, long[][] ends, int remembered) {
        int partitions = ends[ORDERS].length + ends[STATUSES].length;
        long perPartition = partitions == 0 ? 0 : ((long) remembered + partitions - 1) / partitions;
        long[][] from = new long[2][];
        for (int topic = 0; topic < 2; topic++) {
            from[topic] = new long[ends[topic].length];
            for (int partition = 0; partition < ends[topic].length; partition++) {
                long end = ends[topic][partition];
                long stop = partition < stopped[topic].length ? stopped[topic][partition] : 0;
                from[topic][partition] = Math.min(end, Math.max(stop, end - perPartition));
            }
        }
        return from;
    }

    /**
     * The offsets a position names, as many partitions per topic as {@code known} has;
     * partitions it does not know of (the topic grew) from 0.
     *
     * @throws IllegalArgumentException if it is not a position of these changes
     */
    static long[][] parse(String position, long[][] known) {
        String[] topics = position.split("-", -1);
        if (topics.length != 2 || position.length() > 4096) {
            throw new IllegalArgumentException("not a position of these changes: " + abbreviate(position));
        }
        long[][] offsets = new long[2][];
        for (int topic = 0; topic < 2; topic++) {
            String[] parts = topics[topic].split("\\.", -1);
            if (parts.length > known[topic].length) {
                throw new IllegalArgumentException("not a position of these changes (too many partitions): "
                        + abbreviate(position));
            }
            offsets[topic] = new long[known[topic].length];
            for (int partition = 0; partition < parts.length; partition++) {
                try {
                    offsets[topic][partition] = Long.parseLong(parts[partition]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a position of these changes: " + abbreviate(position));
                }
                if (offsets[topic][partition] < 0) {
                    throw new IllegalArgumentException("not a position of these changes: " + abbreviate(position));
                }
            }
        }
        return offsets;
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
