package coffee.adapter.kafka;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Keeps handing the orders consumer's partitions over safe: partitions leaving are finished
 * and committed, partitions lost are withdrawn, and before partitions are taken the status
 * view is caught up from where their replays start. Runs on the poll thread, inside poll().
 */
final class PartitionHandover implements ConsumerRebalanceListener {

    /** Logs under the consumer's name: operators follow one logger for the whole consumer. */
    private static final System.Logger LOG = System.getLogger(KafkaOrderConsumer.class.getName());

    private final Consumer<byte[], byte[]> consumer;
    private final Map<TopicPartition, PartitionProgress> partitions;
    private final OffsetCommits commits;
    /** Given each partition taken and the timestamp its replays start at (-1: unknown, from the beginning). */
    private final java.util.function.Consumer<Map<Integer, Long>> beforeTakingPartitions;

    PartitionHandover(Consumer<byte[], byte[]> consumer, Map<TopicPartition, PartitionProgress> partitions,
            OffsetCommits commits, java.util.function.Consumer<Map<Integer, Long>> beforeTakingPartitions) {
        this.consumer = consumer;
        this.partitions = partitions;
        this.commits = commits;
        this.beforeTakingPartitions = beforeTakingPartitions;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
        List<PartitionProgress> leaving = revoked.stream().map(partitions::get).filter(p -> p != null).toList();
        if (leaving.isEmpty()) {
            return;
        }
        commits.finishAndCommit(leaving);
        revoked.forEach(partitions::remove);
        LOG.log(Level.INFO, () -> String.format(Locale.ROOT, "handed over partitions %s", numbers(revoked)));
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> lost) {
        // someone else owns them already: committing is impossible, finishing is pointless
        lost.stream().map(partitions::remove).filter(p -> p != null).forEach(PartitionProgress::withdrawWaiting);
        LOG.log(Level.WARNING, () -> String.format(Locale.ROOT,
                "lost partitions %s; their unfinished orders go to the new owner",
                numbers(lost)));
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
        if (assigned.isEmpty()) {
            return;
        }
        beforeTakingPartitions.accept(replaysFrom(assigned));
        assigned.forEach(partition -> partitions.put(partition, new PartitionProgress(partition)));
        LOG.log(Level.INFO, () -> String.format(Locale.ROOT,
                "took partitions %s; now owning %s",
                numbers(assigned), numbers(partitions.keySet())));
    }

    /** From each partition's last commit: when the records it will hand again were first polled. */
    private Map<Integer, Long> replaysFrom(Collection<TopicPartition> assigned) {
        Map<TopicPartition, OffsetAndMetadata> committed;
        try {
            committed = consumer.committed(new HashSet<>(assigned), Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> "reading the committed offsets failed; reading every status of "
                    + "the partitions taken: " + e.getMessage());
            committed = Map.of();
        }
        Map<Integer, Long> from = new HashMap<>();
        for (TopicPartition partition : assigned) {
            OffsetAndMetadata commit = committed.get(partition);
            from.put(partition.partition(),
                    commit == null ? -1L : ReplayWindow.timestampOf(commit.metadata()).orElse(-1L));
        }
        return from;
    }

    /** The partitions' numbers, in order. */
    static Set<Integer> numbers(Collection<TopicPartition> partitions) {
        Set<Integer> numbers = new TreeSet<>();
        partitions.forEach(partition -> numbers.add(partition.partition()));
        return numbers;
    }
}
