package coffee.adapter.cli.load;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Hands out the requests of one load phase to the connections, and says when each is due.
 *
 * <p>Open loop (a rate): request {@code i} is due at {@code start + i / rate}, whichever
 * connection happens to be free to send it, and its latency counts from that intended time. A
 * server that stalls for a second then shows a second of latency on every request that should
 * have gone out meanwhile, instead of the one slow answer a closed loop would record (the
 * "coordinated omission" of load generators that wait for an answer before sending the next).
 *
 * <p>Closed loop (no rate): a connection sends the next request as soon as it has its answer,
 * and latency counts from the actual send.
 *
 * <p>Thread-safe: connections claim requests concurrently.
 */
public final class LoadSchedule {

    /** What {@link #claim()} answers when the phase is over. */
    static final long DONE = -1;

    private final AtomicLong next = new AtomicLong();
    private final long startNanos;
    private final boolean timed;
    private final long endNanos;
    private final long maxRequests;
    /** Nanoseconds between two intended sends; 0 in a closed loop. */
    private final double intervalNanos;

    private LoadSchedule(long startNanos, long durationNanos, long maxRequests, double rate) {
        this.startNanos = startNanos;
        this.timed = durationNanos != Long.MAX_VALUE;
        this.endNanos = timed ? startNanos + durationNanos : 0;
        this.maxRequests = maxRequests;
        this.intervalNanos = rate > 0 ? 1e9 / rate : 0;
    }

    /** As fast as the answers come back, for {@code durationNanos}. */
    public static LoadSchedule closedLoopFor(long startNanos, long durationNanos) {
        return new LoadSchedule(startNanos, durationNanos, Long.MAX_VALUE, 0);
    }

    /** As fast as the answers come back, {@code requests} requests in all. */
    public static LoadSchedule closedLoopOf(long startNanos, long requests) {
        return new LoadSchedule(startNanos, Long.MAX_VALUE, requests, 0);
    }

    /** {@code rate} requests per second in total, for {@code durationNanos}. */
    public static LoadSchedule openLoopFor(long startNanos, long durationNanos, double rate) {
        return new LoadSchedule(startNanos, durationNanos, Long.MAX_VALUE, rate);
    }

    /** {@code rate} requests per second in total, {@code requests} requests in all. */
    public static LoadSchedule openLoopOf(long startNanos, long requests, double rate) {
        return new LoadSchedule(startNanos, Long.MAX_VALUE, requests, rate);
    }

    boolean isOpenLoop() {
        return intervalNanos > 0;
    }

    public long startNanos() {
        return startNanos;
    }

    /**
     * Claims the next request to send: its number, or {@link #DONE} when the phase has sent
     * all it should (the count reached, or, with a duration, the next request would be due
     * after the end).
     */
    long claim() {
        if (timed && !isOpenLoop() && isPast(System.nanoTime())) {
            return DONE;
        }
        long request = next.getAndIncrement();
        if (request >= maxRequests || timed && isOpenLoop() && isPast(intendedNanos(request))) {
            return DONE;
        }
        return request;
    }

    private boolean isPast(long nanos) {
        return nanos - endNanos >= 0; // nanoTime values compare by difference only
    }

    /** When request {@code request} should go out; in a closed loop, now. */
    long intendedNanos(long request) {
        return isOpenLoop() ? startNanos + (long) (request * intervalNanos) : System.nanoTime();
    }

    /**
     * Waits until {@code request} is due and returns the time its latency counts from: the
     * intended time in an open loop (even when that has passed), the actual send in a closed one.
     */
    long awaitDue(long request) {
        if (!isOpenLoop()) {
            return System.nanoTime();
        }
        long due = intendedNanos(request);
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
        return due;
    }
}
