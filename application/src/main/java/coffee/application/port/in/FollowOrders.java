package coffee.application.port.in;

import coffee.domain.FollowedOrders;
import coffee.domain.OrderChange;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Use case: follow orders live as they change, one order or all (a board), and resume after a
 * lost connection without missing or repeating a change.
 */
public interface FollowOrders {

    /**
     * Starts telling {@code live} of each change of the orders {@code which} names, from now
     * on; {@link Following#replay()} holds the remembered changes asked for, older than every
     * live one.
     *
     * @param after replay the remembered changes after this position (of a change seen before)
     * @param remembered without {@code after}: replay every remembered change; else none
     * @param live called on the thread that reads the changes: it must not block
     * @throws IllegalArgumentException if {@code after} is no position of these changes
     */
    Following follow(Optional<String> after, boolean remembered, FollowedOrders which, Consumer<OrderChange> live);

    /** Following orders until closed. */
    interface Following extends AutoCloseable {

        /** The remembered changes asked for, oldest first. */
        List<OrderChange> replay();

        /** Stops following; the live listener is not called after this returns. */
        @Override
        void close();
    }
}
