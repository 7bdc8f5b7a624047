package coffee.adapter.kafka;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Retries what needs Kafka while Kafka is away. A write is retried with growing pauses until
 * Kafka acknowledges it: a record that must not be lost waits, it is not dropped. A role's
 * start-up is retried once a second for a minute: the broker may start after the role, or be
 * slow for a moment. Stops on {@link #close()}.
 */
final class Retrying implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Retrying.class.getName());
    static final Duration FIRST_DELAY = Duration.ofMillis(200);
    private static final Duration MAX_DELAY = Duration.ofSeconds(5);

    /** Long enough for a broker starting beside us; short enough that a wrong address is noticed. */
    static final Duration START_UP_PATIENCE = Duration.ofSeconds(60);
    /**
     * One attempt a second, each waiting at most that long for an answer: a broker that comes up
     * is noticed within a second, and the log says once a second that we wait. A reachable
     * cluster answers in milliseconds; the clients keep connecting between attempts.
     */
    static final Duration START_UP_ATTEMPT = Duration.ofSeconds(1);

    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("kafka-retry").factory());
    private volatile boolean closed;

    CompletableFuture<Void> untilAcknowledged(String what, Supplier<CompletableFuture<Void>> write) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        attempt(what, write, acknowledged, 1);
        return acknowledged;
    }

    private void attempt(String what, Supplier<CompletableFuture<Void>> write, CompletableFuture<Void> acknowledged,
            int attempt) {
        write.get().whenComplete((ignored, failure) -> {
            if (failure == null) {
                acknowledged.complete(null);
            } else if (closed) {
                acknowledged.completeExceptionally(failure);
            } else {
                long delay = Math.min(FIRST_DELAY.toMillis() << Math.min(attempt - 1, 5), MAX_DELAY.toMillis());
                LOG.log(Level.WARNING, () -> String.format(Locale.ROOT,
                        "writing %s failed (attempt %s), retrying in %s ms: %s",
                        what, attempt, delay, failure.getMessage()));
                scheduler.schedule(() -> attempt(what, write, acknowledged, attempt + 1), delay, TimeUnit.MILLISECONDS);
            }
        });
    }

    /**
     * Runs {@code step} until Kafka answers it, one attempt every {@link #START_UP_ATTEMPT},
     * saying so at each, for up to {@link #START_UP_PATIENCE}. Waits between attempts with
     * {@code pause}, which ends the waiting when the role is asked to stop.
     *
     * @throws KafkaUnavailableException when Kafka did not answer in time, or this was closed
     */
    void untilAvailable(Runnable step, StartUpPause pause) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + START_UP_PATIENCE.toNanos();
        for (int attempt = 1; ; attempt++) {
            long attemptStarted = System.nanoTime();
            try {
                step.run();
                return;
            } catch (KafkaUnavailableException e) {
                // asked to stop during the attempt: no more waiting, and no more saying so
                pause.pause(Duration.ZERO);
                long nextAttempt = attemptStarted + START_UP_ATTEMPT.toNanos();
                if (closed || nextAttempt > deadline) {
                    throw new KafkaUnavailableException("gave up waiting for Kafka after "
                            + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s: " + e.getMessage(), e);
                }
                int shown = attempt;
                LOG.log(Level.WARNING, () -> "waiting for Kafka (attempt " + shown + "): " + e.getMessage());
                // a stop asked for meanwhile ends the wait at once
                pause.pause(Duration.ofNanos(Math.max(0, nextAttempt - System.nanoTime())));
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
    }
}
