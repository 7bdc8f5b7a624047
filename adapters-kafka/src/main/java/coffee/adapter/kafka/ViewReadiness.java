package coffee.adapter.kafka;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Whether the started view answers reads yet, and saying so once when it does: not while Kafka
 * Streams is starting or stopped, nor while stores restore, nor before it has folded what the
 * topics held at its start ({@link StartCatchUp}). Follows Kafka Streams' state to learn that
 * start's targets each time it runs.
 */
final class ViewReadiness {

    private static final System.Logger LOG = System.getLogger(ViewReadiness.class.getName());

    private final KafkaStreams streams;
    private final ViewRestoration restoration;
    private final StartCatchUp catchUp;
    private final LongSupplier ordersHere;
    private final Path stateDirectory;
    private final Consumer<String> announcement;
    /** Looks twice a second whether the view became ready, to say so once in the log. */
    private final ScheduledExecutorService checks =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("view-readiness").factory());
    private volatile long startedNanos;
    private boolean announced;

    /**
     * @param ordersHere about how many orders this instance holds, for the announcement
     * @param announcement where to say, once, that the view answers reads
     */
    ViewReadiness(KafkaStreams streams, ViewRestoration restoration, StartCatchUp catchUp, LongSupplier ordersHere,
            Path stateDirectory, Consumer<String> announcement) {
        this.streams = streams;
        this.restoration = restoration;
        this.catchUp = catchUp;
        this.ordersHere = ordersHere;
        this.stateDirectory = stateDirectory;
        this.announcement = announcement;
    }

    /** Call right before {@link KafkaStreams#start()}: the time to be ready is counted from here. */
    void starting() {
        startedNanos = System.nanoTime();
    }

    /** Call once Kafka Streams started: looks whether it is ready until it is. */
    void started() {
        checks.scheduleWithFixedDelay(this::announceIfReady, 100, 500, TimeUnit.MILLISECONDS);
    }

    /** Kafka Streams' state listener. */
    void stateChanged(KafkaStreams.State now) {
        if (now == KafkaStreams.State.RUNNING) {
            catchUp.learnCommittedPositions().thenAccept(this::announceIfLearned);
            learnCatchUpTargets();
        } else if (now == KafkaStreams.State.ERROR) {
            LOG.log(Level.ERROR, "the view of orders stopped (Kafka Streams is in state ERROR); reads answer 503");
        }
    }

    private void learnCatchUpTargets() {
        if (catchUp.targetsKnown()) {
            return;
        }
        catchUp.learnTargets().whenComplete((learned, failure) -> {
            if (failure != null) {
                LOG.log(Level.DEBUG, () -> "asking where the topics end failed: " + failure);
                checks.schedule(this::learnCatchUpTargets, 500, TimeUnit.MILLISECONDS);
                return;
            }
            announceIfLearned(learned);
        });
    }

    private void announceIfLearned(boolean learned) {
        if (learned) {
            announceIfReady();
        }
    }

    /** Why reads cannot be answered yet; empty once the view is running with its stores restored. */
    Optional<String> notReady() {
        KafkaStreams.State state = streams.state();
        if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING
                || state == KafkaStreams.State.PENDING_ERROR) {
            return Optional.of("the view of orders stopped (state " + state + ")");
        }
        if (state != KafkaStreams.State.RUNNING) {
            return Optional.of("the view of orders is starting (state " + state + ")");
        }
        if (restoration.restoring()) {
            return Optional.of("the view of orders is restoring: " + restoration.progress());
        }
        return catchUp.behind();
    }

    private synchronized void announceIfReady() {
        if (!announced && notReady().isEmpty()) {
            announced = true;
            checks.shutdown();
            String held;
            try {
                held = String.format(Locale.ROOT, "about %,d orders held here", ordersHere.getAsLong());
            } catch (RuntimeException e) {
                held = "orders held here not counted (" + e.getMessage() + ")";
            }
            announcement.accept(String.format(Locale.ROOT,
                    "order view ready in %s ms: %s, %,d records restored, %s",
                    Duration.ofNanos(System.nanoTime() - startedNanos).toMillis(), held,
                    restoration.restored(), stateDirectory));
        }
    }

    /** Stops looking. */
    void close() {
        checks.shutdownNow();
    }
}
