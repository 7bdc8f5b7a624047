package coffee.application.port.in;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The consumer side: baristas take order events, brew, cancel, and report each status.
 *
 * <p>Events come in batches, as a consumer polls them. Handling an event may take a while
 * (brewing), so each one gets a {@link Handling} that completes when the event is fully
 * handled: every status it causes is published. Only then may its position be committed.
 * An order waits in a queue until a barista is free; a cancel request that arrives meanwhile
 * (in the same batch or a later one) is honoured and the order is never brewed.
 */
public interface OrderProcessor {

    /** Takes a batch in order; returns one handling per event, in the same order. */
    List<Handling> handle(List<IncomingOrderEvent> batch);

    /** The progress of one event through the baristas. */
    interface Handling {

        /** Completes when the event is fully handled; exceptionally if it could not be. */
        CompletionStage<Outcome> completion();

        /**
         * Takes the event back if no barista has started on it, for example because its
         * partition moved to another consumer, which will handle it instead.
         *
         * @return true if withdrawn; false if it is under way (await {@link #completion()})
         *     or already done
         */
        boolean withdraw();
    }

    /** What became of an event. */
    enum Outcome {
        /** Brewed: the order is completed. */
        BREWED,
        /** Cancelled before brewing started (the placed order was skipped). */
        CANCELLED,
        /** A cancel request came after brewing had started; the order goes on. */
        CANCEL_REJECTED,
        /** Already handled before (a redelivery or a retried placement): nothing to do. */
        DUPLICATE,
        /** Taken back before a barista started on it. */
        WITHDRAWN,
        /** Not an event for baristas, or about an order nobody placed. */
        IGNORED
    }
}
