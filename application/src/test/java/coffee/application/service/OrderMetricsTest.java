package coffee.application.service;

import static coffee.domain.OrderTestData.T0;
import static coffee.domain.OrderTestData.aPendingOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coffee.application.port.in.IncomingOrderEvent;
import coffee.application.port.in.PlaceOrderCommand;
import coffee.application.port.out.Barista;
import coffee.application.readmodel.InMemoryOrderRepository;
import coffee.domain.Order;
import coffee.domain.OrderCancelRequested;
import coffee.domain.OrderId;
import coffee.domain.OrderPlaced;
import coffee.domain.RequestId;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the services count, as operators will read it. */
class OrderMetricsTest {

    private static final RequestId REQUEST = new RequestId("req-1");

    private final InMemoryOrderRepository orders = new InMemoryOrderRepository();
    private final FakeOrderPublisher kafka = FakeOrderPublisher.feeding(orders);
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);

    @Test
    void placing_orders_counts_each_outcome_by_drink() {
        PlaceOrderService service = new PlaceOrderService(kafka, orders, OrderId::random, clock, metrics);

        service.place(PlaceOrderCommand.of("Ann", "latte", "k", REQUEST));
        service.place(PlaceOrderCommand.of("Ann", "latte", "k", REQUEST));
        service.place(PlaceOrderCommand.of("Ann", "mocha", "k", REQUEST));
        kafka.breakDown();
        service.place(PlaceOrderCommand.of("Bob", "espresso", null, REQUEST));

        assertEquals(List.of("placement LATTE ACCEPTED", "placement LATTE REPLAYED", "placement MOCHA KEY_REUSED",
                "placement ESPRESSO NOT_CONFIRMED"), metrics.recorded());
    }

    @Test
    void cancel_requests_are_counted_by_outcome() {
        CancelOrderService service = new CancelOrderService(kafka, orders, clock, Duration.ofMillis(10), metrics);
        Order brewing = aPendingOrder().startBrewing(T0);
        orders.save(brewing);

        service.cancel(brewing.id(), REQUEST);
        service.cancel(OrderId.random(), REQUEST);

        assertEquals(List.of("cancellation TOO_LATE", "cancellation NOT_FOUND"), metrics.recorded());
    }

    @Test
    void a_consumer_counts_what_it_brewed_and_what_it_skipped() throws Exception {
        Order order = aPendingOrder();
        Order cancelled = aPendingOrder();
        try (BrewingService baristas = new BrewingService(kafka, orders, Barista.takingTime(Duration.ZERO), clock, 1,
                metrics)) {
            List<coffee.application.port.in.OrderProcessor.Handling> handlings = baristas.handle(List.of(
                    new IncomingOrderEvent(new OrderPlaced(cancelled), REQUEST),
                    new IncomingOrderEvent(new OrderCancelRequested(cancelled.id(), T0), REQUEST),
                    new IncomingOrderEvent(new OrderPlaced(order), REQUEST)));
            for (var handling : handlings) {
                handling.completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
            }
        }

        List<String> recorded = metrics.recorded();
        assertTrue(recorded.contains("brewed LATTE"), recorded.toString());
        assertEquals(1, recorded.stream().filter("handled BREWED"::equals).count(), recorded.toString());
        assertEquals(2, recorded.stream().filter("handled CANCELLED"::equals).count(), recorded.toString());
    }

    @Test
    void every_publication_is_timed_with_its_result() {
        TimedOrderPublisher timed = new TimedOrderPublisher(kafka, metrics);

        timed.publish(new OrderPlaced(aPendingOrder()), REQUEST);
        kafka.breakDown();
        timed.publish(new OrderCancelRequested(OrderId.random(), T0), REQUEST);

        assertEquals(List.of("publication order_placed acknowledged", "publication order_cancel_requested failed"),
                metrics.recorded());
    }
}
