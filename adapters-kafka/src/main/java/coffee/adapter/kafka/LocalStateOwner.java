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
 * Keeps a state directory from serving orders of another Kafka cluster. Kafka Streams trusts
 * its checkpoints; pointed at a new cluster (a wiped dev broker, a move) with the old directory,
 * it could keep orders the new cluster never had. So the directory remembers the cluster id it
 * was filled from, and its stores are discarded (to be restored from the new cluster) when the
 * id differs.
 */
final class LocalStateOwner {

    private static final System.Logger LOG = System.getLogger(LocalStateOwner.class.getName());
    static final String FILE = "kafka-cluster-id";

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
        Path file = stateDirectory.resolve(FILE);
        try {
            Files.createDirectories(stateDirectory);
            if (Files.exists(file)) {
                String before = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (!before.equals(cluster)) {
                    LOG.log(Level.WARNING, "the view's state in " + stateDirectory + " was filled from Kafka cluster "
                            + before + ", not " + cluster + ": discarding it; the view restores from this cluster");
                    notStarted.cleanUp();
                }
            }
            Files.writeString(file, cluster, StandardCharsets.UTF_8);
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
