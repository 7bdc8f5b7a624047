package coffee.application.service;

import coffee.application.port.in.PlaceOrder;
import coffee.application.port.in.PlaceOrderCommand;
import coffee.application.port.in.PlaceOrderResult;
import coffee.application.port.out.OrderIds;
import coffee.application.port.out.OrderMetrics;
import coffee.application.port.out.OrderMetrics.Placement;
import coffee.application.port.out.OrderPublisher;
import coffee.application.port.out.OrderView;
import coffee.domain.Order;
import coffee.domain.OrderId;
import coffee.domain.OrderPlaced;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Places orders: publishes {@code order_placed} and answers only after Kafka acknowledged it.
 *
 * <p>With an idempotency key the order id is derived from the key, so a retry names the
 * same order wherever and whenever it arrives; a retry of an order the view already holds is
 * answered from it without publishing again. The order reaches the view through Kafka, like
 * every other: the view reads its writes, so a {@code GET} right after the answer finds it.
 *
 * <p>One answer, one budget: the publisher's own timeouts add up to {@code patience}, and when
 * the check of an idempotency key has spent part of it (the view waits for Kafka while a
 * partition changes leader), the wait for the acknowledgement gets only what is left. An order
 * refused so may still be written; its key makes the retry find it instead of placing it twice.
 */
public final class PlaceOrderService implements PlaceOrder {

    private final OrderPublisher publisher;
    private final OrderView orders;
    private final OrderIds ids;
    private final Clock clock;
    private final OrderMetrics metrics;
    private final long patienceMs;

    public PlaceOrderService(OrderPublisher publisher, OrderView orders, OrderIds ids, Clock clock) {
        this(publisher, orders, ids, clock, OrderMetrics.none());
    }

    public PlaceOrderService(OrderPublisher publisher, OrderView orders, OrderIds ids, Clock clock,
            OrderMetrics metrics) {
        this(publisher, orders, ids, clock, metrics, Duration.ofMillis(Long.MAX_VALUE));
    }

    /**
     * @param patience how long one order may take in all, the check of its idempotency key
     *     included; the publisher is expected to give up within it on its own
     */
    public PlaceOrderService(OrderPublisher publisher, OrderView orders, OrderIds ids, Clock clock,
            OrderMetrics metrics, Duration patience) {
        this.publisher = publisher;
        this.orders = orders;
        this.ids = ids;
        this.clock = clock;
        this.metrics = metrics;
        this.patienceMs = patience.toMillis();
    }

    @Override
    public PlaceOrderResult place(PlaceOrderCommand command) {
        PlaceOrderResult result = decide(command);
        metrics.placement(command.drink(), switch (result) {
            case PlaceOrderResult.Accepted accepted -> Placement.ACCEPTED;
            case PlaceOrderResult.AlreadyPlaced replay -> Placement.REPLAYED;
            case PlaceOrderResult.KeyReused reused -> Placement.KEY_REUSED;
            case PlaceOrderResult.NotConfirmed failed -> Placement.NOT_CONFIRMED;
        });
        return result;
    }

    private PlaceOrderResult decide(PlaceOrderCommand command) {
        OrderId id = command.idempotencyKey().map(OrderId::derivedFrom).orElseGet(ids::next);
        long checked = 0;
        if (command.idempotencyKey().isPresent()) {
            long started = clock.millis();
            Optional<PlaceOrderResult> replay = answerRetry(id, command);
            if (replay.isPresent()) {
                return replay.get();
            }
            checked = Math.max(0, clock.millis() - started);
        }
        if (checked >= patienceMs) {
            return new PlaceOrderResult.NotConfirmed("checking the idempotency key took " + checked
                    + " ms, the whole of the " + patienceMs + " ms an order may take; nothing was published");
        }
        Order order = Order.place(id, command.customer(), command.drink(), clock.instant());
        CompletionStage<Void> publication = publisher.publish(new OrderPlaced(order), command.requestId());
        // a bound of its own only for the orders whose check waited: the others are bounded by the publisher
        Optional<String> failure = checked == 0 ? Publishing.await(publication)
                : Publishing.await(publication, patienceMs - checked, "of the " + patienceMs
                        + " ms an order may take, after " + checked + " ms checking the idempotency key");
        if (failure.isPresent()) {
            return new PlaceOrderResult.NotConfirmed(failure.get());
        }
        return new PlaceOrderResult.Accepted(order);
    }

    private Optional<PlaceOrderResult> answerRetry(OrderId id, PlaceOrderCommand command) {
        return orders.find(id).map(existing -> existing.sameRequestAs(command.customer(), command.drink())
                ? new PlaceOrderResult.AlreadyPlaced(existing)
                : new PlaceOrderResult.KeyReused(existing));
    }

}
