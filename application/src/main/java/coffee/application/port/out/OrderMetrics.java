package coffee.application.port.out;

import coffee.domain.Drink;
import java.time.Duration;

/**
 * What the system counts and times for the people who run it. Implementations must be cheap
 * and thread-safe: they are called on every order.
 */
public interface OrderMetrics {

    /** How placing an order ended. */
    enum Placement { ACCEPTED, REPLAYED, KEY_REUSED, NOT_CONFIRMED }

    /** How a cancel request ended. */
    enum Cancellation { CANCELLED, TOO_LATE, REQUESTED, NOT_FOUND, NOT_CONFIRMED }

    /** What a consumer did with an order event. */
    enum Handling { BREWED, CANCELLED, CANCEL_REJECTED, DUPLICATE, IGNORED }

    void placement(Drink drink, Placement outcome);

    void cancellation(Cancellation outcome);

    void handled(Handling outcome);

    /** An order was brewed; {@code brewTime} from start of brewing to the completed status stored. */
    void brewed(Drink drink, Duration brewTime);

    /** An event was published (or failed to be) after {@code latency}. */
    void publication(String eventType, Duration latency, boolean acknowledged);

    /** For wiring without metrics (tools, tests). */
    static OrderMetrics none() {
        return NoMetrics.INSTANCE;
    }

    /** Counts nothing. */
    enum NoMetrics implements OrderMetrics {
        INSTANCE;

        @Override
        public void placement(Drink drink, Placement outcome) {
        }

        @Override
        public void cancellation(Cancellation outcome) {
        }

        @Override
        public void handled(Handling outcome) {
        }

        @Override
        public void brewed(Drink drink, Duration brewTime) {
        }

        @Override
        public void publication(String eventType, Duration latency, boolean acknowledged) {
        }
    }
}
