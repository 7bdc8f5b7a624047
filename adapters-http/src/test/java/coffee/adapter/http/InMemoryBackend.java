package coffee.adapter.http;

import static coffee.domain.OrderTestData.T0;

import coffee.application.port.in.CancelOrder;
import coffee.application.port.in.FindOrders;
import coffee.application.port.in.FollowOrders;
import coffee.application.port.in.PlaceOrder;
import coffee.application.readmodel.InMemoryOrderRepository;
import coffee.application.service.CancelOrderService;
import coffee.application.service.FakeOrderPublisher;
import coffee.application.service.OrderQueries;
import coffee.application.service.PlaceOrderService;
import coffee.domain.OrderId;
import io.helidon.webserver.http.HttpRouting;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;

/**
 * What the API drives, in memory, for routing tests: the view is an {@link InMemoryOrderRepository},
 * Kafka a {@link FakeOrderPublisher} that feeds it, and the use cases the application's own
 * services over them, on a clock stopped at {@link coffee.domain.OrderTestData#T0}. A cancel
 * waits for no verdict: one arrives only if a test plays the consumer
 * ({@link FakeOrderPublisher#whenPublished}), else the answer is {@code 202} at once.
 */
final class InMemoryBackend {

    final InMemoryOrderRepository orders = new InMemoryOrderRepository();
    final FakeOrderPublisher kafka = FakeOrderPublisher.feeding(orders);
    private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);

    private PlaceOrder placeOrder() {
        return new PlaceOrderService(kafka, orders, OrderId::random, clock);
    }

    private CancelOrder cancelOrder() {
        return new CancelOrderService(kafka, orders, clock, Duration.ZERO);
    }

    private FindOrders findOrders() {
        return new OrderQueries(orders);
    }

    /**
     * The routing production serves ({@link OrderApiServer#routing}), over this backend, without
     * live changes: the event streams answer {@code 503}, as on a server without them.
     */
    void routing(HttpRouting.Builder routing, HttpSettings settings) {
        OrderApiServer.routing(routing, settings, new OrderUseCases(placeOrder(), cancelOrder(), findOrders()));
    }

    /** The same, with {@code followOrders} behind the event streams. */
    void routing(HttpRouting.Builder routing, HttpSettings settings, FollowOrders followOrders) {
        OrderApiServer.routing(routing, settings,
                new OrderUseCases(placeOrder(), cancelOrder(), findOrders(), findOrders(), followOrders));
    }

    /** Back to a working Kafka with no consumer playing along, for the next test. */
    void reset() {
        kafka.recover();
        kafka.whenPublished(event -> { });
    }
}
