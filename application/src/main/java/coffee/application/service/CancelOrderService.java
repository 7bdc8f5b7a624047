package coffee.application.service;

import coffee.application.port.in.CancelOrder;
import coffee.application.port.in.CancelOrderResult;
import coffee.application.port.out.OrderMetrics;
import coffee.application.port.out.OrderMetrics.Cancellation;
import coffee.application.port.out.OrderPublisher;
import coffee.application.port.out.OrderView;
import coffee.domain.Order;
import coffee.domain.OrderCancelRequested;
import coffee.domain.OrderId;
import coffee.domain.OrderStatus;
import coffee.domain.RequestId;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Cancels orders. The producer cannot decide alone: only the consumer holding the order knows
 * whether brewing started. So it publishes a cancel request and waits, a bounded time, for
 * the consumer's verdict to show up in the view.
 */
public final class CancelOrderService implements CancelOrder {

    private final OrderPublisher publisher;
    private final OrderView orders;
    private final Clock clock;
    private final Duration verdictTimeout;
    private final OrderMetrics metrics;

    public CancelOrderService(OrderPublisher publisher, OrderView orders, Clock clock, Duration verdictTimeout) {
        this(publisher, orders, clock, verdictTimeout, OrderMetrics.none());
    }

    public CancelOrderService(OrderPublisher publisher, OrderView orders, Clock clock, Duration verdictTimeout,
            OrderMetrics metrics) {
        this.publisher = publisher;
        this.orders = orders;
        this.clock = clock;
        this.verdictTimeout = verdictTimeout;
        this.metrics = metrics;
    }

    @Override
    public CancelOrderResult cancel(OrderId id, RequestId requestId) {
        CancelOrderResult result = decide(id, requestId);
        metrics.cancellation(switch (result) {
            case CancelOrderResult.Cancelled cancelled -> Cancellation.CANCELLED;
            case CancelOrderResult.TooLate tooLate -> Cancellation.TOO_LATE;
            case CancelOrderResult.Requested requested -> Cancellation.REQUESTED;
            case CancelOrderResult.NotFound notFound -> Cancellation.NOT_FOUND;
            case CancelOrderResult.NotConfirmed notConfirmed -> Cancellation.NOT_CONFIRMED;
        });
        return result;
    }

    private CancelOrderResult decide(OrderId id, RequestId requestId) {
        Optional<Order> known = orders.find(id);
        if (known.isEmpty()) {
            return new CancelOrderResult.NotFound();
        }
        Order order = known.get();
        if (!order.canBeCancelled()) {
            return verdict(order);
        }
        Optional<String> failure = Publishing.await(
                publisher.publish(new OrderCancelRequested(id, clock.instant()), requestId));
        if (failure.isPresent()) {
            return new CancelOrderResult.NotConfirmed(failure.get());
        }
        try {
            return orders.awaitStatus(id, OrderStatus.CANCELLED, verdictTimeout)
                    .filter(answered -> answered.status() != OrderStatus.PENDING)
                    .map(CancelOrderService::verdict)
                    .orElseGet(() -> new CancelOrderResult.Requested(order));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CancelOrderResult.Requested(order);
        }
    }

    private static CancelOrderResult verdict(Order order) {
        return order.status() == OrderStatus.CANCELLED
                ? new CancelOrderResult.Cancelled(order)
                : new CancelOrderResult.TooLate(order);
    }
}
