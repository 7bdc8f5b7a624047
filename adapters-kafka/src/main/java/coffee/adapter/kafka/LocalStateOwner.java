package coffee.adapter.kafka;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Keeps a state directory from serving orders of another Kafka cluster, or stores laid out by
 * another build. Kafka Streams trusts its checkpoints; pointed at a new cluster (a wiped dev
 * broker, a move) with the old directory, it could keep orders the new cluster never had. So the
 * directory remembers the cluster id it was filled from, and the layout of its stores
 * ({@link #LAYOUT}), and its stores are discarded (to be restored from the cluster) when either
 * differs.
 */
final class LocalStateOwner {

    private static final System.Logger LOG = System.getLogger(LocalStateOwner.class.getName());
    static final String FILE = "kafka-cluster-id";
    static final String LAYOUT_FILE = "view-layout";
    /**
     * The stores' layout ({@link ViewKeys}); a directory of an earlier layout (three stores per
     * partition, before 2026-12-05, with no such file) is restored again: the orders' changelog
     * reads the same, the index entries are derived as it restores.
     */
    static final String LAYOUT = "orders-with-index-entries";

    private final Path stateDirectory;
    private final Admin admin;
    private final Duration timeout;

    LocalStateOwner(Path stateDirectory, Admin admin, Duration timeout) {
        this.stateDirectory = stateDirectory;
        this.admin = admin;
        this.timeout = timeout;
    }

    /** Call before {@link KafkaStreams#start()}: cleaning up is only allowed then. */
    void discardIfForeign(KafkaStreams notStarted) {
        String cluster = clusterId();
        Path clusterFile = stateDirectory.resolve(FILE);
        Path layoutFile = stateDirectory.resolve(LAYOUT_FILE);
        try {
            Files.createDirectories(stateDirectory);
            boolean used = Files.exists(clusterFile);
            String clusterBefore = used ? Files.readString(clusterFile, StandardCharsets.UTF_8).strip() : cluster;
            String layoutBefore = Files.exists(layoutFile)
                    ? Files.readString(layoutFile, StandardCharsets.UTF_8).strip() : "";
            if (!clusterBefore.equals(cluster)) {
                LOG.log(Level.WARNING, "the view's state in " + stateDirectory + " was filled from Kafka cluster "
                        + clusterBefore + ", not " + cluster + ": discarding it; the view restores from this cluster");
                notStarted.cleanUp();
            } else if (!layoutBefore.equals(LAYOUT)) {
                if (used) {
                    LOG.log(Level.INFO, "the view's state in " + stateDirectory + " was written by an earlier build"
                            + " in another layout: discarding it; the view restores from Kafka");
                }
                notStarted.cleanUp();
            }
            Files.writeString(clusterFile, cluster, StandardCharsets.UTF_8);
            Files.writeString(layoutFile, LAYOUT, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot use the view's state directory " + stateDirectory + ": "
                    + e.getMessage(), e);
        }
    }

    private String clusterId() {
        try {
            return admin.describeCluster().clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaUnavailableException("Kafka did not say which cluster it is within " + timeout.toMillis()
                    + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted while asking Kafka which cluster it is", e);
        }
    }
}
