import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what one {@code bench/run} measured (a directory of {@code coffee load} JSON reports,
 * {@code facts.tsv}, the wrk output and {@code machine.properties}) into the results file: one
 * table of every figure against its target (min, median and max of the runs), the details
 * behind it, and the data of the latency-against-throughput chart.
 *
 * <p>Run by bench/run as a single-file program: {@code java -cp "bootstrap/target/lib/*"
 * bench/BenchReport.java DATA_DIR REPORT.md CHART.png}. Only figures; no judgement beyond
 * "target met or not": the why is in docs/performance.md.
 */
public final class BenchReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path data;
    private final Properties machine = new Properties();
    private final Map<String, JsonNode> loads = new TreeMap<>();
    private final Map<String, List<Double>> facts = new LinkedHashMap<>();
    /** CPU per order of each load run, from cpu.tsv: name → {server µs, broker µs}. */
    private final Map<String, double[]> cpu = new TreeMap<>();
    private final StringBuilder out = new StringBuilder();

    private BenchReport(Path data) throws IOException {
        this.data = data;
        try (var reader = Files.newBufferedReader(data.resolve("machine.properties"))) {
            machine.load(reader);
        }
        try (var files = Files.list(data)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                loads.put(file.getFileName().toString().replace(".json", ""), JSON.readTree(file.toFile()));
            }
        }
        Path factsFile = data.resolve("facts.tsv");
        if (Files.exists(factsFile)) {
            for (String line : Files.readAllLines(factsFile)) {
                String[] fields = line.split("\t");
                facts.computeIfAbsent(fields[0], k -> new ArrayList<>()).add(Double.parseDouble(fields[2]));
            }
        }
        Path cpuFile = data.resolve("cpu.tsv");
        if (Files.exists(cpuFile)) {
            for (String line : Files.readAllLines(cpuFile)) {
                String[] fields = line.split("\t");
                cpu.put(fields[0], new double[] {Double.parseDouble(fields[1]), Double.parseDouble(fields[2])});
            }
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: BenchReport DATA_DIR REPORT.md CHART.png");
            System.exit(2);
        }
        BenchReport report = new BenchReport(Path.of(args[0]));
        Path target = Path.of(args[1]);
        Files.writeString(target, report.render(args[2]));
        Files.writeString(report.data.resolve("latency-vs-throughput.tsv"), report.chartData());
    }

    // ------------------------------------------------------------------ the figures

    /** The load reports whose names start with {@code prefix + "-r"}: one per run. */
    private List<JsonNode> runs(String prefix) {
        List<JsonNode> runs = new ArrayList<>();
        loads.forEach((name, report) -> {
            if (name.startsWith(prefix + "-r")) {
                runs.add(report);
            }
        });
        return runs;
    }

    private static double[] each(List<JsonNode> runs, ToDoubleFunction<JsonNode> figure) {
        return runs.stream().mapToDouble(figure).toArray();
    }

    private static double throughput(JsonNode run) {
        return run.path("orders_per_second").asDouble();
    }

    private static double p99(JsonNode run) {
        return run.path("latency_ms").path("p99").asDouble();
    }

    private static double e2eP99(JsonNode run) {
        return run.path("e2e_latency_ms").path("p99").asDouble(Double.NaN);
    }

    private static long errors(JsonNode run) {
        return run.path("orders_sent").asLong() - run.path("orders_ok").asLong();
    }

    /** Each run's ratio of pipeline to ceiling: runs were interleaved, so run k pairs with run k. */
    private double[] ratios(int connections) {
        List<JsonNode> pipeline = runs("pipeline-c" + connections);
        List<JsonNode> ceiling = runs("ceiling-c" + connections);
        int n = Math.min(pipeline.size(), ceiling.size());
        double[] ratios = new double[n];
        for (int i = 0; i < n; i++) {
            ratios[i] = throughput(pipeline.get(i)) / throughput(ceiling.get(i));
        }
        return ratios;
    }

    /** CPU µs per order ({@code 0} the server's, {@code 1} the broker's) of the runs named {@code prefix-r<n>}. */
    private double[] cpuPerOrder(String prefix, int which) {
        return cpu.entrySet().stream().filter(run -> run.getKey().startsWith(prefix + "-r"))
                .mapToDouble(run -> run.getValue()[which]).toArray();
    }

    /** Per pair of interleaved runs: {@code figure(this run k) / figure(baseline run k)}. */
    private double[] againstBaseline(ToDoubleFunction<String> figure) {
        List<Double> ratios = new ArrayList<>();
        for (int run = 1; cpu.containsKey("this-c256-r" + run) && cpu.containsKey("baseline-c256-r" + run); run++) {
            ratios.add(figure.applyAsDouble("this-c256-r" + run) / figure.applyAsDouble("baseline-c256-r" + run));
        }
        return ratios.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private double[] fact(String name) {
        return facts.getOrDefault(name, List.of()).stream().mapToDouble(Double::doubleValue).toArray();
    }

    // ------------------------------------------------------------------ the report

    private String render(String chartFile) {
        line("# Benchmark results, " + machine.getProperty("date"));
        line("");
        line("Written by `bench/run` (" + machine.getProperty("started") + ", commit "
                + machine.getProperty("commit") + "). Method, the limits behind each figure and how "
                + "to reproduce: [docs/performance.md](../../docs/performance.md).");
        if (Boolean.parseBoolean(machine.getProperty("smoke"))) {
            line("");
            line("**Smoke run** (`--smoke`): each step once and briefly; these numbers mean nothing.");
        }
        line("");
        line("Machine: " + machine.getProperty("cpu") + ", " + machine.getProperty("cores") + " cores, "
                + machine.getProperty("memory_gib") + " GiB, Linux " + machine.getProperty("kernel") + "; "
                + machine.getProperty("java") + ". Broker, servers and load generator share the cores.");
        line("Each figure: " + machine.getProperty("runs") + " runs of " + machine.getProperty("duration_s")
                + " s after a " + machine.getProperty("warmup_s") + " s warm-up; min / median / max.");
        line("Calibration: a system call " + machine.getProperty("calibration_syscall_ns", "?")
                + " ns (dd, 1-byte reads and writes), a fixed CPU loop " + machine.getProperty("calibration_cpu_loop_ms", "?")
                + " ms (awk, 10M additions). Compare figures across machines only next to these.");
        if (!machine.getProperty("baseline", "").isEmpty()) {
            line("Baseline build (measured in the same run, interleaved): commit " + machine.getProperty("baseline") + ".");
        }
        line("");
        line("| figure | target | min | median | max | |");
        line("| --- | --- | ---: | ---: | ---: | --- |");
        row("(a) HTTP ceiling, 64 connections (orders/s)", null, each(runs("ceiling-c64"), BenchReport::throughput), 0);
        row("(a) HTTP ceiling, 256 connections (orders/s)", null, each(runs("ceiling-c256"), BenchReport::throughput), 0);
        row("(b) full pipeline, 64 connections (orders/s)", null, each(runs("pipeline-c64"), BenchReport::throughput), 0);
        row("(b) full pipeline, 256 connections (orders/s)", atLeast(40_000),
                each(runs("pipeline-c256"), BenchReport::throughput), 0);
        long pipelineErrors = runs("pipeline-c256").stream().mapToLong(BenchReport::errors).sum()
                + runs("pipeline-c64").stream().mapToLong(BenchReport::errors).sum();
        line("| (b) errors in all pipeline runs | 0 | | " + pipelineErrors + " | | " + (pipelineErrors == 0 ? "met" : "**not met**") + " |");
        row("(b)/(a), 64 connections", null, ratios(64), 2);
        row("(b)/(a), 256 connections", atLeast(0.40), ratios(256), 2);
        row("(b) HTTP p99 at half of max throughput (ms)", atMost(10), each(runs("rate-p50"), BenchReport::p99), 1);
        row("(a) HTTP ceiling: server CPU per order, 256 connections (µs)", null, cpuPerOrder("ceiling-c256", 0), 1);
        row("(b) producer CPU per order, 256 connections (µs)", null, cpuPerOrder("pipeline-c256", 0), 1);
        row("(b) broker CPU per order, 256 connections (µs)", null, cpuPerOrder("pipeline-c256", 1), 1);
        row("(b) producer CPU per order at half of max throughput (µs)", null, cpuPerOrder("rate-p50", 0), 1);
        for (int window = 1; cpu.containsKey("warmup-w" + window); window++) {
            row("(b) warm-up: producer CPU per order, window " + window + " of its first 30 s (µs)", null,
                    new double[] {cpu.get("warmup-w" + window)[0]}, 1);
        }
        if (cpu.containsKey("baseline-c256-r1")) {
            row("(b) baseline build: producer CPU per order, 256 connections (µs)", null,
                    cpuPerOrder("baseline-c256", 0), 1);
            row("(b) this build / baseline: producer CPU per order", null, againstBaseline(run -> cpu.get(run)[0]), 2);
            row("(b) this build / baseline: orders/s", null,
                    againstBaseline(run -> throughput(loads.get(run))), 2);
        }
        row("(c) end-to-end p99 at 1,000 orders/s (ms)", atMost(20), each(runs("e2e"), BenchReport::e2eP99), 1);
        row("(c) end-to-end p50 at 1,000 orders/s (ms)", null,
                each(runs("e2e"), run -> run.path("e2e_latency_ms").path("p50").asDouble(Double.NaN)), 1);
        row("(d) consumer drain, 1 consumer (orders/s)", atLeast(50_000), fact("drain_c1"), 0);
        row("(d) consumer drain, 2 consumers (orders/s)", null, fact("drain_c2"), 0);
        row("(e) start-up, serve-producer to first 201 (ms)", atMost(1500), fact("startup_producer_ms"), 0);
        row("(e) start-up, serve incl. broker to first 201 (ms)", atMost(5000), fact("startup_serve_ms"), 0);
        double[] loaded = fact("producer_loaded_s");
        row("(e) producer RSS after " + (loaded.length > 0 ? Math.round(loaded[0]) : 0) + " s of load (MB)",
                atMost(300), fact("producer_rss_mb"), 0);
        line("");
        wrk();
        latencies("(b) full pipeline, 256 connections, closed loop", runs("pipeline-c256"));
        latencies("(b) full pipeline, 64 connections, closed loop", runs("pipeline-c64"));
        latencies("(a) HTTP ceiling, 256 connections, closed loop", runs("ceiling-c256"));
        line("Closed-loop latency is each connection's wait for its answer at full speed; the open-loop");
        line("rows below are the ones to read for latency at a given load.");
        line("");
        line("## Latency against throughput (full pipeline, open loop, 256 connections)");
        line("");
        line("| asked (orders/s) | achieved (orders/s) | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | errors |");
        line("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (JsonNode run : rateRuns()) {
            JsonNode latency = run.path("latency_ms");
            line(String.format(Locale.ROOT, "| %,.0f | %,.0f | %.2f | %.2f | %.2f | %.2f | %.2f | %d |",
                    run.path("rate").asDouble(), throughput(run), latency.path("p50").asDouble(),
                    latency.path("p90").asDouble(), latency.path("p99").asDouble(),
                    latency.path("p999").asDouble(), latency.path("max").asDouble(), errors(run)));
        }
        line("");
        line("![HTTP latency percentiles against throughput](" + chartFile + ")");
        line("");
        line("## JVM options (the `coffee` launcher's defaults per role)");
        line("");
        for (String role : List.of("broker", "serve-producer", "serve-consumer", "serve", "load")) {
            line("- `" + role + "`: `" + machine.getProperty("jvm_" + role, "") + "`");
        }
        line("");
        line("Each role started by the launcher also uses its class-data archive, and on JDK 25+ the producer "
                + "the ahead-of-time cache trained at the start of the run (both under `bootstrap/target/cds/`). "
                + "The HTTP ceiling server runs with the options of `serve-producer`.");
        return out.toString();
    }

    private List<JsonNode> rateRuns() {
        List<JsonNode> all = new ArrayList<>();
        loads.forEach((name, report) -> {
            if (name.startsWith("rate-p")) {
                all.add(report);
            }
        });
        all.sort((x, y) -> Double.compare(x.path("rate").asDouble(), y.path("rate").asDouble()));
        return all;
    }

    /** One point per rate asked for: the median of each percentile over that rate's runs. */
    private String chartData() {
        Map<Double, List<JsonNode>> byRate = new TreeMap<>();
        for (JsonNode run : rateRuns()) {
            byRate.computeIfAbsent(run.path("rate").asDouble(), r -> new ArrayList<>()).add(run);
        }
        StringBuilder tsv = new StringBuilder("# achieved_orders_per_s\tp50_ms\tp90_ms\tp99_ms\tp999_ms (medians of the runs)\n");
        byRate.values().forEach(runs -> tsv.append(String.format(Locale.ROOT, "%.0f\t%.3f\t%.3f\t%.3f\t%.3f%n",
                median(each(runs, BenchReport::throughput)), median(each(runs, run -> percentile(run, "p50"))),
                median(each(runs, run -> percentile(run, "p90"))), median(each(runs, run -> percentile(run, "p99"))),
                median(each(runs, run -> percentile(run, "p999"))))));
        return tsv.toString();
    }

    private static double percentile(JsonNode run, String name) {
        return run.path("latency_ms").path(name).asDouble();
    }

    private void latencies(String title, List<JsonNode> runs) {
        if (runs.isEmpty()) {
            return;
        }
        line("### " + title);
        line("");
        line("| run | orders/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | errors |");
        line("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        int number = 1;
        for (JsonNode run : runs) {
            JsonNode latency = run.path("latency_ms");
            line(String.format(Locale.ROOT, "| %d | %,.0f | %.2f | %.2f | %.2f | %.2f | %.2f | %s |", number++,
                    throughput(run), latency.path("p50").asDouble(), latency.path("p90").asDouble(),
                    latency.path("p99").asDouble(), latency.path("p999").asDouble(),
                    latency.path("max").asDouble(), run.path("errors").isEmpty() ? "none" : run.path("errors").toString()));
        }
        line("");
    }

    private static final Pattern WRK_RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern WRK_NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern WRK_P99 = Pattern.compile("\\s99%\\s+([0-9.]+)(us|ms|s)");

    /** wrk against the same producer, right after (b): the same figure from a tool not ours. */
    private void wrk() {
        Path file = data.resolve("wrk-c256.txt");
        line("## Cross-check with wrk");
        line("");
        if (!Files.exists(file)) {
            line("Not run: wrk was not installed (see `bench/run --help`).");
            line("");
            return;
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        double ours = median(each(runs("pipeline-c256"), BenchReport::throughput));
        Matcher rate = WRK_RATE.matcher(text);
        Matcher non2xx = WRK_NON_2XX.matcher(text);
        Matcher p99 = WRK_P99.matcher(text);
        if (!rate.find()) {
            line("wrk printed no rate; its output is in `wrk-c256.txt` of the run's work directory.");
            line("");
            return;
        }
        double theirs = Double.parseDouble(rate.group(1));
        line(String.format(Locale.ROOT, "`wrk -t2 -c256` with `bench/post-order.lua` against the producer, one run of %s s: "
                + "**%,.0f orders/s** (%s non-2xx answers; p99 %s), against `coffee load`'s median of %,.0f "
                + "at 256 connections: wrk / coffee load = %.2f.",
                machine.getProperty("duration_s"), theirs, non2xx.find() ? non2xx.group(1) : "no",
                p99.find() ? p99.group(1) + " " + p99.group(2) : "not printed", ours, theirs / ours));
        line("");
    }

    private record Target(String text, double bound, boolean lower) {
        boolean metBy(double value) {
            return lower ? value >= bound : value <= bound;
        }
    }

    private static Target atLeast(double bound) {
        return new Target("≥ " + number(bound, bound < 10 ? 2 : 0), bound, true);
    }

    private static Target atMost(double bound) {
        return new Target("≤ " + number(bound, 0), bound, false);
    }

    /** A table row; the median decides whether the target is met. */
    private void row(String figure, Target target, double[] values, int decimals) {
        double[] sorted = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (sorted.length == 0) {
            line("| " + figure + " | " + (target == null ? "" : target.text()) + " | | not measured | | |");
            return;
        }
        double median = median(sorted);
        String verdict = target == null ? "" : target.metBy(median) ? "met" : "**not met**";
        line("| " + figure + " | " + (target == null ? "" : target.text()) + " | " + number(sorted[0], decimals)
                + " | " + number(median, decimals) + " | " + number(sorted[sorted.length - 1], decimals)
                + " | " + verdict + " |");
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static String number(double value, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
