package coffee.adapter.cli;

import coffee.domain.OrderId;
import coffee.domain.OrderStatus;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Follows one order over the producer's event stream, {@code GET /order/{id}/events}: hands
 * each status the order reaches to a listener as the producer sends it, until a final status.
 * A stream that ends early (the producer restarting) is opened again after the last event seen
 * ({@code Last-Event-ID}), so no change is missed or told twice.
 */
final class OrderEventStream {

    /** How often an order the producer does not know yet is asked for again, 100 ms apart. */
    private static final int NOT_FOUND_RETRIES = 20;
    /** Attempts to reopen a stream that ended before a final status, half a second apart. */
    private static final int REOPEN_ATTEMPTS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Told each status the order reaches, with the time it did. */
    @FunctionalInterface
    interface Listener {
        void reached(OrderStatus status, Instant at);
    }

    /** How following ended. */
    enum End {
        /** The order reached a final status. */
        FINAL,
        /** The deadline passed first. */
        DEADLINE,
        /** {@link #stop()} was called. */
        STOPPED,
        /**
         * No stream to follow: the producer cannot be reached, does not know the order, or went
         * away and did not come back. The caller follows the order another way.
         */
        NO_STREAM
    }

    private final ProducerApiClient producer;
    private volatile boolean stopped;
    private volatile AutoCloseable open;

    OrderEventStream(ProducerApiClient producer) {
        this.producer = producer;
    }

    /**
     * Follows the order from status {@code seen} until it is final, the deadline ({@link
     * System#nanoTime()}) passes, or {@link #stop()}; statuses beyond {@code seen} go to the
     * listener, each once and in order.
     */
    End follow(OrderId id, OrderStatus seen, long deadlineNanos, Listener listener) throws InterruptedException {
        String path = "/order/" + id + "/events";
        Progress progress = new Progress(seen);
        Thread timer = Thread.ofVirtual().start(() -> closeAt(deadlineNanos));
        try {
            int notFound = 0;
            int reopenings = 0;
            boolean everOpened = false;
            while (true) {
                if (stopped) {
                    return End.STOPPED;
                }
                if (System.nanoTime() - deadlineNanos >= 0) {
                    return End.DEADLINE;
                }
                boolean[] opened = {false};
                try {
                    producer.follow(path, Map.of(), progress.lastEventId(), event -> progress.take(event, listener),
                            stream -> {
                                opened[0] = true;
                                open = stream;
                                if (stopped || System.nanoTime() - deadlineNanos >= 0) {
                                    closeQuietly(stream);
                                }
                            });
                } catch (CommandFailedException e) {
                    // an order placed through Kafka a moment ago may not be in the producer's view yet
                    if (!everOpened && e.exitCode() == ExitCodes.NOT_FOUND && notFound++ < NOT_FOUND_RETRIES) {
                        TimeUnit.MILLISECONDS.sleep(100);
                        continue;
                    }
                    if (!everOpened || ++reopenings > REOPEN_ATTEMPTS) {
                        return End.NO_STREAM;
                    }
                    TimeUnit.MILLISECONDS.sleep(500);
                    continue;
                }
                everOpened |= opened[0];
                if (progress.seen().isFinal()) {
                    return End.FINAL;
                }
                if (!stopped && System.nanoTime() - deadlineNanos < 0) {
                    // the stream ended early: the producer went away; open it again where it was
                    if (++reopenings > REOPEN_ATTEMPTS) {
                        return End.NO_STREAM;
                    }
                    TimeUnit.MILLISECONDS.sleep(500);
                }
            }
        } finally {
            timer.interrupt();
        }
    }

    /** Ends the following: the stream closes, and {@link #follow} returns {@link End#STOPPED}. */
    void stop() {
        stopped = true;
        AutoCloseable current = open;
        if (current != null) {
            closeQuietly(current);
        }
    }

    private void closeAt(long deadlineNanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(deadlineNanos - System.nanoTime());
        } catch (InterruptedException done) {
            return;
        }
        AutoCloseable current = open;
        if (current != null) {
            closeQuietly(current);
        }
    }

    private static void closeQuietly(AutoCloseable stream) {
        try {
            stream.close();
        } catch (Exception ignored) {
            // closing is all that was asked
        }
    }

    /** The status reached so far, and the id of the event that told it. */
    private static final class Progress {

        private volatile OrderStatus seen;
        private volatile String lastEventId;

        Progress(OrderStatus seen) {
            this.seen = seen;
        }

        OrderStatus seen() {
            return seen;
        }

        Optional<String> lastEventId() {
            return Optional.ofNullable(lastEventId);
        }

        void take(ProducerApiClient.StreamEvent event, Listener listener) {
            JsonNode order;
            try {
                order = JSON.readTree(event.data());
            } catch (IOException e) {
                throw new CommandFailedException(ExitCodes.FAILED, "the producer sent an event that is no order: "
                        + event.data(), e);
            }
            Optional<OrderStatus> status = OrderStatus.fromWireName(order.path("status").asText());
            Instant at;
            try {
                at = Instant.parse(order.path("updated_at").asText());
            } catch (DateTimeParseException e) {
                throw new CommandFailedException(ExitCodes.FAILED, "the producer sent an order without a valid "
                        + "updated_at: " + event.data(), e);
            }
            if (status.isEmpty()) {
                throw new CommandFailedException(ExitCodes.FAILED, "the producer sent an order with an unknown "
                        + "status: " + event.data());
            }
            lastEventId = event.id().isEmpty() ? lastEventId : event.id();
            // the stream starts with the order as it is: a status already told is not told again
            if (step(status.get()) > step(seen)) {
                seen = status.get();
                listener.reached(status.get(), at);
            }
        }

        private static int step(OrderStatus status) {
            return switch (status) {
                case PENDING -> 1;
                case PROCESSING -> 2;
                case COMPLETED, CANCELLED -> 3;
            };
        }
    }
}
