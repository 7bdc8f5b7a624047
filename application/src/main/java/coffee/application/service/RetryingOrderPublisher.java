package coffee.application.service;

import coffee.application.port.out.OrderPublisher;
import coffee.domain.OrderEvent;
import coffee.domain.OrderStatusChanged;
import coffee.domain.RequestId;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes an event again and again, with growing pauses, until Kafka acknowledges it: the
 * broker may be away for a while, and giving up on a status would leave its order unfinished.
 * Stops trying on {@link #close()}.
 *
 * <p>The application's one retry with back-off. The Kafka adapter retries its own writes
 * (dead letters) the same way, but the application may not depend on an adapter, so the two
 * cannot share code.
 */
final class RetryingOrderPublisher implements OrderPublisher, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RetryingOrderPublisher.class.getName());
    private static final long BASE_DELAY_MILLIS = 100;
    private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(5);

    private final OrderPublisher publisher;
    private final ScheduledExecutorService retries =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("status-retry").factory());
    /** Publications still waiting for Kafka's acknowledgement. */
    private final Set<CompletableFuture<Void>> unacknowledged = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    RetryingOrderPublisher(OrderPublisher publisher) {
        this.publisher = publisher;
    }

    /**
     * Completes once Kafka acknowledged the event; exceptionally only when this publisher was
     * closed first.
     */
    @Override
    public CompletableFuture<Void> publish(OrderEvent event, RequestId requestId) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        unacknowledged.add(acknowledged);
        acknowledged.whenComplete((ignored, failure) -> unacknowledged.remove(acknowledged));
        attempt(event, requestId, acknowledged, 1);
        return acknowledged;
    }

    private void attempt(OrderEvent event, RequestId requestId, CompletableFuture<Void> acknowledged, int attempt) {
        CompletionStage<Void> publication;
        try {
            publication = publisher.publish(event, requestId);
        } catch (RuntimeException e) {
            publication = CompletableFuture.failedFuture(e);
        }
        publication.whenComplete((ignored, failure) -> {
            if (failure == null) {
                acknowledged.complete(null);
            } else if (closed) {
                acknowledged.completeExceptionally(failure);
            } else {
                Duration delay = retryDelay(attempt);
                LOG.log(Level.WARNING, () -> failedAttempt(event, attempt, delay, failure));
                retries.schedule(() -> attempt(event, requestId, acknowledged, attempt + 1),
                        delay.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
    }

    /** The pause after failed attempt number {@code attempt}: 200 ms, doubling, at most 5 s. */
    static Duration retryDelay(int attempt) {
        long millis = BASE_DELAY_MILLIS << Math.min(attempt, 6);
        return Duration.ofMillis(Math.min(millis, MAX_RETRY_DELAY.toMillis()));
    }

    private static String failedAttempt(OrderEvent event, int attempt, Duration delay, Throwable failure) {
        if (event instanceof OrderStatusChanged status) {
            // the line operators know from the baristas, who publish only statuses through here
            return String.format(Locale.ROOT,
                    "order_id=%s publishing status %s failed (attempt %s), retrying in %s ms: %s",
                    status.orderId(), status.order().status().wireName(), attempt, delay.toMillis(),
                    failure.getMessage());
        }
        return String.format(Locale.ROOT, "order_id=%s publishing %s failed (attempt %s), retrying in %s ms: %s",
                event.orderId(), event.getClass().getSimpleName(), attempt, delay.toMillis(), failure.getMessage());
    }

    /**
     * Waits up to {@code patience} for every publication under way to be acknowledged.
     *
     * @return true if all were; false if some are still waiting (see {@link #unacknowledged()})
     */
    boolean awaitAcknowledgements(Duration patience) throws InterruptedException {
        try {
            CompletableFuture.allOf(unacknowledged.toArray(CompletableFuture[]::new))
                    .get(patience.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /** How many publications are still waiting for Kafka's acknowledgement. */
    int unacknowledged() {
        return unacknowledged.size();
    }

    /**
     * Stops retrying: every publication not yet acknowledged fails with a {@link
     * CancellationException} carrying {@code why}, so whoever waits for it learns it will not be.
     */
    void close(String why) {
        closed = true;
        retries.shutdownNow();
        CancellationException stopped = new CancellationException(why);
        List.copyOf(unacknowledged).forEach(publication -> publication.completeExceptionally(stopped));
    }

    @Override
    public void close() {
        close("stopped before Kafka acknowledged the event");
    }
}
