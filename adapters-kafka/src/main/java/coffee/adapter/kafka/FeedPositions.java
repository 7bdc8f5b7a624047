package coffee.adapter.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Moves an event feed's consumer to where it reads from: every partition of its topics at the
 * start, and some partitions from a moment in time when a catch-up asks for that. Called on
 * the consumer's own thread only.
 */
final class FeedPositions {

    /** In a catch-up request: read the partition on from where the feed is. */
    static final long NO_SEEK = Long.MIN_VALUE;

    private FeedPositions() {
    }

    /**
     * Assigns every partition of the topics, at their beginning or end, and returns them; a
     * topic that does not exist is a {@link KafkaUnavailableException}.
     */
    static List<TopicPartition> assignAll(Consumer<?, ?> consumer, Collection<String> topics, StartAt startAt,
            Duration timeout) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                throw new KafkaUnavailableException("topic " + topic + " does not exist", null);
            }
            infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
        }
        consumer.assign(partitions);
        if (startAt == StartAt.BEGINNING) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        // seeks are lazy; asking for the positions makes them real before start() returns
        partitions.forEach(partition -> consumer.position(partition, timeout));
        return partitions;
    }

    /**
     * Moves each partition to where a catch-up reads it from: a timestamp (ms), the beginning
     * (-1) or, for {@link #NO_SEEK}, nowhere; all of them nowhere when {@code readFrom} is null.
     */
    static void seek(Consumer<?, ?> consumer, Set<TopicPartition> partitions, Map<Integer, Long> readFrom,
            Duration timeout) {
        if (readFrom == null) {
            return;
        }
        Map<TopicPartition, Long> byTime = new HashMap<>();
        for (TopicPartition partition : partitions) {
            long from = readFrom.get(partition.partition());
            if (from == NO_SEEK) {
                continue;
            }
            if (from < 0) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                byTime.put(partition, from);
            }
        }
        if (byTime.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(byTime, timeout);
        for (TopicPartition partition : byTime.keySet()) {
            OffsetAndTimestamp at = found.get(partition);
            if (at == null) {
                // nothing that recent: every status that matters is still to come
                consumer.seekToEnd(List.of(partition));
            } else {
                consumer.seek(partition, at.offset());
            }
        }
    }
}
