package coffee.adapter.kafka;

import coffee.application.port.out.OrderViewUnavailableException;
import coffee.domain.Order;
import coffee.domain.OrderId;
import coffee.domain.OrderStatus;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.streams.KeyQueryMetadata;

/**
 * A question about one order, answered wherever the order is held: by this instance's stores,
 * by the instance holding it ({@link ViewPeers}), or, while that one cannot be reached, by a
 * standby copy kept here.
 */
final class RoutedReads {

    private final ViewRouting routing;
    private final LocalReads local;
    private final ViewPeers peers;

    RoutedReads(ViewRouting routing, LocalReads local, ViewPeers peers) {
        this.routing = routing;
        this.local = local;
        this.peers = peers;
    }

    Optional<Order> find(OrderId id) {
        KeyQueryMetadata route = routing.route(id);
        if (routing.isHere(route.activeHost())) {
            return local.find(route.partition(), id);
        }
        try {
            return peers.find(ViewRouting.endpoint(route.activeHost()), id);
        } catch (UncheckedIOException unreachable) {
            return fromStandby(route, id, unreachable);
        }
    }

    Optional<Order> awaitStatus(OrderId id, OrderStatus wanted, Duration timeout) throws InterruptedException {
        KeyQueryMetadata route = routing.route(id);
        if (routing.isHere(route.activeHost())) {
            return local.awaitStatus(route.partition(), id, wanted, timeout);
        }
        try {
            return peers.awaitStatus(ViewRouting.endpoint(route.activeHost()), id, wanted, timeout);
        } catch (UncheckedIOException unreachable) {
            return fromStandby(route, id, unreachable);
        }
    }

    /**
     * While the instance holding an order cannot be reached (it died, and the group has not
     * noticed yet), a standby copy kept here answers: a little behind, never wrong about
     * whether the order exists once it was folded there.
     */
    private Optional<Order> fromStandby(KeyQueryMetadata route, OrderId id, UncheckedIOException unreachable) {
        if (route.standbyHosts().stream().anyMatch(routing::isHere)) {
            return local.findInStandby(route.partition(), id);
        }
        throw new OrderViewUnavailableException("the instance holding order " + id + " ("
                + ViewRouting.endpoint(route.activeHost()) + ") cannot be reached and no standby here has it: "
                + unreachable.getMessage(), unreachable);
    }
}
