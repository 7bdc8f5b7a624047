package coffee.application.port.out;

import coffee.domain.FollowedOrders;
import coffee.domain.OrderChange;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The changes of orders as they happen (placed, then each new status), for whoever follows
 * them live. It remembers the most recent ones, so a follower that lost its connection can
 * resume after the last change it saw.
 */
public interface OrderChanges {

    /**
     * Starts telling {@code live} of each change of the orders {@code which} names, from now
     * on; the subscription's {@link Subscription#replay()} holds the remembered ones it asked
     * for, older than every live one.
     *
     * @param after replay the remembered changes after this position (of a change seen before)
     * @param remembered without {@code after}: replay every remembered change; else none
     * @param live called on the thread that reads the changes: it must not block
     * @throws IllegalArgumentException if {@code after} is no position of these changes
     * @throws OrderViewUnavailableException if the changes cannot be followed right now
     */
    Subscription subscribe(Optional<String> after, boolean remembered, FollowedOrders which,
            Consumer<OrderChange> live);

    /** Following the changes until closed. */
    interface Subscription extends AutoCloseable {

        /** The remembered changes asked for, oldest first. */
        List<OrderChange> replay();

        /** Stops telling of changes; the live listener is not called after this returns. */
        @Override
        void close();
    }
}
