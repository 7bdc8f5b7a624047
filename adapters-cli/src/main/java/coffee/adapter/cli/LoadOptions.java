package coffee.adapter.cli;

import coffee.adapter.cli.load.LoadTarget;
import coffee.domain.CustomerName;
import coffee.domain.Drink;
import coffee.domain.InvalidOrderException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * The options of {@code coffee load}, and their checks: each value is checked before the run
 * starts (a usage error, exit code 2), so a mistake never throws away a long run's report.
 */
final class LoadOptions {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");
    private static final Duration DEFAULT_DURATION = Duration.ofSeconds(30);
    /** Above this the machine runs out of file descriptors before the server is measured. */
    private static final int MAX_CONNECTIONS = 10_000;

    @Option(names = "--url", paramLabel = "URL",
            description = "The producer. Plain http:// only. Default: where the settings say the producer listens "
                    + "(SERVER_PORT or server.port in --config, SERVER_HOST), else http://localhost:3000.")
    String url;

    @Option(names = "--connections", paramLabel = "N", defaultValue = "64",
            description = "Keep-alive connections, each with one request in flight (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--duration", paramLabel = "DURATION",
            description = "How long to send, e.g. 500ms, 30s, 2m (default: 30s unless --orders is given).")
    String duration;

    @Option(names = "--orders", paramLabel = "N", description = "Stop after N orders instead of after a duration.")
    Long orders;

    @Option(names = "--rate", paramLabel = "R",
            description = "Orders per second in total, on a fixed schedule (open loop): latency counts from when "
                    + "each order was due, so a stalled server shows as latency. Without it, each connection "
                    + "sends as soon as it has its answer (closed loop).")
    Double rate;

    @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "0s",
            description = "Send for this long first without recording (default: ${DEFAULT-VALUE}).")
    String warmup;

    @Option(names = "--api-key", paramLabel = "KEY",
            description = "Sent as 'Authorization: Bearer KEY', for a producer with API_KEY set.")
    String apiKey;

    @Option(names = "--drink", paramLabel = "DRINK", defaultValue = "Latte",
            description = "What every order is for (default: ${DEFAULT-VALUE}).")
    String drink;

    @Option(names = "--customer", paramLabel = "NAME", defaultValue = "Load Tester",
            description = "Who every order is for (default: ${DEFAULT-VALUE}).")
    String customer;

    @Option(names = "--e2e",
            description = "Also measure end-to-end latency, from each 201 to the order's completed on the status "
                    + "topic (needs Kafka and a running consumer).")
    boolean endToEnd;

    @Option(names = "--e2e-wait", paramLabel = "DURATION", defaultValue = "10s",
            description = "With --e2e, how long to wait after the last answer for the last orders to complete "
                    + "(default: ${DEFAULT-VALUE}).")
    String endToEndWait;

    @Option(names = "--threads", paramLabel = "KIND", defaultValue = "loop",
            description = "What drives the connections: loop (one thread per core, each running a selector over "
                    + "its share of them, as wrk does; the lightest on the machine it measures), platform (an OS "
                    + "thread each) or virtual (a virtual thread each). Default: ${DEFAULT-VALUE}.")
    String threads;

    @Option(names = "--json", paramLabel = "FILE", arity = "0..1", fallbackValue = "-",
            description = "Write the report as JSON to FILE, or to stdout without FILE (the text report then goes "
                    + "to stderr).")
    String json;

    LoadTarget checkedTarget(String producerUrl) {
        try {
            return LoadTarget.parse(producerUrl);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    /** The duration of the measured phase, or null when it is a number of orders. */
    Duration checkedRunLength() {
        if (orders != null && duration != null) {
            throw usage("give --duration or --orders, not both");
        }
        if (orders != null) {
            return null;
        }
        Duration length = duration == null ? DEFAULT_DURATION : parseDuration("--duration", duration);
        if (length.isZero()) {
            throw usage("--duration must be more than 0");
        }
        return length;
    }

    void checkNumbers() {
        if (connections < 1 || connections > MAX_CONNECTIONS) {
            throw usage("--connections must be between 1 and " + MAX_CONNECTIONS + ", not " + connections);
        }
        if (orders != null && orders < 1) {
            throw usage("--orders must be at least 1, not " + orders);
        }
        if (rate != null && !(rate > 0 && Double.isFinite(rate))) {
            throw usage("--rate must be a number of orders per second above 0, not " + rate);
        }
    }

    String checkedCustomer() {
        try {
            return CustomerName.of(customer).value();
        } catch (InvalidOrderException e) {
            throw OrderOptionErrors.usage(e, null);
        }
    }

    /** The drink in its menu spelling: a name the producer would refuse would only measure 400s. */
    String checkedDrink() {
        try {
            return Drink.of(drink).displayName();
        } catch (InvalidOrderException e) {
            throw OrderOptionErrors.usage(e, drink);
        }
    }

    /** Printable ASCII without spaces: anything else could break the request's headers. */
    String checkedApiKey() {
        if (apiKey == null) {
            return null;
        }
        if (apiKey.isEmpty() || !apiKey.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw usage("--api-key must be printable ASCII characters without spaces");
        }
        return apiKey;
    }

    String checkedThreads() {
        String kind = threads.strip().toLowerCase(Locale.ROOT);
        if (!List.of("loop", "platform", "virtual").contains(kind)) {
            throw usage("--threads must be loop, platform or virtual, not " + threads);
        }
        return kind;
    }

    /** Checked before the run, so a typo in a path does not throw away a long run's report. */
    Path checkedJsonFile() {
        if (json == null || json.equals("-")) {
            return null;
        }
        Path file = Path.of(json).toAbsolutePath();
        if (Files.isDirectory(file) || !Files.isDirectory(file.getParent())) {
            throw usage("--json " + json + ": not a file in an existing directory");
        }
        return file;
    }

    /**
     * Parses a number and a unit: {@code 500ms}, {@code 30s}, {@code 1.5m}, {@code 2h}.
     *
     * @throws CommandFailedException (usage) for anything else
     */
    static Duration parseDuration(String option, String text) {
        Matcher matcher = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw usage(option + " " + text + ": not a duration; use a number and a unit, e.g. 500ms, 30s, 2m");
        }
        BigDecimal amount = new BigDecimal(matcher.group(1));
        BigDecimal nanosPerUnit = BigDecimal.valueOf(switch (matcher.group(2)) {
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
        });
        BigDecimal nanos = amount.multiply(nanosPerUnit);
        if (nanos.compareTo(BigDecimal.valueOf(Duration.ofDays(365).toNanos())) > 0) {
            throw usage(option + " " + text + ": too long");
        }
        return Duration.ofNanos(nanos.longValue());
    }

    static CommandFailedException usage(String message) {
        return new CommandFailedException(ExitCodes.USAGE, message);
    }
}
