package coffee.application.service;

import static coffee.domain.OrderTestData.aPendingOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coffee.domain.Order;
import coffee.domain.OrderStatus;
import coffee.domain.OrderStatusChanged;
import coffee.domain.RequestId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryingOrderPublisherTest {

    private static final RequestId REQUEST = new RequestId("req-1");

    private final FakeOrderPublisher kafka = new FakeOrderPublisher();
    private final RetryingOrderPublisher retrying = new RetryingOrderPublisher(kafka);

    @AfterEach
    void close() {
        retrying.close();
    }

    @Test
    void a_refused_publication_is_sent_again_until_kafka_acknowledges_it() throws Exception {
        Order order = aPendingOrder();
        kafka.failNext(2);

        retrying.publish(new OrderStatusChanged(order), REQUEST).get(5, TimeUnit.SECONDS);

        assertEquals(List.of(OrderStatus.PENDING), kafka.statusesOf(order.id()));
        assertEquals(0, retrying.unacknowledged());
    }

    @Test
    void the_pause_between_attempts_doubles_from_200_ms_up_to_5_s() {
        List<Long> pauses = List.of(1, 2, 3, 4, 5, 6, 7, 20).stream()
                .map(attempt -> RetryingOrderPublisher.retryDelay(attempt).toMillis())
                .toList();

        assertEquals(List.of(200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L, 5000L), pauses);
    }

    @Test
    void closing_fails_what_kafka_has_not_acknowledged_and_stops_retrying() {
        kafka.breakDown();
        CompletableFuture<Void> publication = retrying.publish(new OrderStatusChanged(aPendingOrder()), REQUEST);

        retrying.close("stopped for the test");

        Throwable failure = publication.handle((ignored, failed) -> failed).join();
        assertInstanceOf(CancellationException.class, failure);
        assertEquals("stopped for the test", failure.getMessage());
        assertEquals(0, retrying.unacknowledged());
    }

    @Test
    void waiting_for_acknowledgements_ends_when_kafka_acknowledged_everything() throws Exception {
        kafka.failNext(1);
        retrying.publish(new OrderStatusChanged(aPendingOrder()), REQUEST);

        assertTrue(retrying.awaitAcknowledgements(Duration.ofSeconds(5)));
    }

    @Test
    void waiting_for_acknowledgements_gives_up_after_the_patience() throws Exception {
        kafka.breakDown();
        retrying.publish(new OrderStatusChanged(aPendingOrder()), REQUEST);

        assertFalse(retrying.awaitAcknowledgements(Duration.ofMillis(50)));
        assertEquals(1, retrying.unacknowledged());
    }
}
