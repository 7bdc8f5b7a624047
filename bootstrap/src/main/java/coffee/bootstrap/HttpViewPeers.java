package coffee.bootstrap;

import coffee.adapter.http.PeerViewClient;
import coffee.adapter.kafka.ViewPeers;
import coffee.domain.Order;
import coffee.domain.OrderId;
import coffee.domain.OrderQuery;
import coffee.domain.OrderStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The view's questions to other producer instances (the Kafka adapter knows who holds what),
 * carried by their HTTP API (the HTTP adapter knows how to ask): the two adapters meet here.
 */
final class HttpViewPeers implements ViewPeers {

    private final PeerViewClient client;

    HttpViewPeers(Duration timeout) {
        this.client = new PeerViewClient(timeout);
    }

    @Override
    public Optional<Order> find(String peer, OrderId id) {
        return client.find(peer, id);
    }

    @Override
    public List<Order> list(String peer, OrderQuery query) {
        return client.list(peer, query);
    }

    @Override
    public Optional<Order> awaitStatus(String peer, OrderId id, OrderStatus wanted, Duration timeout) {
        return client.awaitStatus(peer, id, wanted, timeout);
    }
}
