package coffee.adapter.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetCommitsTest {

    private final TopicPartition partition = new TopicPartition("orders", 0);
    private final PartitionProgress progress = new PartitionProgress(partition);

    private CompletableFuture<Object> take(long offset, long timestamp) {
        progress.polled(offset, timestamp);
        CompletableFuture<Object> completion = new CompletableFuture<>();
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("orders", 0, offset, new byte[0], new byte[0]);
        progress.track(new PartitionProgress.InFlight(record, null, completion));
        return completion;
    }

    @Test
    void a_commit_moves_past_the_records_finished_and_says_when_the_last_was_polled() {
        take(10, 1_000);
        take(11, 2_000);
        progress.finished(10);
        progress.finished(11);

        Map<TopicPartition, OffsetAndMetadata> offsets = OffsetCommits.newCommits(List.of(progress));

        assertEquals(12, offsets.get(partition).offset());
        assertEquals(2_000, ReplayWindow.timestampOf(offsets.get(partition).metadata()).orElseThrow());
    }

    @Test
    void an_offset_already_being_committed_is_not_offered_again() {
        take(10, 1_000);
        progress.finished(10);

        OffsetCommits.newCommits(List.of(progress));

        assertTrue(OffsetCommits.newCommits(List.of(progress)).isEmpty());
    }

    @Test
    void finishing_a_partition_waits_for_what_is_under_way_then_commits_past_it() {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        consumer.assign(List.of(partition));
        Map<TopicPartition, PartitionProgress> partitions = new ConcurrentHashMap<>(Map.of(partition, progress));
        CompletableFuture<Object> underWay = take(10, 1_000);
        CompletableFuture.runAsync(() -> {
            progress.finished(10);
            underWay.complete("brewed");
        });

        new OffsetCommits(consumer, partitions).finishAndCommit(List.of(progress));

        assertEquals(11, consumer.committed(Set.of(partition)).get(partition).offset());
    }
}
