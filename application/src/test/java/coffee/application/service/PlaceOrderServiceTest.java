package coffee.application.service;

import static coffee.domain.OrderTestData.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coffee.application.port.in.PlaceOrderCommand;
import coffee.application.port.in.PlaceOrderResult;
import coffee.application.port.out.OrderMetrics;
import coffee.application.port.out.OrderPublisher;
import coffee.application.port.out.OrderView;
import coffee.application.readmodel.InMemoryOrderRepository;
import coffee.domain.Drink;
import coffee.domain.IdempotencyKey;
import coffee.domain.Order;
import coffee.domain.OrderId;
import coffee.domain.OrderPlaced;
import coffee.domain.OrderQuery;
import coffee.domain.OrderStatus;
import coffee.domain.RequestId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class PlaceOrderServiceTest {

    private static final OrderId NEXT_ID = new OrderId(UUID.fromString("00000000-0000-4000-8000-000000000001"));
    private static final RequestId REQUEST = new RequestId("req-1");

    private final InMemoryOrderRepository orders = new InMemoryOrderRepository();
    private final FakeOrderPublisher kafka = FakeOrderPublisher.feeding(orders);
    private final PlaceOrderService service =
            new PlaceOrderService(kafka, orders, () -> NEXT_ID, Clock.fixed(T0, ZoneOffset.UTC));

    @Test
    void a_placed_order_is_published_as_pending_with_the_request_id() {
        PlaceOrderResult result = service.place(PlaceOrderCommand.of("Ann", "latte", null, REQUEST));

        Order order = assertInstanceOf(PlaceOrderResult.Accepted.class, result).order();
        assertEquals(NEXT_ID, order.id());
        assertEquals(OrderStatus.PENDING, order.status());
        assertEquals(Drink.LATTE, order.drink());
        assertEquals(T0, order.createdAt());
        assertEquals(List.of(new FakeOrderPublisher.Published(new OrderPlaced(order), REQUEST)), kafka.published());
    }

    @Test
    void an_accepted_order_is_visible_at_once_to_this_process() {
        service.place(PlaceOrderCommand.of("Ann", "latte", null, REQUEST));

        assertTrue(orders.find(NEXT_ID).isPresent());
    }

    @Test
    void an_order_kafka_did_not_confirm_is_reported_and_not_remembered() {
        kafka.breakDown();

        PlaceOrderResult result = service.place(PlaceOrderCommand.of("Ann", "latte", null, REQUEST));

        assertInstanceOf(PlaceOrderResult.NotConfirmed.class, result);
        assertTrue(orders.find(NEXT_ID).isEmpty());
    }

    @Test
    void with_an_idempotency_key_the_order_id_is_derived_from_the_key() {
        PlaceOrderResult result = service.place(PlaceOrderCommand.of("Ann", "latte", "key-1", REQUEST));

        Order order = assertInstanceOf(PlaceOrderResult.Accepted.class, result).order();
        assertEquals(OrderId.derivedFrom(new IdempotencyKey("key-1")), order.id());
    }

    @Test
    void a_retry_with_the_same_key_and_order_returns_the_first_order_without_publishing_again() {
        Order first = ((PlaceOrderResult.Accepted) service.place(PlaceOrderCommand.of("Ann", "latte", "key-1", REQUEST)))
                .order();

        PlaceOrderResult retry = service.place(PlaceOrderCommand.of(" Ann ", "LATTE", "key-1", new RequestId("req-2")));

        assertEquals(first, assertInstanceOf(PlaceOrderResult.AlreadyPlaced.class, retry).order());
        assertEquals(1, kafka.published().size());
    }

    @Test
    void the_same_key_for_a_different_order_is_refused() {
        service.place(PlaceOrderCommand.of("Ann", "latte", "key-1", REQUEST));

        PlaceOrderResult reuse = service.place(PlaceOrderCommand.of("Ann", "mocha", "key-1", REQUEST));

        assertInstanceOf(PlaceOrderResult.KeyReused.class, reuse);
        assertEquals(1, kafka.published().size());
    }

    @Test
    void a_retry_after_an_unconfirmed_attempt_publishes_the_same_order_id_again() {
        kafka.failNext(1);
        assertInstanceOf(PlaceOrderResult.NotConfirmed.class,
                service.place(PlaceOrderCommand.of("Ann", "latte", "key-1", REQUEST)));

        PlaceOrderResult retry = service.place(PlaceOrderCommand.of("Ann", "latte", "key-1", REQUEST));

        Order order = assertInstanceOf(PlaceOrderResult.Accepted.class, retry).order();
        assertEquals(OrderId.derivedFrom(new IdempotencyKey("key-1")), order.id());
    }

    @Test
    void a_key_check_that_took_the_whole_patience_refuses_the_order_without_publishing_it() {
        TickingClock clock = new TickingClock();
        PlaceOrderService patient = new PlaceOrderService(kafka, slowToCheck(clock, Duration.ofMillis(5_000)),
                () -> NEXT_ID, clock, OrderMetrics.none(), Duration.ofMillis(5_000));

        PlaceOrderResult result = patient.place(PlaceOrderCommand.of("Ann", "latte", "key-1", REQUEST));

        assertTrue(assertInstanceOf(PlaceOrderResult.NotConfirmed.class, result).reason().contains("nothing was published"));
        assertEquals(List.of(), kafka.published());
    }

    @Test
    void after_a_slow_key_check_the_wait_for_kafka_gets_only_what_is_left_of_the_patience() {
        TickingClock clock = new TickingClock();
        OrderPublisher silent = (event, requestId) -> new CompletableFuture<>();
        PlaceOrderService patient = new PlaceOrderService(silent, slowToCheck(clock, Duration.ofMillis(4_980)),
                () -> NEXT_ID, clock, OrderMetrics.none(), Duration.ofMillis(5_000));

        PlaceOrderResult result = patient.place(PlaceOrderCommand.of("Ann", "latte", "key-1", REQUEST));

        assertTrue(assertInstanceOf(PlaceOrderResult.NotConfirmed.class, result).reason()
                .contains("within the 20 ms left"), "answered within the patience rather than hanging on Kafka");
    }

    @Test
    void after_a_slow_key_check_an_acknowledged_order_is_accepted() {
        TickingClock clock = new TickingClock();
        PlaceOrderService patient = new PlaceOrderService(kafka, slowToCheck(clock, Duration.ofMillis(4_000)),
                () -> NEXT_ID, clock, OrderMetrics.none(), Duration.ofMillis(5_000));

        assertInstanceOf(PlaceOrderResult.Accepted.class,
                patient.place(PlaceOrderCommand.of("Ann", "latte", "key-1", REQUEST)));
    }

    /** The view of {@link #orders}, whose every lookup takes {@code took} by the clock. */
    private OrderView slowToCheck(TickingClock clock, Duration took) {
        return new OrderView() {
            @Override
            public Optional<Order> find(OrderId id) {
                clock.advance(took);
                return orders.find(id);
            }

            @Override
            public List<Order> list(OrderQuery query) {
                return orders.list(query);
            }

            @Override
            public Optional<Order> awaitStatus(OrderId id, OrderStatus wanted, Duration timeout)
                    throws InterruptedException {
                return orders.awaitStatus(id, wanted, timeout);
            }
        };
    }

    /** A clock that moves only when told. */
    private static final class TickingClock extends Clock {
        private Instant now = T0;

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
