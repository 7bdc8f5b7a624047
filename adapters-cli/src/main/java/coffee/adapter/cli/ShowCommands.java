package coffee.adapter.cli;

import coffee.domain.OrderQuery;
import coffee.domain.OrderStatus;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Commands that show orders, read from the producer's HTTP API (and what they share with {@link WatchCommand}). */
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

        /** The API's query for these filters (a filter left out is null), the status checked first. */
        static Map<String, String> filterQuery(String status, String customer) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("status", checkedStatus(status));
            query.put("customer", customer);
            return query;
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
            Map<String, String> query = filterQuery(status, customer);
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
}
