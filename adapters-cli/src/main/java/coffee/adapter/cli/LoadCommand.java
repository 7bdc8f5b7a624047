package coffee.adapter.cli;

import coffee.adapter.cli.load.EndToEndTracker;
import coffee.adapter.cli.load.EventLoopLoadDriver;
import coffee.adapter.cli.load.LoadDriver;
import coffee.adapter.cli.load.LoadGenerator;
import coffee.adapter.cli.load.LoadReport;
import coffee.adapter.cli.load.LoadSchedule;
import coffee.adapter.cli.load.LoadStats;
import coffee.adapter.cli.load.LoadTarget;
import coffee.adapter.cli.load.ProgressLine;
import coffee.domain.CustomerName;
import coffee.domain.Drink;
import coffee.domain.InvalidOrderException;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code coffee load}: a load generator for the producer's {@code POST /order}, with a report
 * of throughput, HTTP latency, errors and, optionally, end-to-end latency to {@code completed}.
 * This class reads and checks the options and runs the phases; {@link LoadGenerator} sends,
 * {@link LoadReport} reports.
 */
@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Sends orders (POST /order) to a running producer as fast as it answers (closed loop) or at a fixed "
                    + "rate (--rate, open loop), then reports orders/s, HTTP latency percentiles (p50 to max) and "
                    + "errors by status. With --e2e it also follows the status topic in Kafka and reports the "
                    + "latency from each 201 to the order's completed.",
            "A progress line goes to stderr once a second; the report to stdout (--json for a script).",
            "With --e2e, Kafka and the status topic are found like for the other commands: --brokers, --config, "
                    + "--set kafka.status_topic=NAME, or the environment (KAFKA_BROKERS, KAFKA_STATUS_TOPIC).",
            "The exit code is 0 when the run completed, even if the server answered errors: they are in the "
                    + "report. Details: docs/load-testing.md."})
final class LoadCommand implements Callable<Integer> {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");
    private static final Duration DEFAULT_DURATION = Duration.ofSeconds(30);
    /** Above this the machine runs out of file descriptors before the server is measured. */
    private static final int MAX_CONNECTIONS = 10_000;

    private final Launcher launcher;

    @Spec
    CommandSpec spec;

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

    @Mixin
    KafkaSettingOptions settings;

    LoadCommand(Launcher launcher) {
        this.launcher = launcher;
    }

    @Override
    public Integer call() throws Exception {
        Duration runFor = checkedRunLength();
        Duration warmupFor = parseDuration("--warmup", warmup);
        Duration waitForCompletions = parseDuration("--e2e-wait", endToEndWait);
        checkNumbers();
        String customerName = checkedCustomer();
        String drinkName = checkedDrink();
        String key = checkedApiKey();
        Path jsonFile = checkedJsonFile();
        String driverKind = checkedThreads();
        // the options first: without --url, finding the producer reads the settings
        LoadTarget target = checkedTarget(url != null ? url
                : launcher.producerUrl(new LinkedHashMap<>(settings.asMap())));
        byte[] request = target.orderRequest(customerName, drinkName, key);

        PrintWriter err = spec.commandLine().getErr();
        LoadReport report;
        try (LoadDriver generator = driver(driverKind, address(target), request)) {
            connect(generator, target);
            EndToEndTracker tracker = endToEnd ? new EndToEndTracker() : null;
            // follow the status topic before the first order, so no completion can be missed
            AutoCloseable following = tracker == null ? null
                    : launcher.followStatuses(new LinkedHashMap<>(settings.asMap()), tracker);
            try {
                if (!warmupFor.isZero()) {
                    runPhase(generator, "warmup", schedule(warmupFor, null), new LoadStats(), null, err);
                }
                LoadStats stats = new LoadStats();
                long elapsed = runPhase(generator, "load", schedule(runFor, orders), stats, tracker, err);
                if (tracker != null) {
                    awaitCompletions(tracker, waitForCompletions, err);
                }
                report = new LoadReport(target.url(), connections, rate, elapsed, stats.sentCount(),
                        stats.succeededCount(), stats.latencies(), stats.errors(),
                        tracker == null ? null : tracker.latencies(), tracker == null ? 0 : tracker.completedCount());
            } finally {
                if (following != null) {
                    following.close();
                }
            }
        }
        print(report, jsonFile);
        return ExitCodes.OK;
    }

