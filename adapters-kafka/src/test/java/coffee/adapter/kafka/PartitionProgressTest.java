package coffee.adapter.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionProgressTest {

    private final PartitionProgress progress = new PartitionProgress(new TopicPartition("orders", 0));

    private void take(long offset) {
        progress.polled(offset, offset * 10);
        progress.track(new PartitionProgress.InFlight(
                new ConsumerRecord<>("orders", 0, offset, new byte[0], new byte[0]), null, new CompletableFuture<>()));
    }

    @Test
    void nothing_is_committable_before_the_first_record() {
        assertEquals(-1, progress.committable());
        assertFalse(progress.hasNewCommit());
    }

    @Test
    void the_commit_stops_at_the_first_unfinished_record() {
        take(10);
        take(11);
        take(12);

        progress.finished(11);
        progress.finished(12);

        assertEquals(10, progress.committable(), "11 and 12 are done, but 10 is not");
    }

    @Test
    void when_everything_is_finished_the_commit_moves_past_the_last_record() {
        take(10);
        take(11);

        progress.finished(10);
        progress.finished(11);

        assertEquals(12, progress.committable());
    }

    @Test
    void an_offset_is_offered_for_commit_once_unless_the_commit_failed() {
        take(10);
        progress.finished(10);

        assertTrue(progress.hasNewCommit());
        progress.committing(11);
        assertFalse(progress.hasNewCommit());

        progress.commitFailed(11);
        assertTrue(progress.hasNewCommit());
    }
}
