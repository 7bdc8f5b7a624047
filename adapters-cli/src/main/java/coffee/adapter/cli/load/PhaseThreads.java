package coffee.adapter.cli.load;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * How both drivers run a phase: one task per item (a connection, an event loop), each on a thread
 * of its own, all waited for; the first bug any of them hit is thrown once all are done.
 */
final class PhaseThreads {

    private PhaseThreads() {
    }

    static <T> void runEach(List<T> items, ThreadFactory threads, Consumer<T> task) {
        AtomicReference<RuntimeException> bug = new AtomicReference<>();
        try (ExecutorService each = Executors.newThreadPerTaskExecutor(threads)) {
            for (T item : items) {
                each.execute(() -> {
                    try {
                        task.accept(item);
                    } catch (RuntimeException e) {
                        bug.compareAndSet(null, e);
                    }
                });
            }
        }
        if (bug.get() != null) {
            throw bug.get();
        }
    }
}
