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
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code coffee load}: a load generator for the producer's {@code POST /order}, with a report
 * of throughput, HTTP latency, errors and, optionally, end-to-end latency to {@code completed}.
 * This class runs the phases (warm-up, load, waiting for completions) and prints the report;
 * {@link LoadOptions} reads and checks the options, {@link LoadGenerator} sends, {@link LoadReport}
 * reports.
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

    private final Launcher launcher;

    @Spec
    CommandSpec spec;

    @Mixin
    LoadOptions options;

    @Mixin
    KafkaSettingOptions settings;

    LoadCommand(Launcher launcher) {
        this.launcher = launcher;
    }

    @Override
    public Integer call() throws Exception {
        Duration runFor = options.checkedRunLength();
        Duration warmupFor = LoadOptions.parseDuration("--warmup", options.warmup);
        Duration waitForCompletions = LoadOptions.parseDuration("--e2e-wait", options.endToEndWait);
        options.checkNumbers();
        String customerName = options.checkedCustomer();
        String drinkName = options.checkedDrink();
        String key = options.checkedApiKey();
        Path jsonFile = options.checkedJsonFile();
        String driverKind = options.checkedThreads();
        // the options first: without --url, finding the producer reads the settings
        LoadTarget target = options.checkedTarget(options.url != null ? options.url
                : launcher.producerUrl(new LinkedHashMap<>(settings.asMap())));
        byte[] request = target.orderRequest(customerName, drinkName, key);

        PrintWriter err = spec.commandLine().getErr();
        LoadReport report;
        try (LoadDriver generator = driver(driverKind, address(target), request)) {
            connect(generator, target);
            EndToEndTracker tracker = options.endToEnd ? new EndToEndTracker() : null;
            // follow the status topic before the first order, so no completion can be missed
            AutoCloseable following = tracker == null ? null
                    : launcher.followStatuses(new LinkedHashMap<>(settings.asMap()), tracker);
            try {
                if (!warmupFor.isZero()) {
                    runPhase(generator, "warmup", schedule(warmupFor, null), new LoadStats(), null, err);
                }
                LoadStats stats = new LoadStats();
                long elapsed = runPhase(generator, "load", schedule(runFor, options.orders), stats, tracker, err);
                if (tracker != null) {
                    awaitCompletions(tracker, waitForCompletions, err);
                }
                report = new LoadReport(target.url(), options.connections, options.rate, elapsed, stats.sentCount(),
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

    private LoadDriver driver(String kind, InetSocketAddress address, byte[] request) {
        return switch (kind) {
            case "platform" -> new LoadGenerator(address, request, options.connections, LoadGenerator.Threads.PLATFORM);
            case "virtual" -> new LoadGenerator(address, request, options.connections, LoadGenerator.Threads.VIRTUAL);
            default -> new EventLoopLoadDriver(address, request, options.connections,
                    EventLoopLoadDriver.defaultLoops());
        };
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
        Double rate = options.rate;
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
        if (options.json == null) {
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
}
