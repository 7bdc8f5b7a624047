package coffee.adapter.kafka;

import coffee.application.port.out.OrderViewUnavailableException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The waits of reads for the view to catch up with Kafka, each bounded in time and all together
 * in number. A read of an order not found yet waits until this instance has folded everything
 * the orders topic held when it asked (read your writes); a listing right after a start waits
 * until the view has folded what the topics held then, rather than answer from part of it.
 */
final class CatchUpWaits {

    /**
     * How long a read of an unknown order waits for the view to fold what Kafka already has.
     * Long enough to outlast a partition's change of leader on a local cluster (the dead node
     * fenced, then a new leader): with 3 s, when nodes were fenced after 3 s, idempotency checks
     * that came just after a leader's kill ran out first and were refused (they are fenced after
     * 1.5 s now, EmbeddedKafkaBroker); within the 5 s an order may take in all.
     */
    static final Duration PATIENCE = Duration.ofSeconds(4);
    /** Reads waiting for the view to fold an order not found yet; beyond this many, a 503 at once. */
    static final int WAITERS = 512;

    private final IntFunction<CompletableFuture<Long>> ordersEnd;
    private final ViewProgress folded;
    private final Supplier<Optional<String>> behindStart;
    private final Semaphore waiters;
    private final Duration patience;

    /**
     * @param ordersEnd the end offset of one partition of the orders topic, asked after the call
     *     ({@link LatestOffsets#ask(int)}): one partition, so that a partition whose leader is
     *     being replaced holds up only the reads of its own orders
     * @param folded how far this instance has folded the orders topic
     * @param behindStart why the view has not folded what the topics held at its start; empty
     *     once it has ({@link StartCatchUp#behind})
     */
    CatchUpWaits(IntFunction<CompletableFuture<Long>> ordersEnd, ViewProgress folded,
            Supplier<Optional<String>> behindStart) {
        this(ordersEnd, folded, behindStart, PATIENCE, WAITERS);
    }

    CatchUpWaits(IntFunction<CompletableFuture<Long>> ordersEnd, ViewProgress folded,
            Supplier<Optional<String>> behindStart, Duration patience, int waiters) {
        this.ordersEnd = ordersEnd;
        this.folded = folded;
        this.behindStart = behindStart;
        this.patience = patience;
        this.waiters = new Semaphore(waiters);
    }

    /**
     * Returns once this instance has folded every record the orders topic's {@code partition}
     * held at the time of the call.
     *
     * @throws OrderViewUnavailableException when that takes longer than the patience, when Kafka
     *     cannot say where the topic ends, or when too many reads wait already
     */
    void untilFolded(int partition) {
        asWaiter(() -> waitUntilFolded(partition));
    }

    /**
     * Returns once the view has folded what the topics held when it started (at once, after
     * that); a 503 that says how far behind it is when that takes longer than the patience.
     */
    void untilStartFolded() {
        if (behindStart.get().isEmpty()) {
            return;
        }
        asWaiter(this::waitUntilStartFolded);
    }

    /**
     * Waits as one of at most {@link #WAITERS} reads: each waiting read holds a request
     * and its connection, and under a flood of unknown ids (or reads before the view has caught
     * up) they must not pile up until the heap is gone; beyond the bound, a 503 at once.
     */
    private void asWaiter(Runnable wait) {
        if (!waiters.tryAcquire()) {
            throw new OrderViewUnavailableException("too many reads are waiting for the view of orders to catch up "
                    + "with Kafka; retry shortly");
        }
        try {
            wait.run();
        } finally {
            waiters.release();
        }
    }

    private void waitUntilFolded(int partition) {
        long deadline = System.nanoTime() + patience.toNanos();
        try {
            long last = ordersEnd.apply(partition).get(patience.toMillis(), TimeUnit.MILLISECONDS) - 1;
            if (last < 0) {
                return;
            }
            folded.reached(partition, last).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new OrderViewUnavailableException("the view of orders is behind Kafka (partition " + partition
                    + " not caught up within " + patience.toMillis() + " ms); retry shortly", e);
        } catch (ExecutionException e) {
            throw new OrderViewUnavailableException("cannot ask Kafka how far the orders topic goes: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrderViewUnavailableException("interrupted while the view caught up", e);
        }
    }

    private void waitUntilStartFolded() {
        long deadline = System.nanoTime() + patience.toNanos();
        Optional<String> behind;
        while ((behind = behindStart.get()).isPresent()) {
            if (System.nanoTime() - deadline > 0) {
                throw new OrderViewUnavailableException(behind.get() + "; retry shortly");
            }
            try {
                Thread.sleep(Settling.RETRY_PAUSE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OrderViewUnavailableException("interrupted while the view caught up", e);
            }
        }
    }
}
