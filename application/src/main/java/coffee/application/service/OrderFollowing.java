package coffee.application.service;

import coffee.application.port.in.FollowOrders;
import coffee.application.port.out.OrderChanges;
import coffee.domain.FollowedOrders;
import coffee.domain.OrderChange;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Follows orders live through the changes Kafka (or any source of changes) tells of. */
public final class OrderFollowing implements FollowOrders {

    private final OrderChanges changes;

    public OrderFollowing(OrderChanges changes) {
        this.changes = changes;
    }

    @Override
    public Following follow(Optional<String> after, boolean remembered, FollowedOrders which,
            Consumer<OrderChange> live) {
        OrderChanges.Subscription subscription = changes.subscribe(after, remembered, which, live);
        return new Following() {
            @Override
            public List<OrderChange> replay() {
                return subscription.replay();
            }

            @Override
            public void close() {
                subscription.close();
            }
        };
    }
}
