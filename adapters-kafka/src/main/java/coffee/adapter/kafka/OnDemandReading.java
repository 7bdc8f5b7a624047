package coffee.adapter.kafka;

import coffee.application.port.out.OrderViewUnavailableException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Pauses a group-less consumer's fetching once nobody has wanted what it reads for a while, and
 * resumes it when someone does, from where its owner says, holding that someone back until the
 * reading has reached the ends the partitions had at that moment.
 *
 * <p>The consumer's thread calls {@link #steer} before each poll and {@link #releaseIfCaughtUp}
 * after it; those who want the records call {@link #await} first. The state is guarded by the
 * owner's lock, so that the owner can tell that the reading is {@link #current} and register
 * someone in one step, and tell that nobody is registered and pause in one step.
 */
final class OnDemandReading {

    private static final System.Logger LOG = System.getLogger(OnDemandReading.class.getName());

    private final Consumer<?, ?> consumer;
    private final Object lock;
    private final Duration idleAfter;
    private final Duration timeout;
    private final String what;
    /** Guarded by lock: whether the consumer fetches. */
    private boolean reading = true;
    /** Guarded by lock: when someone last came or went ({@link System#nanoTime}). */
    private long lastInterest = System.nanoTime();
    /** Guarded by lock: the wait of those who want the reading resumed; null if nobody waits. */
    private Resumption resumption;

    /**
     * @param lock the owner's lock, which guards this too
     * @param idleAfter how long the reading goes on after the last one left
     * @param what what is read, for messages
     */
    OnDemandReading(Consumer<?, ?> consumer, Object lock, Duration idleAfter, Duration timeout, String what) {
        this.consumer = consumer;
        this.lock = lock;
        this.idleAfter = idleAfter;
        this.timeout = timeout;
        this.what = what;
    }

    /** Whether the reading goes on and has caught up. With the lock held. */
    boolean current() {
        return reading && resumption == null;
    }

    /** Someone came or went: the time to a pause counts from now. With the lock held. */
    void interest() {
        lastInterest = System.nanoTime();
    }

    /**
     * Returns once the reading goes on and has caught up: at once, unless it was paused. Without
     * the lock held.
     *
     * @throws OrderViewUnavailableException if it has not caught up within the timeout
     */
    void await() {
        CountDownLatch caughtUp;
        boolean first;
        synchronized (lock) {
            interest();
            if (current()) {
                return;
            }
            first = resumption == null;
            if (first) {
                resumption = new Resumption();
            }
            caughtUp = resumption.caughtUp;
        }
        if (first) {
            // cuts short the paused consumer's poll
            consumer.wakeup();
        }
        try {
            if (!caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new OrderViewUnavailableException("could not catch up with " + what + " within "
                        + timeout.toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrderViewUnavailableException("interrupted while catching up with " + what);
        }
    }

    /**
     * In the consumer's thread, before a poll: pauses when nobody wants the records and nobody
     * has for {@code idleAfter}; resumes when someone waits.
     *
     * @param nobodyWants asked with the lock held
     * @param restartAt with the lock held: where to read from, given the partitions' ends
     */
    void steer(BooleanSupplier nobodyWants, UnaryOperator<Map<TopicPartition, Long>> restartAt) {
        boolean pause;
        boolean resume;
        synchronized (lock) {
            pause = current() && nobodyWants.getAsBoolean()
                    && System.nanoTime() - lastInterest >= idleAfter.toNanos();
            resume = !reading && resumption != null;
            if (pause) {
                reading = false;
            }
        }
        if (pause) {
            consumer.pause(consumer.assignment());
            LOG.log(Level.DEBUG, () -> "nobody wants " + what + ": reading paused");
        } else if (resume) {
            resume(restartAt);
        }
    }

    private void resume(UnaryOperator<Map<TopicPartition, Long>> restartAt) {
        Set<TopicPartition> partitions = consumer.assignment();
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
        Map<TopicPartition, Long> from;
        synchronized (lock) {
            from = restartAt.apply(ends);
            resumption.ends = ends;
            reading = true;
        }
        from.forEach(consumer::seek);
        consumer.resume(partitions);
        LOG.log(Level.DEBUG, () -> "reading " + what + " again");
    }

    /** In the consumer's thread, after a poll: lets those waiting go once the reading has reached the ends it aimed at. */
    void releaseIfCaughtUp() {
        Resumption resumed;
        synchronized (lock) {
            resumed = resumption;
        }
        if (resumed == null || resumed.ends == null) {
            return;
        }
        for (Map.Entry<TopicPartition, Long> end : resumed.ends.entrySet()) {
            // the consumer's position, not the last record's: it steps over gaps (compaction, markers)
            if (consumer.position(end.getKey(), timeout) < end.getValue()) {
                return;
            }
        }
        synchronized (lock) {
            resumption = null;
        }
        resumed.caughtUp.countDown();
    }

    /** Whether the consumer fetches now; for tests. */
    boolean reading() {
        synchronized (lock) {
            return reading;
        }
    }

    /** The wait for a paused reading to catch up; {@code ends} set once it resumed. */
    private static final class Resumption {

        final CountDownLatch caughtUp = new CountDownLatch(1);
        /** Guarded by the lock. */
        Map<TopicPartition, Long> ends;
    }
}
