package coffee.application.service;

import coffee.application.port.in.PlaceOrder;
import coffee.application.port.in.PlaceOrderCommand;
import coffee.application.port.in.PlaceOrderResult;
import coffee.application.port.out.OrderIds;
import coffee.application.port.out.OrderPublisher;
import coffee.application.port.out.OrderRepository;
import coffee.domain.Order;
import coffee.domain.OrderId;
import coffee.domain.OrderPlaced;
import java.time.Clock;
import java.util.Optional;

/**
 * Places orders: publishes {@code order_placed} and answers only after Kafka acknowledged it.
 *
 * <p>With an idempotency key the order id is derived from the key, so a retry names the
 * same order wherever and whenever it arrives; a retry this process already knows about is
 * answered from the view without publishing again.
 */
public final class PlaceOrderService implements PlaceOrder {

    private final OrderPublisher publisher;
    private final OrderRepository orders;
    private final OrderIds ids;
    private final Clock clock;

    public PlaceOrderService(OrderPublisher publisher, OrderRepository orders, OrderIds ids, Clock clock) {
        this.publisher = publisher;
        this.orders = orders;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public PlaceOrderResult place(PlaceOrderCommand command) {
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
        // read-your-writes: the next GET here must see the order, before the feed brings it back
        orders.save(order);
        return new PlaceOrderResult.Accepted(orders.find(id).orElse(order));
    }

    private Optional<PlaceOrderResult> answerRetry(OrderId id, PlaceOrderCommand command) {
        return orders.find(id).map(existing -> existing.sameRequestAs(command.customer(), command.drink())
                ? new PlaceOrderResult.AlreadyPlaced(existing)
                : new PlaceOrderResult.KeyReused(existing));
    }

}
