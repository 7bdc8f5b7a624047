package coffee.adapter.cli;

import coffee.application.port.in.ProjectOrderEvents;
import coffee.domain.OrderEvent;
import coffee.domain.OrderStatus;
import coffee.domain.OrderStatusChanged;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Measures how long the orders of a load run take from their {@code 201} to their {@code
 * completed} on the status topic. The connections tell it which orders they placed and when;
 * the status feed (through the launcher) tells it every status change, of these orders and any
 * others, which it ignores.
 *
 * <p>An order whose {@code completed} came before its {@code 201} was noted is missed (counted
 * as not completed). That would take a consumer faster than the few instructions between
 * reading the answer and noting it, after two Kafka round trips, so it does not happen in
 * practice; the report's "completed of accepted" would show it if it did.
 */
final class EndToEndTracker implements ProjectOrderEvents {

    private final AcceptedOrders waiting = new AcceptedOrders();
    private final Recorder latencies = LoadStats.newRecorder();
    private final Histogram latencyTotal = LoadStats.newHistogram();
    private final LongAdder accepted = new LongAdder();
    private final AtomicLong completed = new AtomicLong();

    /** The order was accepted ({@code 201}) at {@code nanos} ({@link System#nanoTime()}). */
    void accepted(long orderIdHigh, long orderIdLow, long nanos) {
        waiting.put(orderIdHigh, orderIdLow, nanos);
        accepted.increment();
    }

    /** Called by the status feed, on its thread, for every status change it reads. */
    @Override
    public void project(OrderEvent event) {
        if (event instanceof OrderStatusChanged changed && changed.order().status() == OrderStatus.COMPLETED) {
            UUID id = changed.orderId().value();
            long acceptedAt = waiting.remove(id.getMostSignificantBits(), id.getLeastSignificantBits());
            if (acceptedAt != AcceptedOrders.ABSENT) {
                latencies.recordValue(LoadStats.micros(System.nanoTime() - acceptedAt));
                completed.incrementAndGet();
            }
        }
    }

    long acceptedCount() {
        return accepted.sum();
    }

    long completedCount() {
        return completed.get();
    }

    /**
     * Waits until every accepted order was seen completed, or {@code patience} has passed.
     *
     * @return whether all were seen
     */
    boolean awaitAllCompleted(Duration patience) throws InterruptedException {
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
    synchronized Histogram latencies() {
        latencyTotal.add(latencies.getIntervalHistogram());
        return latencyTotal.copy();
    }
}
