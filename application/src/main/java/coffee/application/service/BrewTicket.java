package coffee.application.service;

import coffee.application.port.in.OrderProcessor.Handling;
import coffee.application.port.in.OrderProcessor.Outcome;
import coffee.application.service.BrewingPolicy.Stage;
import coffee.domain.Order;
import coffee.domain.RequestId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One placed order on its way through the baristas' queue: its stage (queued, brewing,
 * cancelled, withdrawn), changed only by compare-and-set so a cancel and a barista never both
 * win, and the handling that completes when it is done.
 */
final class BrewTicket implements Handling {

    final Order order;
    final RequestId requestId;
    final boolean cancellable;
    final AtomicReference<Stage> stage = new AtomicReference<>(Stage.QUEUED);
    private final CompletableFuture<Outcome> completion = new CompletableFuture<>();
    /** Told once the ticket is done, so whoever holds it lets go of it. */
    private final Consumer<BrewTicket> done;

    BrewTicket(Order order, RequestId requestId, boolean cancellable, Consumer<BrewTicket> done) {
        this.order = order;
        this.requestId = requestId;
        this.cancellable = cancellable;
        this.done = done;
    }

    BrewingPolicy.ActiveTicket state() {
        return new BrewingPolicy.ActiveTicket(stage.get(), cancellable);
    }

    @Override
    public CompletionStage<Outcome> completion() {
        return completion;
    }

    @Override
    public boolean withdraw() {
        if (stage.compareAndSet(Stage.QUEUED, Stage.WITHDRAWN)) {
            finish(Outcome.WITHDRAWN, null);
            return true;
        }
        return false;
    }

    void finish(Outcome outcome, Throwable failure) {
        done.accept(this);
        if (failure == null) {
            completion.complete(outcome);
        } else {
            completion.completeExceptionally(failure);
        }
    }
}
