package coffee.application.service;

import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

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
}
