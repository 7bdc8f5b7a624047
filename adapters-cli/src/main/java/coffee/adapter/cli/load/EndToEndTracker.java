package coffee.adapter.cli.load;

import coffee.application.port.in.ProjectOrderEvents;
import coffee.domain.OrderEvent;
import coffee.domain.OrderStatus;
import coffee.domain.OrderStatusChanged;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Measures how long the orders of a load run take from their {@code 201} to their {@code
 * completed} on the status topic. The connections tell it which orders they placed and when
 * the answer came; the status feed (through the launcher) tells it every status change, of these
 * orders and of any others.
 *
 * <p>A completion can arrive before its order was noted: on a busy machine the {@code 201} may
 * sit in the socket for milliseconds before the connection's thread gets the CPU to read it,
 * while the consumer brews and the feed delivers the completion. Against {@code coffee serve} on
 * two cores that happened to 17 to 55 orders in about 95,000, and they looked lost. So a
 * completion of an unknown order is kept for a while, in case it is one of ours read late (its
 * latency then counts as 0: the order was done before its answer was read). The two generations
 * of such completions are swapped every 10 s, which bounds what other clients' orders (and the
 * warm-up's) cost.
 */
public final class EndToEndTracker implements ProjectOrderEvents {

    private static final long EARLY_COMPLETION_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** Orders answered 201, waiting for their completion: when the answer came. */
    private final OrderTimes waiting = new OrderTimes();
    /** Completions of orders not (yet) known: when they were seen, newer and older generation. */
    private OrderTimes earlyCompletions = new OrderTimes();
    private OrderTimes olderEarlyCompletions = new OrderTimes();
    private long generationStartNanos = System.nanoTime();
    private final Histogram latencies = LoadStats.newHistogram();
    private long accepted;
    private long completed;

    /** The order was answered {@code 201} at {@code nanos} ({@link System#nanoTime()}). */
    synchronized void accepted(long orderIdHigh, long orderIdLow, long nanos) {
        accepted++;
        long completedAt = removeEarlyCompletion(orderIdHigh, orderIdLow);
        if (completedAt == OrderTimes.ABSENT) {
            waiting.put(orderIdHigh, orderIdLow, nanos);
        } else {
            completed(completedAt - nanos);
        }
    }

    /** Called by the status feed, on its thread, for every status change it reads. */
    @Override
    public void project(OrderEvent event) {
        if (event instanceof OrderStatusChanged changed && changed.order().status() == OrderStatus.COMPLETED) {
            UUID id = changed.orderId().value();
            completedNow(id.getMostSignificantBits(), id.getLeastSignificantBits(), System.nanoTime());
        }
    }

    private synchronized void completedNow(long orderIdHigh, long orderIdLow, long nanos) {
        long acceptedAt = waiting.remove(orderIdHigh, orderIdLow);
        if (acceptedAt != OrderTimes.ABSENT) {
            completed(nanos - acceptedAt);
            return;
        }
        if (nanos - generationStartNanos > EARLY_COMPLETION_NANOS) {
            olderEarlyCompletions = earlyCompletions;
            earlyCompletions = new OrderTimes();
            generationStartNanos = nanos;
        }
        // ours noted late, someone else's, or the same completion delivered again (harmless: never accepted again)
        earlyCompletions.put(orderIdHigh, orderIdLow, nanos);
    }

    private long removeEarlyCompletion(long orderIdHigh, long orderIdLow) {
        long completedAt = earlyCompletions.remove(orderIdHigh, orderIdLow);
        return completedAt != OrderTimes.ABSENT ? completedAt : olderEarlyCompletions.remove(orderIdHigh, orderIdLow);
    }

    private void completed(long latencyNanos) {
        latencies.recordValue(LoadStats.micros(latencyNanos));
        completed++;
    }

    public synchronized long acceptedCount() {
        return accepted;
    }

    public synchronized long completedCount() {
        return completed;
    }

    /**
     * Waits until every accepted order was seen completed, or {@code patience} has passed.
     *
     * @return whether all were seen
     */
    public boolean awaitAllCompleted(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (completedCount() < acceptedCount()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** The end-to-end latencies seen so far, in microseconds (a copy). */
    public synchronized Histogram latencies() {
        return latencies.copy();
    }
}
