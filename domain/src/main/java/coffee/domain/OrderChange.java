package coffee.domain;

import java.util.Objects;

/**
 * An order as one change made it, and where that change sits in the history of changes: a
 * follower that saw it can later ask for what came after {@code position} and miss nothing.
 *
 * @param order the whole order after the change (a snapshot)
 * @param position an opaque mark in the history of changes, to resume after
 */
public record OrderChange(Order order, String position) {

    public OrderChange {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(position, "position");
    }
}
