package coffee.domain;

import java.time.Instant;
import java.util.Objects;

/** A customer asked to cancel; a barista decides whether it is still possible. */
public record OrderCancelRequested(OrderId orderId, Instant requestedAt) implements OrderEvent {

    public OrderCancelRequested {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }
}
