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
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Places an order straight through the application core and Kafka, no HTTP involved. */
@Command(name = "order", mixinStandardHelpOptions = true,
        description = {"Places an order directly through Kafka (no HTTP) and prints its id and status.",
            "With --wait, follows it to completed or cancelled, printing each status change with its time."})
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
                follow(ordering, order, out);
            }
        }
        return ExitCodes.OK;
    }

    private void follow(Ordering ordering, Order placed, PrintWriter out) throws InterruptedException {
        print(out, placed);
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        OrderStatus seen = placed.status();
        while (!seen.isFinal()) {
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
        out.printf("%s  %s%n", TIME.format(order.updatedAt().atZone(ZoneId.systemDefault())), order.status().wireName());
        out.flush();
    }

}
