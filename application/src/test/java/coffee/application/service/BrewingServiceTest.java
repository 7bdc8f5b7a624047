package coffee.application.service;

import static coffee.domain.OrderTestData.T0;
import static coffee.domain.OrderTestData.aPendingOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coffee.application.port.in.IncomingOrderEvent;
import coffee.application.port.in.OrderProcessor.Handling;
import coffee.application.port.in.OrderProcessor.Outcome;
import coffee.application.port.out.Barista;
import coffee.application.port.out.OrderMetrics;
import coffee.application.readmodel.InMemoryOrderRepository;
import coffee.domain.Order;
import coffee.domain.OrderCancelRequested;
import coffee.domain.OrderEvent;
import coffee.domain.OrderPlaced;
import coffee.domain.OrderStatus;
import coffee.domain.RequestId;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BrewingServiceTest {

    private static final RequestId REQUEST = new RequestId("req-1");

    private final FakeOrderPublisher kafka = new FakeOrderPublisher();
    private final InMemoryOrderRepository knownOrders = new InMemoryOrderRepository();
    private final GatedBarista gatedBarista = new GatedBarista();
    private BrewingService service;

    @AfterEach
    void closeService() throws InterruptedException {
        gatedBarista.releaseAll();
        if (service != null) {
            service.close();
        }
    }

    private BrewingService baristas(Barista barista, int concurrency) {
        service = new BrewingService(kafka, knownOrders, barista, Clock.fixed(T0, ZoneOffset.UTC), concurrency);
        return service;
    }

    private static List<IncomingOrderEvent> batch(OrderEvent... events) {
        return Arrays.stream(events).map(event -> new IncomingOrderEvent(event, REQUEST)).toList();
    }

    private static Outcome outcomeOf(Handling handling) throws Exception {
        return handling.completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void a_placed_order_is_brewed_and_reported_processing_then_completed() throws Exception {
        Order order = aPendingOrder();

        List<Handling> handlings = baristas(Barista.takingTime(java.time.Duration.ZERO), 1)
                .handle(batch(new OrderPlaced(order)));

        assertEquals(Outcome.BREWED, outcomeOf(handlings.get(0)));
        assertEquals(List.of(OrderStatus.PROCESSING, OrderStatus.COMPLETED), kafka.statusesOf(order.id()));
        assertEquals(REQUEST, kafka.published().get(0).requestId(), "statuses carry the request id");
        assertEquals(OrderStatus.COMPLETED, knownOrders.find(order.id()).orElseThrow().status());
    }

    @Test
    void a_cancel_request_in_the_same_batch_means_the_order_is_never_brewed() throws Exception {
        Order order = aPendingOrder();

        List<Handling> handlings = baristas(gatedBarista, 1)
                .handle(batch(new OrderPlaced(order), new OrderCancelRequested(order.id(), T0)));

        assertEquals(Outcome.CANCELLED, outcomeOf(handlings.get(0)));
        assertEquals(Outcome.CANCELLED, outcomeOf(handlings.get(1)));
        assertEquals(List.of(OrderStatus.CANCELLED), kafka.statusesOf(order.id()));
        assertTrue(gatedBarista.started().isEmpty());
    }

    @Test
    void an_order_waiting_behind_others_can_still_be_cancelled() throws Exception {
        Order first = aPendingOrder();
        Order waiting = aPendingOrder();
        BrewingService service = baristas(gatedBarista, 1);
        List<Handling> placed = service.handle(batch(new OrderPlaced(first), new OrderPlaced(waiting)));
        gatedBarista.awaitFirstStarted();

        List<Handling> cancel = service.handle(batch(new OrderCancelRequested(waiting.id(), T0)));
        gatedBarista.releaseAll();

        assertEquals(Outcome.CANCELLED, outcomeOf(cancel.get(0)));
        assertEquals(Outcome.CANCELLED, outcomeOf(placed.get(1)));
        assertEquals(Outcome.BREWED, outcomeOf(placed.get(0)));
        assertEquals(List.of(first.id()), gatedBarista.started());
        assertEquals(List.of(OrderStatus.CANCELLED), kafka.statusesOf(waiting.id()));
    }

    @Test
    void a_cancel_request_after_brewing_started_is_rejected_and_the_order_completes() throws Exception {
        Order order = aPendingOrder();
        BrewingService service = baristas(gatedBarista, 1);
        List<Handling> placed = service.handle(batch(new OrderPlaced(order)));
        gatedBarista.awaitFirstStarted();

        List<Handling> cancel = service.handle(batch(new OrderCancelRequested(order.id(), T0)));
        gatedBarista.releaseAll();

        assertEquals(Outcome.CANCEL_REJECTED, outcomeOf(cancel.get(0)));
        assertEquals(Outcome.BREWED, outcomeOf(placed.get(0)));
        assertEquals(List.of(OrderStatus.PROCESSING, OrderStatus.COMPLETED), kafka.statusesOf(order.id()));
    }

    @Test
    void the_same_order_placed_twice_is_brewed_once() throws Exception {
        Order order = aPendingOrder();
        BrewingService service = baristas(gatedBarista, 2);

        List<Handling> handlings = service.handle(batch(new OrderPlaced(order), new OrderPlaced(order)));
        gatedBarista.releaseAll();

        assertEquals(Outcome.BREWED, outcomeOf(handlings.get(0)));
        assertEquals(Outcome.DUPLICATE, outcomeOf(handlings.get(1)));
        assertEquals(List.of(OrderStatus.PROCESSING, OrderStatus.COMPLETED), kafka.statusesOf(order.id()));
    }

    @Test
    void a_redelivered_order_that_already_completed_is_not_brewed_again() throws Exception {
        Order order = aPendingOrder();
        knownOrders.save(order.startBrewing(T0).complete(T0));

        List<Handling> handlings = baristas(gatedBarista, 1).handle(batch(new OrderPlaced(order)));

        assertEquals(Outcome.DUPLICATE, outcomeOf(handlings.get(0)));
        assertTrue(kafka.published().isEmpty());
    }

    @Test
    void an_order_a_crashed_consumer_left_processing_is_brewed_again() throws Exception {
        Order order = aPendingOrder();
        knownOrders.save(order.startBrewing(T0));

        List<Handling> handlings = baristas(Barista.takingTime(java.time.Duration.ZERO), 1)
                .handle(batch(new OrderPlaced(order)));

        assertEquals(Outcome.BREWED, outcomeOf(handlings.get(0)));
        assertEquals(OrderStatus.COMPLETED, knownOrders.find(order.id()).orElseThrow().status());
    }

    @Test
    void a_cancel_request_for_an_order_left_processing_is_rejected() throws Exception {
        Order order = aPendingOrder();
        knownOrders.save(order.startBrewing(T0));

        List<Handling> handlings = baristas(gatedBarista, 1)
                .handle(batch(new OrderPlaced(order), new OrderCancelRequested(order.id(), T0)));
        gatedBarista.releaseAll();

        assertEquals(Outcome.BREWED, outcomeOf(handlings.get(0)));
        assertEquals(Outcome.CANCEL_REJECTED, outcomeOf(handlings.get(1)));
    }

    @Test
    void a_repeated_cancel_request_changes_nothing() throws Exception {
        Order order = aPendingOrder();
        knownOrders.save(order.cancel(T0));

        List<Handling> handlings = baristas(gatedBarista, 1).handle(batch(new OrderCancelRequested(order.id(), T0)));

        assertEquals(Outcome.CANCELLED, outcomeOf(handlings.get(0)));
        assertTrue(kafka.published().isEmpty());
    }

    @Test
    void a_cancel_request_for_an_order_nobody_placed_is_ignored() throws Exception {
        List<Handling> handlings = baristas(gatedBarista, 1)
                .handle(batch(new OrderCancelRequested(aPendingOrder().id(), T0)));

        assertEquals(Outcome.IGNORED, outcomeOf(handlings.get(0)));
    }

    @Test
    void a_waiting_order_can_be_withdrawn_but_one_being_brewed_cannot() throws Exception {
        Order brewing = aPendingOrder();
        Order waiting = aPendingOrder();
        BrewingService service = baristas(gatedBarista, 1);
        List<Handling> handlings = service.handle(batch(new OrderPlaced(brewing), new OrderPlaced(waiting)));
        gatedBarista.awaitFirstStarted();

        assertTrue(handlings.get(1).withdraw());
        assertFalse(handlings.get(0).withdraw());
        gatedBarista.releaseAll();

        assertEquals(Outcome.WITHDRAWN, outcomeOf(handlings.get(1)));
        assertEquals(Outcome.BREWED, outcomeOf(handlings.get(0)));
        assertTrue(kafka.statusesOf(waiting.id()).isEmpty());
    }

    @Test
    void a_status_kafka_refused_is_published_again_until_it_is_acknowledged() throws Exception {
        Order order = aPendingOrder();
        kafka.failNext(3);

        List<Handling> handlings = baristas(Barista.takingTime(java.time.Duration.ZERO), 1)
                .handle(batch(new OrderPlaced(order)));

        assertEquals(Outcome.BREWED, outcomeOf(handlings.get(0)));
        assertEquals(List.of(OrderStatus.PROCESSING, OrderStatus.COMPLETED), kafka.statusesOf(order.id()));
    }

    @Test
    void baristas_work_in_parallel_up_to_the_concurrency() throws Exception {
        CountingThreads baristaThreads = new CountingThreads();
        service = new BrewingService(kafka, knownOrders, gatedBarista, Clock.fixed(T0, ZoneOffset.UTC), 3,
                OrderMetrics.none(), baristaThreads);

        service.handle(batch(new OrderPlaced(aPendingOrder()), new OrderPlaced(aPendingOrder()),
                new OrderPlaced(aPendingOrder()), new OrderPlaced(aPendingOrder())));
        // Each barista set to work by now takes one order and waits at the gate, with an order
        // still queued, so none steps down to make room for another: once they all started,
        // what started is all that will until the gate opens.
        gatedBarista.awaitStarted(baristaThreads.created());

        assertEquals(3, gatedBarista.started().size());
    }

    /** Barista threads, counted as the service makes them. */
    private static final class CountingThreads implements ThreadFactory {

        private final ThreadFactory threads = Thread.ofVirtual().name("test-barista-", 1).factory();
        private final AtomicInteger created = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            created.incrementAndGet();
            return threads.newThread(task);
        }

        int created() {
            return created.get();
        }
    }
}
