package coffee.adapter.cli;

import coffee.adapter.cli.Launcher.Ordering;
import coffee.application.port.in.PlaceOrderCommand;
import coffee.application.port.in.PlaceOrderResult;
import coffee.domain.InvalidOrderException;
import coffee.domain.Order;
import coffee.domain.OrderStatus;
import coffee.domain.RequestId;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Places an order straight through the application core and Kafka, no HTTP involved. */
@Command(name = "order", mixinStandardHelpOptions = true,
        description = {"Places an order directly through Kafka (no HTTP) and prints its id and status.",
            "With --wait, follows it to completed or cancelled, printing each status change with its time as it "
                    + "happens: from the producer's event stream (GET /order/{id}/events), or straight from Kafka "
                    + "where no producer answers. Ctrl+C stops waiting."})
final class OrderCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final Launcher launcher;

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaSettingOptions settings;

    @Option(names = "--drink", required = true, paramLabel = "DRINK",
            description = "What to order, e.g. latte, \"flat white\", cold-brew (see GET /menu).")
    String drink;

    @Option(names = "--customer", paramLabel = "NAME", defaultValue = "Guest",
            description = "Who it is for (default: ${DEFAULT-VALUE}).")
    String customer;

    @Option(names = "--idempotency-key", paramLabel = "KEY",
            description = "Makes retrying safe: the same key always means the same order. A retry prints that "
                    + "order as it is now and places nothing; another drink or customer with the key is refused (exit 7).")
    String idempotencyKey;

    @Option(names = "--wait", description = "Follow the order until it is completed or cancelled.")
    boolean waitForIt;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "How long --wait waits (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--url", paramLabel = "URL",
            description = "The producer's API, whose event stream --wait follows. Default: where the settings say "
                    + "the producer listens (SERVER_PORT or server.port in --config, SERVER_HOST), else "
                    + "http://localhost:3000.")
    String url;

    private volatile boolean stopped;
    /** The stream --wait follows, while it does; otherwise it waits on Kafka, and is interrupted to stop. */
    private volatile OrderEventStream stream;
    private volatile Thread waiting;

    OrderCommand(Launcher launcher) {
        this.launcher = launcher;
    }

    @Override
    public Integer call() throws Exception {
        PlaceOrderCommand command;
        try {
            command = PlaceOrderCommand.of(customer, drink, idempotencyKey, RequestId.generate());
        } catch (InvalidOrderException e) {
            throw OrderOptionErrors.usage(e, drink);
        }
        PrintWriter out = spec.commandLine().getOut();
        // a wrong --url is the user's mistake: said before anything is placed
        Optional<ProducerApiClient> producer = waitForIt ? producer() : Optional.empty();
        try (Ordering ordering = launcher.openOrdering(new LinkedHashMap<>(settings.asMap()))) {
            PlaceOrderResult result = ordering.placeOrder().place(command);
            Order order = switch (result) {
                case PlaceOrderResult.Accepted accepted -> accepted.order();
                case PlaceOrderResult.AlreadyPlaced replay -> replay.order();
                case PlaceOrderResult.KeyReused reused -> throw new CommandFailedException(ExitCodes.CONFLICT,
                        "idempotency key " + idempotencyKey + " was already used for another order: "
                                + reused.existing().id() + ", " + describe(reused.existing()));
                case PlaceOrderResult.NotConfirmed failed -> throw new CommandFailedException(ExitCodes.UNAVAILABLE,
                        "Kafka did not confirm the order: " + failed.reason());
            };
            // a retry answers the first order as it is now, like the API's 200 "Order already placed"
            out.printf("Order %s %s: %s%n", order.id(),
                    result instanceof PlaceOrderResult.AlreadyPlaced ? "already placed" : "placed", describe(order));
            out.flush();
            if (waitForIt) {
                awaitFinalStatus(ordering, producer, order, out);
            }
        }
        return ExitCodes.OK;
    }

    /** The producer whose event stream --wait follows; none where the settings name no port to call. */
    private Optional<ProducerApiClient> producer() {
        if (url != null) {
            return Optional.of(ProducerApiClient.at(url));
        }
        try {
            return Optional.of(ProducerApiClient.at(launcher.producerUrl(new LinkedHashMap<>(settings.asMap()))));
        } catch (CommandFailedException noPortToCall) {
            return Optional.empty();
        }
    }

    /** Follows the order to its end; Ctrl+C ends the waiting, lets the last line out and returns. */
    private void awaitFinalStatus(Ordering ordering, Optional<ProducerApiClient> producer, Order placed,
            PrintWriter out) throws InterruptedException {
        waiting = Thread.currentThread();
        Thread hook = new Thread(this::stopAndAwait, "order-wait-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            follow(ordering, producer, placed, out);
        } catch (InterruptedException e) {
            if (!stopped) {
                throw e;
            }
        } finally {
            out.flush();
            if (stopped) {
                Thread.interrupted(); // the interrupt was for the waiting only, not for closing Kafka
            }
            waiting = null;
            synchronized (this) {
                notifyAll();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl+C: the hook is running
            }
        }
    }

    private void follow(Ordering ordering, Optional<ProducerApiClient> producer, Order placed, PrintWriter out)
            throws InterruptedException {
        print(out, placed);
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        OrderStatus[] reached = {placed.status()};
        if (!placed.status().isFinal() && producer.isPresent()) {
            OrderEventStream following = new OrderEventStream(producer.get());
            stream = following;
            if (stopped) {
                return;
            }
            OrderEventStream.End end;
            try {
                end = following.follow(placed.id(), placed.status(), deadline, (status, at) -> {
                    reached[0] = status;
                    print(out, status, at);
                });
            } finally {
                stream = null;
            }
            if (end == OrderEventStream.End.STOPPED) {
                return;
            }
            // NO_STREAM: no producer to follow; the status topic, followed since before the order was
            // placed, still has every change
        }
        OrderStatus seen = reached[0];
        while (!seen.isFinal() && !stopped) {
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            Optional<Order> changed = left.isNegative()
                    ? Optional.empty()
                    : ordering.watchOrder().awaitChange(placed.id(), seen, left);
            if (changed.isEmpty()) {
                throw new CommandFailedException(ExitCodes.TIMED_OUT, "order " + placed.id() + " is still "
                        + seen.wireName() + " after " + timeoutSeconds + " s; is a consumer running?");
            }
            seen = changed.get().status();
            print(out, changed.get());
        }
    }

    private static String describe(Order order) {
        return order.drink().displayName() + " for " + order.customer() + " (" + order.status().wireName() + ")";
    }

    private static void print(PrintWriter out, Order order) {
        print(out, order.status(), order.updatedAt());
    }

    private static void print(PrintWriter out, OrderStatus status, Instant at) {
        out.printf("%s  %s%n", TIME.format(at.atZone(ZoneId.systemDefault())), status.wireName());
        out.flush();
    }

    /** Stops waiting: what was printed stays, {@link #call()} returns 0. */
    void stop() {
        stopped = true;
        OrderEventStream current = stream;
        Thread thread = waiting;
        if (current != null) {
            current.stop();
        } else if (thread != null) {
            thread.interrupt(); // waiting on Kafka (or about to): no stream to close
        }
    }

    private void stopAndAwait() {
        stop();
        synchronized (this) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (waiting != null && System.nanoTime() < deadline) {
                try {
                    wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

}