    private LoadTarget checkedTarget(String producerUrl) {
        try {
            return LoadTarget.parse(producerUrl);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    /** The duration of the measured phase, or null when it is a number of orders. */
    private Duration checkedRunLength() {
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

    private void checkNumbers() {
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

    private String checkedCustomer() {
        try {
            return CustomerName.of(customer).value();
        } catch (InvalidOrderException e) {
            throw OrderOptionErrors.usage(e, null);
        }
    }

    /** The drink in its menu spelling: a name the producer would refuse would only measure 400s. */
    private String checkedDrink() {
        try {
            return Drink.of(drink).displayName();
        } catch (InvalidOrderException e) {
            throw OrderOptionErrors.usage(e, drink);
        }
    }

    /** Printable ASCII without spaces: anything else could break the request's headers. */
    private String checkedApiKey() {
        if (apiKey == null) {
            return null;
        }
        if (apiKey.isEmpty() || !apiKey.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw usage("--api-key must be printable ASCII characters without spaces");
        }
        return apiKey;
    }

    private String checkedThreads() {
        String kind = threads.strip().toLowerCase(Locale.ROOT);
        if (!List.of("loop", "platform", "virtual").contains(kind)) {
            throw usage("--threads must be loop, platform or virtual, not " + threads);
        }
        return kind;
    }

    private LoadDriver driver(String kind, InetSocketAddress address, byte[] request) {
        return switch (kind) {
            case "platform" -> new LoadGenerator(address, request, connections, LoadGenerator.Threads.PLATFORM);
            case "virtual" -> new LoadGenerator(address, request, connections, LoadGenerator.Threads.VIRTUAL);
            default -> new EventLoopLoadDriver(address, request, connections, EventLoopLoadDriver.defaultLoops());
        };
    }

    /** Checked before the run, so a typo in a path does not throw away a long run's report. */
    private Path checkedJsonFile() {
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

    private static InetSocketAddress address(LoadTarget target) {
        InetSocketAddress address = new InetSocketAddress(target.host(), target.port());
        if (address.isUnresolved()) {
            throw new CommandFailedException(ExitCodes.UNAVAILABLE, "cannot resolve the host of " + target.url());
        }
        return address;
    }

    private void connect(LoadDriver generator, LoadTarget target) {
        try {
            generator.connectAll();
        } catch (IOException e) {
            throw new CommandFailedException(ExitCodes.UNAVAILABLE, "cannot reach the producer at " + target.url()
                    + " (" + e.getMessage() + "); is `coffee serve` running? Use --url to point elsewhere", e);
        }
    }

    /** A schedule starting now: for {@code length}, or for {@code count} orders when length is null. */
    private LoadSchedule schedule(Duration length, Long count) {
        long start = System.nanoTime();
        if (rate == null) {
            return length == null ? LoadSchedule.closedLoopOf(start, count)
                    : LoadSchedule.closedLoopFor(start, length.toNanos());
        }
        return length == null ? LoadSchedule.openLoopOf(start, count, rate)
                : LoadSchedule.openLoopFor(start, length.toNanos(), rate);
    }

    private static long runPhase(LoadDriver generator, String name, LoadSchedule schedule, LoadStats stats,
            EndToEndTracker tracker, PrintWriter err) {
        ProgressLine progress = ProgressLine.start(err, name, stats, schedule.startNanos());
        try {
            return generator.run(schedule, stats, tracker);
        } finally {
            progress.stop();
        }
    }

    private static void awaitCompletions(EndToEndTracker tracker, Duration patience, PrintWriter err)
            throws InterruptedException {
        if (tracker.completedCount() < tracker.acceptedCount()) {
            err.printf(Locale.ROOT, "waiting up to %s for %,d of %,d orders to complete%n", describe(patience),
                    tracker.acceptedCount() - tracker.completedCount(), tracker.acceptedCount());
            err.flush();
        }
        if (!tracker.awaitAllCompleted(patience)) {
            err.printf(Locale.ROOT, "%,d of %,d accepted orders were not seen completed within %s%n",
                    tracker.acceptedCount() - tracker.completedCount(), tracker.acceptedCount(), describe(patience));
            err.flush();
        }
    }

    private static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private void print(LoadReport report, Path jsonFile) {
        PrintWriter out = spec.commandLine().getOut();
        if (json == null) {
            out.print(report.text());
        } else if (jsonFile == null) {
            out.println(report.json());
            spec.commandLine().getErr().print(report.text());
            spec.commandLine().getErr().flush();
        } else {
            out.print(report.text()); // first: should the file fail, the run's results are still shown
            out.flush();
            try {
                Files.writeString(jsonFile, report.json() + System.lineSeparator(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CommandFailedException(ExitCodes.FAILED, "could not write the report to " + jsonFile
                        + ": " + e.getMessage(), e);
            }
        }
        out.flush();
    }

    private static CommandFailedException usage(String message) {
        return new CommandFailedException(ExitCodes.USAGE, message);
    }
}
