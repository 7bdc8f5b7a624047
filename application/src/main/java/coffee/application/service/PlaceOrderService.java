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
import java.util.Optional;

/**
 * Places orders: publishes {@code order_placed} and answers only after Kafka acknowledged it.
 *
 * <p>With an idempotency key the order id is derived from the key, so a retry names the
 * same order wherever and whenever it arrives; a retry of an order the view already holds is
 * answered from it without publishing again. The order reaches the view through Kafka, like
 * every other: the view reads its writes, so a {@code GET} right after the answer finds it.
 */
public final class PlaceOrderService implements PlaceOrder {

    private final OrderPublisher publisher;
    private final OrderView orders;
    private final OrderIds ids;
    private final Clock clock;
    private final OrderMetrics metrics;

    public PlaceOrderService(OrderPublisher publisher, OrderView orders, OrderIds ids, Clock clock) {
        this(publisher, orders, ids, clock, OrderMetrics.none());
    }

    public PlaceOrderService(OrderPublisher publisher, OrderView orders, OrderIds ids, Clock clock,
            OrderMetrics metrics) {
        this.publisher = publisher;
        this.orders = orders;
        this.ids = ids;
        this.clock = clock;
        this.metrics = metrics;
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
        Optional<PlaceOrderResult> replay = command.idempotencyKey().flatMap(key -> answerRetry(id, command));
        if (replay.isPresent()) {
            return replay.get();
        }
        Order order = Order.place(id, command.customer(), command.drink(), clock.instant());
        Optional<String> failure = Publishing.await(publisher.publish(new OrderPlaced(order), command.requestId()));
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
