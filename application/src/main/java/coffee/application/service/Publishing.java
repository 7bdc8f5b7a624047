package coffee.application.service;

import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting for a publication: the services answer callers only once Kafka has spoken. */
final class Publishing {

    private Publishing() {
    }

    /**
     * Blocks until the publication completes (the publisher bounds how long) and returns why
     * it failed, if it did. Callers run on virtual threads, so blocking here is cheap.
     */
    static Optional<String> await(CompletionStage<Void> publication) {
        try {
            publication.toCompletableFuture().join();
            return Optional.empty();
        } catch (CompletionException | CancellationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return Optional.of(cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName());
        }
    }

    /**
     * Like {@link #await(CompletionStage)}, but gives up after {@code withinMs}: the publication
     * may still succeed later, which only a retry with the same idempotency key may rely on.
     *
     * @param what the budget, in words, for the failure's text ("of the 5000 ms …")
     */
    static Optional<String> await(CompletionStage<Void> publication, long withinMs, String what) {
        try {
            publication.toCompletableFuture().get(withinMs, TimeUnit.MILLISECONDS);
            return Optional.empty();
        } catch (TimeoutException e) {
            return Optional.of("Kafka did not acknowledge within the " + withinMs + " ms left " + what);
        } catch (ExecutionException | CancellationException e) {
            return await(publication);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while waiting for Kafka");
        }
    }
}
