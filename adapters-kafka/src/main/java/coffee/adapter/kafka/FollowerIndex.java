package coffee.adapter.kafka;

import coffee.domain.FollowedOrders;
import coffee.domain.Order;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The followers of live changes, filed by what they follow: by order id, by customer, or (all
 * orders, or a status only) in a list of their own. A change is then tested only against the
 * followers it can concern: a thousand followers of single orders, or of other customers, cost
 * a change two hash lookups rather than a thousand tests. Not thread-safe: its owner guards it.
 *
 * @param <F> a follower
 */
final class FollowerIndex<F> {

    private final Map<String, List<Filed<F>>> byOrder = new HashMap<>();
    private final Map<String, List<Filed<F>>> byCustomer = new HashMap<>();
    private final List<Filed<F>> unfiled = new ArrayList<>();
    private int size;

    /** Files the follower; the returned action takes it out again. */
    Runnable add(FollowedOrders which, F follower) {
        Filed<F> filed = new Filed<>(which, follower);
        List<Filed<F>> shelf = shelfFor(which);
        shelf.add(filed);
        size++;
        return () -> {
            if (shelf.remove(filed)) {
                size--;
                if (shelf.isEmpty()) {
                    // an empty shelf must go, or mayConcern would keep records decoded for nobody
                    which.order().ifPresent(id -> byOrder.remove(id.toString(), shelf));
                    which.customer().ifPresent(name -> byCustomer.remove(name.searchKey(), shelf));
                }
            }
        };
    }

    private List<Filed<F>> shelfFor(FollowedOrders which) {
        if (which.order().isPresent()) {
            return byOrder.computeIfAbsent(which.order().get().toString(), id -> new ArrayList<>());
        }
        if (which.customer().isPresent()) {
            return byCustomer.computeIfAbsent(which.customer().get().searchKey(), name -> new ArrayList<>());
        }
        return unfiled;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /**
     * Whether anyone may want a change of the order with this record key (its id's text), asked
     * before the record is decoded: false when only followers of other orders are filed.
     */
    boolean mayConcern(byte[] orderKey) {
        if (!unfiled.isEmpty() || !byCustomer.isEmpty()) {
            return true;
        }
        return orderKey != null && !byOrder.isEmpty()
                && byOrder.containsKey(new String(orderKey, StandardCharsets.US_ASCII));
    }

    /** Calls {@code action} with each follower that wants this state of the order. */
    void forEachWanting(Order order, Consumer<F> action) {
        if (!byOrder.isEmpty()) {
            tell(byOrder.get(order.id().toString()), order, action);
        }
        if (!byCustomer.isEmpty()) {
            tell(byCustomer.get(order.customer().searchKey()), order, action);
        }
        tell(unfiled, order, action);
    }

    private static <F> void tell(List<Filed<F>> shelf, Order order, Consumer<F> action) {
        if (shelf == null) {
            return;
        }
        for (Filed<F> filed : shelf) {
            if (filed.which.matches(order)) {
                action.accept(filed.follower);
            }
        }
    }

    /** Identity, not equality: the same follower filed twice is two entries. */
    private static final class Filed<F> {

        final FollowedOrders which;
        final F follower;

        Filed(FollowedOrders which, F follower) {
            this.which = which;
            this.follower = follower;
        }
    }
}
