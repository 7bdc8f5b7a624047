package coffee.adapter.http;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The metrics without a server: what they start, they stop. */
class HelidonOrderMetricsTest {

    @Test
    void closing_the_lag_watch_ends_its_thread() throws Exception {
        CompletableFuture<Thread> watcher = new CompletableFuture<>();
        HelidonOrderMetrics.LagWatch watch = new HelidonOrderMetrics().watchConsumerLag(() -> {
            watcher.complete(Thread.currentThread());
            return Map.of();
        });
        Thread thread = watcher.get(10, TimeUnit.SECONDS);

        watch.close();

        assertFalse(thread.isAlive(), "the lag-gauges thread still runs after close()");
    }
}
