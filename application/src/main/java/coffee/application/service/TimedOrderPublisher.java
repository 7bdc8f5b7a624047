package coffee.application.service;

import coffee.application.port.out.OrderMetrics;
import coffee.application.port.out.OrderPublisher;
import coffee.domain.OrderCancelRequested;
import coffee.domain.OrderEvent;
import coffee.domain.OrderPlaced;
import coffee.domain.OrderStatusChanged;
import coffee.domain.RequestId;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/** Times every publication, acknowledged or not: Kafka's latency is the API's latency. */
public final class TimedOrderPublisher implements OrderPublisher {

    private final OrderPublisher publisher;
    private final OrderMetrics metrics;

    public TimedOrderPublisher(OrderPublisher publisher, OrderMetrics metrics) {
        this.publisher = publisher;
        this.metrics = metrics;
    }

    @Override
    public CompletionStage<Void> publish(OrderEvent event, RequestId requestId) {
        long started = System.nanoTime();
        String type = switch (event) {
            case OrderPlaced placed -> "order_placed";
            case OrderCancelRequested cancel -> "order_cancel_requested";
            case OrderStatusChanged changed -> "order_status_changed";
        };
        return publisher.publish(event, requestId).whenComplete((ignored, failure) ->
                metrics.publication(type, Duration.ofNanos(System.nanoTime() - started), failure == null));
    }
}
