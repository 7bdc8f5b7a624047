package coffee.application.service;

import java.time.Duration;
import java.util.Collection;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A queue worked off, first come first served, by at most {@code concurrency} workers at a
 * time: the baristas and the orders waiting for them.
 */
final class WorkQueue<T> {

    private final Queue<T> waiting = new ConcurrentLinkedQueue<>();
    /** Workers at work right now (at most {@code concurrency}). */
    private final AtomicInteger working = new AtomicInteger();
    private final int concurrency;
    private final ExecutorService workers;
    private final Consumer<T> work;

    WorkQueue(int concurrency, ThreadFactory threads, Consumer<T> work) {
        this.concurrency = concurrency;
        this.workers = Executors.newThreadPerTaskExecutor(threads);
        this.work = work;
    }

    /** Queues {@code items} in their order and sets free workers on them. */
    void addAll(Collection<T> items) {
        waiting.addAll(items);
        startWorkers();
    }

    /**
     * Starts workers, up to the concurrency, while items wait. A worker works off the queue
     * until it is empty: one hand-off per busy spell, not one per item.
     */
    private void startWorkers() {
        while (!waiting.isEmpty()) {
            int busy = working.get();
            if (busy >= concurrency) {
                return;
            }
            if (working.compareAndSet(busy, busy + 1)) {
                workers.execute(this::workWhileItemsWait);
            }
        }
    }

    private void workWhileItemsWait() {
        try {
            T item;
            while ((item = waiting.poll()) != null) {
                work.accept(item);
            }
        } finally {
            working.decrementAndGet();
        }
        // an item queued between our last look and stepping down still gets a worker
        if (!waiting.isEmpty() && !workers.isShutdown()) {
            startWorkers();
        }
    }

    /**
     * Starts no more workers and waits up to {@code patience} for those at work to run out of
     * items; interrupts them after that.
     */
    void shutdown(Duration patience) throws InterruptedException {
        workers.shutdown();
        if (!workers.awaitTermination(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            workers.shutdownNow();
        }
    }
}
