package coffee.application.service;

import static coffee.domain.OrderTestData.T0;
import static coffee.domain.OrderTestData.aPendingOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coffee.application.port.in.CancelOrderResult;
import coffee.application.readmodel.InMemoryOrderRepository;
import coffee.domain.Order;
import coffee.domain.OrderCancelRequested;
import coffee.domain.OrderId;
import coffee.domain.OrderStatus;
import coffee.domain.RequestId;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class CancelOrderServiceTest {

    private static final RequestId REQUEST = new RequestId("req-1");

    private final FakeOrderPublisher kafka = new FakeOrderPublisher();
    private final InMemoryOrderRepository orders = new InMemoryOrderRepository();
    private final CancelOrderService service =
            new CancelOrderService(kafka, orders, Clock.fixed(T0, ZoneOffset.UTC), Duration.ofMillis(200));

    @Test
    void an_unknown_order_is_not_found() {
        assertInstanceOf(CancelOrderResult.NotFound.class, service.cancel(OrderId.random(), REQUEST));
    }

    @Test
    void a_pending_order_is_cancelled_when_the_consumer_agrees() {
        Order order = aPendingOrder();
        orders.save(order);
        kafka.whenPublished(event -> orders.save(order.cancel(T0)));

        CancelOrderResult result = service.cancel(order.id(), REQUEST);

        assertEquals(OrderStatus.CANCELLED, assertInstanceOf(CancelOrderResult.Cancelled.class, result).order().status());
        assertEquals(List.of(new OrderCancelRequested(order.id(), T0)), kafka.events());
    }

    @Test
    void a_pending_order_the_consumer_started_brewing_meanwhile_is_too_late() {
        Order order = aPendingOrder();
        orders.save(order);
        kafka.whenPublished(event -> orders.save(order.startBrewing(T0)));

        assertInstanceOf(CancelOrderResult.TooLate.class, service.cancel(order.id(), REQUEST));
    }

    @Test
    void without_a_verdict_in_time_the_request_is_reported_as_on_its_way() {
        Order order = aPendingOrder();
        orders.save(order);

        CancelOrderResult result = service.cancel(order.id(), REQUEST);

        assertEquals(order, assertInstanceOf(CancelOrderResult.Requested.class, result).order());
    }

    @Test
    void an_order_already_brewing_is_too_late_without_asking_the_consumer() {
        Order brewing = aPendingOrder().startBrewing(T0);
        orders.save(brewing);

        assertInstanceOf(CancelOrderResult.TooLate.class, service.cancel(brewing.id(), REQUEST));
        assertTrue(kafka.published().isEmpty());
    }

    @Test
    void cancelling_a_cancelled_order_again_simply_answers_it_is_cancelled() {
        Order cancelled = aPendingOrder().cancel(T0);
        orders.save(cancelled);

        assertInstanceOf(CancelOrderResult.Cancelled.class, service.cancel(cancelled.id(), REQUEST));
        assertTrue(kafka.published().isEmpty());
    }

    @Test
    void a_cancel_request_kafka_did_not_confirm_is_reported() {
        Order order = aPendingOrder();
        orders.save(order);
        kafka.breakDown();

        assertInstanceOf(CancelOrderResult.NotConfirmed.class, service.cancel(order.id(), REQUEST));
    }
}
