package coffee.adapter.kafka;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.TopicConfig;

/**
 * How many copies the topics created at start-up keep, and how many of them must hold a write
 * before it is acknowledged: by default as many replicas as there are brokers, up to 3, and
 * with 3 or more replicas {@code min.insync.replicas=2}, so an acknowledged order survives the
 * loss of any one broker and a single broker down stops no write. Settings override either.
 *
 * @param replicationFactor replicas of each partition
 * @param minInSyncReplicas the topics' {@code min.insync.replicas}; empty leaves the broker's default
 */
record TopicReplication(short replicationFactor, Optional<Integer> minInSyncReplicas) {

    /** Replicas a cluster of many brokers gets by default: one broker may fail, and one more be away for maintenance. */
    static final int DEFAULT_MOST_REPLICAS = 3;

    /**
     * Decides for a cluster of {@code brokers} brokers.
     *
     * @param configuredFactor replicas asked for; 0 or less: automatic
     * @param configuredMinInSync {@code min.insync.replicas} asked for; 0 or less: automatic
     * @throws TopicSettingsException when the cluster cannot keep what is asked for
     */
    static TopicReplication decide(int brokers, int configuredFactor, int configuredMinInSync) {
        int factor = configuredFactor > 0 ? configuredFactor : Math.min(DEFAULT_MOST_REPLICAS, brokers);
        if (factor > brokers) {
            throw new TopicSettingsException("the topics are to have " + factor + " replicas, but the cluster has "
                    + brokers + (brokers == 1 ? " broker" : " brokers") + ": lower the replication factor, or start "
                    + "more brokers");
        }
        Optional<Integer> minInSync = configuredMinInSync > 0
                ? Optional.of(configuredMinInSync)
                : factor >= DEFAULT_MOST_REPLICAS ? Optional.of(2) : Optional.empty();
        if (minInSync.isPresent() && minInSync.get() > factor) {
            throw new TopicSettingsException("min.insync.replicas " + minInSync.get() + " is more than the "
                    + factor + " replicas of the topics: no order could ever be acknowledged");
        }
        return new TopicReplication((short) factor, minInSync);
    }

    /** The topic configuration this adds to a new topic's own. */
    Map<String, String> topicConfigs() {
        return minInSyncReplicas.map(n -> Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(n)))
                .orElse(Map.of());
    }
}
