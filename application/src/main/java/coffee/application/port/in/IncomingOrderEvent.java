package coffee.application.port.in;

import coffee.domain.OrderEvent;
import coffee.domain.RequestId;
import java.util.Objects;

/** An order event as a barista receives it, with the id of the request that caused it. */
public record IncomingOrderEvent(OrderEvent event, RequestId requestId) {

    public IncomingOrderEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(requestId, "requestId");
    }
}
