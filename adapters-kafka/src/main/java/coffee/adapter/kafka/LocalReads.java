package coffee.adapter.kafka;

import coffee.domain.Order;
import coffee.domain.OrderId;
import coffee.domain.OrderQuery;
import coffee.domain.OrderStatus;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The answers of this instance's own stores, with the waits that make them true: while a store
 * moves or restores ({@link Settling}), for an order not folded yet (read your writes,
 * {@link CatchUpWaits}), for an order to reach a status (a blocking read). A standby's copy is
 * read only when asked for: it may be a little behind.
 */
final class LocalReads {

    private final LocalOrderStores stores;
    private final ViewRouting routing;
    private final Settling settling;
    private final CatchUpWaits catchUp;
    private final RecentPlacements recent;
    private final OrderWatchers watchers;

    LocalReads(LocalOrderStores stores, ViewRouting routing, Settling settling, CatchUpWaits catchUp,
            RecentPlacements recent, OrderWatchers watchers) {
        this.stores = stores;
        this.routing = routing;
        this.settling = settling;
        this.catchUp = catchUp;
        this.recent = recent;
        this.watchers = watchers;
    }

    /**
     * Looks the order up in this instance's active store; when it is not there, answers from
     * the orders this process just placed, or else waits until this instance has folded every
     * record the orders topic held at the time of asking.
     */
    Optional<Order> find(int partition, OrderId id) {
        Optional<Order> found = settling.read(() -> stores.find(partition, id, false));
        if (found.isPresent()) {
            return found;
        }
        Optional<Order> justPlaced = recent.find(id);
        if (justPlaced.isPresent()) {
            return justPlaced;
        }
        catchUp.untilFolded(partition);
        return settling.read(() -> stores.find(partition, id, false));
    }

    /** The order as a standby copy kept here has it, without waiting for it to catch up. */
    Optional<Order> findInStandby(int partition, OrderId id) {
        return settling.read(() -> stores.find(partition, id, true));
    }

    /** The query's orders in the partitions this instance holds, once it has caught up after its start. */
    List<Order> list(OrderQuery query) {
        catchUp.untilStartFolded();
        return settling.read(() -> stores.list(routing.partitionsHere(), query, false));
    }

    /** The query's orders in standby copies of these partitions kept here. */
    List<Order> listInStandbys(Collection<Integer> partitions, OrderQuery query) {
        return settling.read(() -> stores.list(partitions, query, true));
    }

    /**
     * The order once its status settles {@code wanted}, or as it is at the timeout; empty when
     * there is no such order (or it went meanwhile).
     */
    Optional<Order> awaitStatus(int partition, OrderId id, OrderStatus wanted, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        CompletableFuture<Order> change = watchers.nextChange(id);
        try {
            Optional<Order> current = find(partition, id);
            if (current.isEmpty()) {
                return current;
            }
            while (!current.get().status().settles(wanted)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return current;
                }
                try {
                    change.get(left, TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    return current;
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
                // watch for the next change before reading, so none slips in between
                change = watchers.nextChange(id);
                current = settling.read(() -> stores.find(partition, id, false));
                if (current.isEmpty()) {
                    return current;
                }
            }
            return current;
        } finally {
            change.cancel(false);
        }
    }
}
