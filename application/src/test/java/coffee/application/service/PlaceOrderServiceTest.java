package coffee.application.service;

import static coffee.domain.OrderTestData.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coffee.application.port.in.PlaceOrderCommand;
import coffee.application.port.in.PlaceOrderResult;
import coffee.application.readmodel.InMemoryOrderRepository;
import coffee.domain.Drink;
import coffee.domain.IdempotencyKey;
import coffee.domain.Order;
import coffee.domain.OrderId;
import coffee.domain.OrderPlaced;
import coffee.domain.OrderStatus;
import coffee.domain.RequestId;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
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
}
