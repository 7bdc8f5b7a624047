package coffee.adapter.kafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the producers' view of orders runs (a Kafka Streams application).
 *
 * @param applicationId shared by every producer instance that shares the view; names its
 *     consumer group and its changelog topics
 * @param stateDirectory where this instance keeps its RocksDB stores and checkpoints; one per
 *     instance, kept across restarts
 * @param standbyReplicas warm copies of each partition's stores kept by other instances, for
 *     fast failover
 * @param memoryBytes native memory for all RocksDB stores of this process (block cache and
 *     write buffers together)
 * @param finishedRetention how long after it was placed a finished (completed or cancelled)
 *     order stays in the view; {@link Duration#ZERO} keeps every order
 */
public record ViewSettings(String applicationId, Path stateDirectory, int standbyReplicas, long memoryBytes,
        Duration finishedRetention) {

    /** Keeps every order. */
    public ViewSettings(String applicationId, Path stateDirectory, int standbyReplicas, long memoryBytes) {
        this(applicationId, stateDirectory, standbyReplicas, memoryBytes, Duration.ZERO);
    }

    public ViewSettings {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(stateDirectory, "stateDirectory");
        if (standbyReplicas < 0) {
            throw new IllegalArgumentException("standbyReplicas must not be negative, was " + standbyReplicas);
        }
        if (memoryBytes < 1 << 20) {
            throw new IllegalArgumentException("memoryBytes must be at least 1 MiB, was " + memoryBytes);
        }
        Objects.requireNonNull(finishedRetention, "finishedRetention");
        if (finishedRetention.isNegative()) {
            throw new IllegalArgumentException("finishedRetention must not be negative, was " + finishedRetention);
        }
    }
}
