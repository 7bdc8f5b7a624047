package coffee.application.service;

import coffee.application.port.in.OrderProcessor.Handling;
import coffee.application.port.in.OrderProcessor.Outcome;
import java.util.concurrent.CompletableFuture;

/** The handling of an event that needs no barista: done now, or when a publication is. */
record FinishedHandling(CompletableFuture<Outcome> completion) implements Handling {

    static FinishedHandling with(Outcome outcome) {
        return new FinishedHandling(CompletableFuture.completedFuture(outcome));
    }

    static FinishedHandling after(CompletableFuture<Outcome> publication) {
        return new FinishedHandling(publication);
    }

    @Override
    public boolean withdraw() {
        return false;
    }
}
