package coffee.adapter.kafka;

import coffee.application.port.out.OrderViewUnavailableException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * How a read waits out partitions that are moving (start-up, an instance joining or leaving):
 * it tries again every {@link #RETRY_PAUSE} for up to {@link #PATIENCE}, then answers that the
 * view is unavailable and why. While a partition has no queryable holder, "not found" would be
 * a lie; a short wait, then a 503, is not.
 */
final class Settling {

    /** How long a read waits for partitions to settle on an instance (start-up, rebalancing). */
    static final Duration PATIENCE = Duration.ofSeconds(5);
    static final Duration RETRY_PAUSE = Duration.ofMillis(50);

    private final Supplier<Optional<String>> notReady;
    private final Duration patience;

    /** @param notReady why the view cannot answer yet, said in the 503 when there is a reason */
    Settling(Supplier<Optional<String>> notReady) {
        this(notReady, PATIENCE);
    }

    Settling(Supplier<Optional<String>> notReady, Duration patience) {
        this.notReady = notReady;
        this.patience = patience;
    }

    /** When a wait that starts now gives up. */
    long deadline() {
        return System.nanoTime() + patience.toNanos();
    }

    /** Reads this instance's stores, waiting while they are not queryable (moving, restoring). */
    <T> T read(Supplier<T> read) {
        long deadline = deadline();
        while (true) {
            try {
                return read.get();
            } catch (InvalidStateStoreException e) {
                pauseOrGiveUp(deadline, e.getMessage());
            }
        }
    }

    /**
     * Pauses before the next try, or, past the deadline, throws.
     *
     * @param why what is not settled yet, for the 503
     * @throws OrderViewUnavailableException past the deadline, or when interrupted
     */
    void pauseOrGiveUp(long deadline, String why) {
        Optional<String> reason = notReady.get();
        if (System.nanoTime() + RETRY_PAUSE.toNanos() > deadline) {
            throw new OrderViewUnavailableException(reason.orElse("the view of orders is rebalancing") + ": " + why);
        }
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrderViewUnavailableException("interrupted while waiting for the view", e);
        }
    }
}
