package coffee.adapter.kafka;

import coffee.domain.Order;
import coffee.domain.OrderId;
import coffee.domain.OrderQuery;
import coffee.domain.OrderStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How the view asks another producer instance for what its stores hold: Kafka Streams says
 * which instance holds an order, not how to reach it. The instances' own API does that
 * (wired in bootstrap). Each question is answered from the asked instance's stores only.
 *
 * <p>Every method throws {@link java.io.UncheckedIOException} when the instance cannot be
 * reached or answers in a way that is not an answer.
 */
public interface ViewPeers {

    /** @param peer the instance, {@code host:port} as it advertises itself */
    Optional<Order> find(String peer, OrderId id);

    List<Order> list(String peer, OrderQuery query);

    Optional<Order> awaitStatus(String peer, OrderId id, OrderStatus wanted, Duration timeout);

    /** For a single instance: it never has peers to ask. */
    static ViewPeers none() {
        return new ViewPeers() {
            @Override
            public Optional<Order> find(String peer, OrderId id) {
                throw new IllegalStateException("no peers: asked " + peer);
            }

            @Override
            public List<Order> list(String peer, OrderQuery query) {
                throw new IllegalStateException("no peers: asked " + peer);
            }

            @Override
            public Optional<Order> awaitStatus(String peer, OrderId id, OrderStatus wanted, Duration timeout) {
                throw new IllegalStateException("no peers: asked " + peer);
            }
        };
    }
}
