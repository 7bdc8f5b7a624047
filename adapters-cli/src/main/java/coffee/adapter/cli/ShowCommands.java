package coffee.adapter.cli;

import coffee.domain.OrderQuery;
import coffee.domain.OrderStatus;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Commands that show orders, read from the producer's HTTP API. */
final class ShowCommands {

    private static final String ROW = "%-36s  %-10s  %-10s  %-24s  %s%n";

    private ShowCommands() {
    }

    /** Options both commands share. */
    abstract static class Show implements Callable<Integer> {

        private final Launcher launcher;

        @Spec
        CommandSpec spec;

        @Option(names = "--url", paramLabel = "URL",
                description = "The producer's API. Default: where the settings say the producer listens "
                        + "(SERVER_PORT or server.port in --config, SERVER_HOST), else http://localhost:3000.")
        String url;

        @Option(names = "--json", description = "Print the API's JSON answer instead of a table.")
        boolean json;

        @Mixin
        SettingOptions settings;

        Show(Launcher launcher) {
            this.launcher = launcher;
        }

        /** Call after checking the other options: finding the default URL reads the settings. */
        ProducerApiClient api() {
            return ProducerApiClient.at(url != null ? url : launcher.producerUrl(new LinkedHashMap<>(settings.asMap())));
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        /** The status as the API spells it; checked here, so a typo is not sent (nor blamed on the producer). */
        static String checkedStatus(String status) {
            if (status == null || status.isBlank()) {
                return null;
            }
            return OrderStatus.fromWireName(status.strip().toLowerCase(Locale.ROOT))
                    .map(OrderStatus::wireName)
                    .orElseThrow(() -> new CommandFailedException(ExitCodes.USAGE, "--status " + status
                            + ": not a status; choose one of " + Arrays.stream(OrderStatus.values())
                                    .map(OrderStatus::wireName).collect(Collectors.joining(", "))));
        }

        void printOrders(Iterable<JsonNode> orders) {
            PrintWriter out = out();
            out.printf(ROW, "ID", "STATUS", "DRINK", "CUSTOMER", "UPDATED");
            for (JsonNode order : orders) {
                out.printf(ROW, order.path("id").asText(), order.path("status").asText(),
                        order.path("coffee_type").asText(), order.path("customer_name").asText(),
                        order.path("updated_at").asText());
            }
            out.flush();
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Shows one order and its status.")
    static final class Status extends Show {

        @Parameters(paramLabel = "ORDER_ID", description = "The id `coffee order` or POST /order gave.")
        String id;

        Status(Launcher launcher) {
            super(launcher);
        }

        @Override
        public Integer call() throws Exception {
            JsonNode order = api().get("/order/" + encodePath(id), Map.of());
            if (json) {
                out().println(ProducerApiClient.pretty(order));
                out().flush();
            } else {
                printOrders(java.util.List.of(order));
            }
            return ExitCodes.OK;
        }

        private static String encodePath(String segment) {
            return java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        }
    }

    @Command(name = "orders", mixinStandardHelpOptions = true,
            description = "Lists orders, newest first; filters combine.")
    static final class Orders extends Show {

        @Option(names = "--status", paramLabel = "STATUS", description = "pending, processing, completed or cancelled.")
        String status;

        @Option(names = "--customer", paramLabel = "NAME", description = "Only this customer's orders (any case).")
        String customer;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
                description = "At most N, 1 to " + OrderQuery.MAX_LIMIT + " (default: ${DEFAULT-VALUE}).")
        int limit;

        Orders(Launcher launcher) {
            super(launcher);
        }

        @Override
        public Integer call() throws Exception {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("status", checkedStatus(status));
            query.put("customer", customer);
            query.put("limit", Integer.toString(checkedLimit()));
            JsonNode orders = api().get("/orders", query);
            if (json) {
                out().println(ProducerApiClient.pretty(orders));
                out().flush();
            } else {
                printOrders(orders);
            }
            return ExitCodes.OK;
        }

        private int checkedLimit() {
            if (limit < 1 || limit > OrderQuery.MAX_LIMIT) {
                throw new CommandFailedException(ExitCodes.USAGE, "--limit must be between 1 and "
                        + OrderQuery.MAX_LIMIT + ", not " + limit);
            }
            return limit;
        }
    }

    @Command(name = "watch", mixinStandardHelpOptions = true,
            description = {"Follows orders live: prints each status change as it happens, from the producer's "
                    + "event stream (GET /orders/events), until Ctrl+C.",
                "If the stream ends (the producer restarts), it resumes after the last change it printed: "
                        + "none missed, none twice."})
    static final class Watch extends Show {

        private static final String LINE = "%-12s  %-10s  %s  %s for %s%n";
        private static final ObjectMapper JSON = new ObjectMapper();
        /** Attempts to reopen a stream that ended, a second apart, before giving up. */
        private static final int REOPEN_ATTEMPTS = 30;

        @Option(names = "--status", paramLabel = "STATUS",
                description = "Only changes to this status: pending, processing, completed or cancelled.")
        String status;

        @Option(names = "--customer", paramLabel = "NAME", description = "Only this customer's orders (any case).")
        String customer;

        private volatile boolean stopped;
        private volatile AutoCloseable stream;
        private volatile boolean everOpened;
        private volatile int attemptsLeft = REOPEN_ATTEMPTS;
        private final CountDownLatch finished = new CountDownLatch(1);

        Watch(Launcher launcher) {
            super(launcher);
        }

        @Override
        public Integer call() throws Exception {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("status", checkedStatus(status));
            query.put("customer", customer);
            ProducerApiClient api = api();
            // Ctrl+C: end the stream, let the last line out, and only then let the JVM go
            Thread hook = new Thread(this::stopAndAwait, "watch-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                Optional<String> last = Optional.empty();
                while (!stopped) {
                    AtomicReference<String> seen = new AtomicReference<>(last.orElse(null));
                    try {
                        api.follow("/orders/events", query, last, event -> {
                            print(event);
                            seen.set(event.id());
                        }, this::opened);
                    } catch (CommandFailedException e) {
                        // the first stream must open; one that ended is tried again a while (a restart)
                        if (!everOpened || e.exitCode() != ExitCodes.UNAVAILABLE || --attemptsLeft <= 0) {
                            throw e;
                        }
                    }
                    last = Optional.ofNullable(seen.get());
                    if (!stopped) {
                        spec.commandLine().getErr().println("the event stream ended; resuming"
                                + last.map(id -> " after " + id).orElse(""));
                        spec.commandLine().getErr().flush();
                        Thread.sleep(1000);
                    }
                }
                return ExitCodes.OK;
            } finally {
                out().flush();
                finished.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // Ctrl+C: the hook is running
                }
            }
        }

        private void print(ProducerApiClient.StreamEvent event) {
            PrintWriter out = out();
            if (json) {
                out.println(event.data());
            } else {
                JsonNode order;
                try {
                    order = JSON.readTree(event.data());
                } catch (java.io.IOException e) {
                    throw new CommandFailedException(ExitCodes.FAILED, "the producer sent an event that is no "
                            + "order: " + event.data(), e);
                }
                String updated = order.path("updated_at").asText();
                int time = updated.indexOf('T');
                out.printf(LINE, time < 0 ? updated : updated.substring(time + 1, Math.min(updated.length(), time + 13)),
                        order.path("status").asText(), order.path("id").asText(), order.path("coffee_type").asText(),
                        order.path("customer_name").asText());
            }
            out.flush();
        }

        private void opened(AutoCloseable current) {
            stream = current;
            everOpened = true;
            attemptsLeft = REOPEN_ATTEMPTS;
            if (stopped) {
                closeQuietly(current);
            }
        }

        /** Ends the watch: the stream closes, {@link #call()} returns 0. */
        void stop() {
            stopped = true;
            AutoCloseable current = stream;
            if (current != null) {
                closeQuietly(current);
            }
        }

        private void stopAndAwait() {
            stop();
            try {
                finished.await(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static void closeQuietly(AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // closing is all that was asked
            }
        }
    }
}
