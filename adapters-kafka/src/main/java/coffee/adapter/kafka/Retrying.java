package coffee.adapter.kafka;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.Locale;

/**
 * Retries a write with growing pauses until Kafka acknowledges it: while the broker is away a
 * record that must not be lost waits, it is not dropped. Stops on {@link #close()}.
 */
final class Retrying implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Retrying.class.getName());
    static final Duration FIRST_DELAY = Duration.ofMillis(200);
    private static final Duration MAX_DELAY = Duration.ofSeconds(5);

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

    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
    }
}
