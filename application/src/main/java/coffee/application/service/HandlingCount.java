package coffee.application.service;

import coffee.application.port.in.OrderProcessor.Outcome;
import coffee.application.port.out.OrderMetrics;
import java.util.Optional;

/**
 * Under which name the metrics count what became of an event. The two enums overlap but live
 * in ports that may not know each other (in and out), so the translation lives here, once.
 */
final class HandlingCount {

    private HandlingCount() {
    }

    /** Empty for an event that was withdrawn: the consumer it goes to counts it when it handles it. */
    static Optional<OrderMetrics.Handling> of(Outcome outcome) {
        return switch (outcome) {
            case BREWED -> Optional.of(OrderMetrics.Handling.BREWED);
            case CANCELLED -> Optional.of(OrderMetrics.Handling.CANCELLED);
            case CANCEL_REJECTED -> Optional.of(OrderMetrics.Handling.CANCEL_REJECTED);
            case DUPLICATE -> Optional.of(OrderMetrics.Handling.DUPLICATE);
            case IGNORED -> Optional.of(OrderMetrics.Handling.IGNORED);
            case WITHDRAWN -> Optional.empty();
        };
    }
}
