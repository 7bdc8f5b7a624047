package coffee.adapter.http;

import coffee.application.port.in.FollowOrders;
import coffee.domain.FollowedOrders;
import coffee.domain.Order;
import coffee.domain.OrderChange;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Following orders, in memory: what a test tells it is remembered and replayed to each new
 * follower (those the follower names, after the position it gives); nothing ever arrives live,
 * so a stream ends only once its order has reached a final status.
 */
final class RememberedChanges implements FollowOrders {

    private final List<OrderChange> remembered = new CopyOnWriteArrayList<>();

    /** A change of {@code order} at {@code position}, as Kafka would have brought it. */
    void remember(Order order, String position) {
        remembered.add(new OrderChange(order, position));
    }

    @Override
    public Following follow(Optional<String> after, boolean rememberedToo, FollowedOrders which,
            Consumer<OrderChange> live) {
        int from = 0;
        if (after.isPresent()) {
            from = positionOf(after.get()) + 1;
        } else if (!rememberedToo) {
            from = remembered.size();
        }
        List<OrderChange> replay = remembered.subList(from, remembered.size()).stream()
                .filter(change -> which.matches(change.order())).toList();
        return new Following() {
            @Override
            public List<OrderChange> replay() {
                return replay;
            }

            @Override
            public void close() {
            }
        };
    }

    private int positionOf(String position) {
        for (int i = 0; i < remembered.size(); i++) {
            if (remembered.get(i).position().equals(position)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no change at " + position);
    }
}
