package coffee.adapter.kafka;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Commits the orders consumer's offsets, each only up to the first record not fully handled
 * ({@link PartitionProgress}), with the timestamp its replays start at: at-least-once, never
 * at-most-once. Poll thread only.
 */
final class OffsetCommits {

    /** Logs under the consumer's name: operators follow one logger for the whole consumer. */
    private static final System.Logger LOG = System.getLogger(KafkaOrderConsumer.class.getName());
    private static final long COMMIT_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** How long handing over partitions waits for brews under way; longer than any brew. */
    static final Duration HANDOVER_PATIENCE = Duration.ofSeconds(30);

    private final Consumer<byte[], byte[]> consumer;
    private final Map<TopicPartition, PartitionProgress> partitions;
    private long lastCommit = System.nanoTime();

    OffsetCommits(Consumer<byte[], byte[]> consumer, Map<TopicPartition, PartitionProgress> partitions) {
        this.consumer = consumer;
        this.partitions = partitions;
    }

    /** Commits, without waiting, what has been handled since the last commit; at most every 100 ms. */
    void commitIfDue() {
        if (System.nanoTime() - lastCommit < COMMIT_INTERVAL_NANOS) {
            return;
        }
        lastCommit = System.nanoTime();
        Map<TopicPartition, OffsetAndMetadata> offsets = newCommits(partitions.values());
        if (offsets.isEmpty()) {
            return;
        }
        consumer.commitAsync(offsets, (committed, failure) -> {
            if (failure != null) {
                LOG.log(Level.DEBUG, () -> String.format(Locale.ROOT,
                        "commit failed, will retry: %s",
                        failure.getMessage()));
                committed.forEach((partition, offset) -> {
                    PartitionProgress progress = partitions.get(partition);
                    if (progress != null) {
                        progress.commitFailed(offset.offset());
                    }
                });
            }
        });
    }

    /** The offsets to commit for the partitions that moved on since their last commit; marks them committing. */
    static Map<TopicPartition, OffsetAndMetadata> newCommits(Collection<PartitionProgress> progresses) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (PartitionProgress progress : progresses) {
            if (progress.hasNewCommit()) {
                long offset = progress.committable();
                progress.committing(offset);
                long timestamp = progress.committableTimestamp();
                offsets.put(progress.partition, timestamp < 0 ? new OffsetAndMetadata(offset)
                        : new OffsetAndMetadata(offset, ReplayWindow.metadata(timestamp)));
            }
        }
        return offsets;
    }

    /** Withdraws what waits, lets what brews finish, and commits it all. */
    void finishAndCommit(Collection<PartitionProgress> leaving) {
        List<CompletableFuture<?>> underWay = new ArrayList<>();
        leaving.forEach(progress -> underWay.addAll(progress.withdrawWaiting()));
        try {
            CompletableFuture.allOf(underWay.toArray(CompletableFuture[]::new))
                    .get(HANDOVER_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.log(Level.WARNING, () -> String.format(Locale.ROOT,
                    "not every order under way finished before handover; the next owner "
                    + "handles the rest again: %s",
                    e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = newCommits(leaving);
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets, Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> String.format(Locale.ROOT,
                    "final commit failed; the next owner redelivers some orders "
                    + "(handled again harmlessly): %s",
                    e.getMessage()));
        }
    }
}
