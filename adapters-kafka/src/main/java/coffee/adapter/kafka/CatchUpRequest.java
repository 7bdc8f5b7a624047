package coffee.adapter.kafka;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request to an event feed to catch up: some partitions (numbers), each from a timestamp (ms;
 * -1 the beginning, {@link FeedPositions#NO_SEEK} where the feed is); all partitions from where
 * the feed is when null. {@code done} completes once the feed has read up to the end offsets
 * the request found.
 */
record CatchUpRequest(Map<Integer, Long> readFrom, CompletableFuture<Void> done, AtomicBoolean retried) {

    CatchUpRequest(Map<Integer, Long> readFrom, CompletableFuture<Void> done) {
        this(readFrom, done, new AtomicBoolean());
    }

    /** True the first time only: one warning per request, not one per attempt. */
    boolean firstRetry() {
        return retried.compareAndSet(false, true);
    }
}
