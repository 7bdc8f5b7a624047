package coffee.application.service;

import coffee.application.port.out.Barista;
import coffee.domain.Order;
import coffee.domain.OrderId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** A barista who brews only when the test lets them, so queues and races can be staged. */
public final class GatedBarista implements Barista {

    private final Semaphore permits = new Semaphore(0);
    private final List<OrderId> started = new CopyOnWriteArrayList<>();
    /** One permit per brew started, for tests to wait on. */
    private final Semaphore startedSignals = new Semaphore(0);

    @Override
    public void brew(Order order) throws InterruptedException {
        started.add(order.id());
        startedSignals.release();
        permits.acquire();
    }

    /** Lets {@code count} brews finish. */
    public void release(int count) {
        permits.release(count);
    }

    /** Lets every brew finish from now on. */
    public void releaseAll() {
        permits.release(Integer.MAX_VALUE / 2);
    }

    public void awaitFirstStarted() throws InterruptedException {
        awaitStarted(1);
    }

    /** Waits until at least {@code count} brews have started. */
    public void awaitStarted(int count) throws InterruptedException {
        if (!startedSignals.tryAcquire(count, 5, TimeUnit.SECONDS)) {
            throw new AssertionError("fewer than " + count + " brews started: " + started);
        }
        // given back, so a later wait counts from the first brew again
        startedSignals.release(count);
    }

    public List<OrderId> started() {
        return List.copyOf(started);
    }
}
