package coffee.application.port.out;

import coffee.domain.OrderEvent;
import coffee.domain.RequestId;
import java.util.concurrent.CompletionStage;

/** Sends order events out (to Kafka): placed and cancel requests, and status changes. */
public interface OrderPublisher {

    /**
     * Publishes one event. The stage completes once the event is durably stored, or
     * exceptionally with {@link PublishFailedException}; either way within the publisher's
     * bounded timeout, never hanging.
     */
    CompletionStage<Void> publish(OrderEvent event, RequestId requestId);
}
