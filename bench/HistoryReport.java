import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns what bench/history.sh measured ({@code history.tsv}: figure, history, value) into the
 * results file: every figure at every history (median of its runs), then the targets of issue
 * #10, each compared with the baseline it names, measured in the same run.
 *
 * <p>Run as a single-file program: {@code java bench/HistoryReport.java DATA_DIR REPORT.md}.
 */
public final class HistoryReport {

    private final Properties machine = new Properties();
    /** figure -> history -> values (one per run). */
    private final Map<String, Map<Long, List<Double>>> facts = new TreeMap<>();
    private final TreeSet<Long> histories = new TreeSet<>();
    private final StringBuilder out = new StringBuilder();

    private HistoryReport(Path data) throws IOException {
        try (var reader = Files.newBufferedReader(data.resolve("machine.properties"))) {
            machine.load(reader);
        }
        for (String line : Files.readAllLines(data.resolve("history.tsv"))) {
            String[] fields = line.split("\t");
            if (fields.length < 3 || fields[2].isBlank()) {
                continue;
            }
            long history = Long.parseLong(fields[1]);
            facts.computeIfAbsent(fields[0], f -> new TreeMap<>()).computeIfAbsent(history, h -> new ArrayList<>())
                    .add(Double.parseDouble(fields[2]));
            if (!fields[0].startsWith("post_")) {
                histories.add(history);
            }
        }
    }

    public static void main(String[] args) throws IOException {
        HistoryReport report = new HistoryReport(Path.of(args[0]));
        Files.writeString(Path.of(args[1]), report.render());
    }

    private double median(String figure, long history) {
        List<Double> values = facts.getOrDefault(figure, Map.of()).get(history);
        if (values == null || values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        return sorted.get((sorted.size() - 1) / 2);
    }

    private String render() {
        line("# History benchmark, " + machine.getProperty("date"));
        line("");
        line("Written by `bench/run --history " + machine.getProperty("history") + "` (" + machine.getProperty("started")
                + ", commit " + machine.getProperty("commit")
                + (machine.getProperty("baseline", "").isEmpty() ? "" : ", baseline " + machine.getProperty("baseline"))
                + "). Method and what limits each figure: [docs/performance.md](../../docs/performance.md).");
        if (Boolean.parseBoolean(machine.getProperty("smoke"))) {
            line("");
            line("**Smoke run** (`--smoke`): each step once and briefly; these numbers mean nothing.");
        }
        line("");
        line("Machine: " + machine.getProperty("cpu") + ", " + machine.getProperty("cores") + " cores, "
                + machine.getProperty("memory_gib") + " GiB; " + machine.getProperty("java")
                + ". History 0 stands for 1,000 orders. Medians of " + machine.getProperty("runs")
                + " runs where a figure has several.");
        line("");
        StringBuilder header = new StringBuilder("| figure |");
        StringBuilder rule = new StringBuilder("| --- |");
        for (long history : histories) {
            header.append(String.format(Locale.ROOT, " %,d |", history));
            rule.append(" ---: |");
        }
        line(header.toString());
        line(rule.toString());
        for (String figure : facts.keySet()) {
            if (figure.startsWith("post_")) {
                continue;
            }
            StringBuilder row = new StringBuilder("| " + figure.replace('_', ' ') + " |");
            for (long history : histories) {
                double value = median(figure, history);
                row.append(Double.isNaN(value) ? " |" : String.format(Locale.ROOT, " %,.1f |", value));
            }
            line(row.toString());
        }
        line("");
        line("## Targets");
        line("");
        line("| target | at history | measured | target | |");
        line("| --- | ---: | ---: | ---: | --- |");
        long zero = histories.isEmpty() ? 0 : histories.first();
        for (long history : histories) {
            if (history == zero) {
                continue;
            }
            target("restart, first 201 vs the same at 0 (ms)", history,
                    median("restart_first_201_ms", history) - median("restart_first_201_ms", zero), 500, true);
            target("restart, ready for reads vs first 201 at 0 (ms)", history,
                    median("restart_ready_ms", history) - median("restart_first_201_ms", zero), 1500, true);
            target("consumer start to first new order completed vs the same at 0 (ms)", history,
                    median("consumer_first_completed_ms", history) - median("consumer_first_completed_ms", zero), 1000,
                    true);
            double replay = median("baseline_replay_orders_per_s", history);
            if (!Double.isNaN(replay)) {
                target("restore rate vs the baseline's replay rate", history,
                        median("restore_orders_per_s", history) / replay, 1.0, false);
            }
            target("GET /orders?customer=...&limit=50, p99 (ms)", history,
                    median("get_orders_customer_p99_ms", history), 20, true);
        }
        for (long history : histories) {
            target("producer RSS, idle after restart (MB)", history, median("producer_idle_rss_mb", history), 250, true);
            target("consumer RSS (MB)", history, median("consumer_rss_mb", history), 250, true);
            target("GET /order/{id} p99 vs GET /health p99 (ms)", history,
                    median("get_order_p99_ms", history) - median("get_health_p99_ms", history), 1, true);
            target("GET /order/{id} p99 forwarded, once the second producer is idle, vs GET /health p99 there (ms)",
                    history, median("get_order_forwarded_settled_p99_ms", history)
                            - median("get_health_second_p99_ms", history), 3, true);
            double loaded = median("producer_loaded_rss_mb", history);
            if (!Double.isNaN(loaded)) {
                target("producer RSS after full load (MB)", history, loaded, 300, true);
            }
        }
        double post = median("post_orders_per_s_this", 0);
        double postBaseline = median("post_orders_per_s_baseline", 0);
        if (!Double.isNaN(post) && !Double.isNaN(postBaseline)) {
            line(String.format(Locale.ROOT, "| POST /order throughput vs the baseline (%,.0f against %,.0f orders/s) | | %.2f | ≥ 1.00 | %s |",
                    post, postBaseline, post / postBaseline, post / postBaseline >= 1.0 ? "met" : "**not met**"));
        }
        double cpu = median("post_cpu_us_this", 0);
        double cpuBaseline = median("post_cpu_us_baseline", 0);
        if (!Double.isNaN(cpu) && !Double.isNaN(cpuBaseline)) {
            line(String.format(Locale.ROOT, "| producer CPU per order vs the baseline (%,.1f against %,.1f µs) | | %.2f | | |",
                    cpu, cpuBaseline, cpu / cpuBaseline));
        }
        return out.toString();
    }

    private void target(String name, long history, double value, double bound, boolean atMost) {
        if (Double.isNaN(value)) {
            return;
        }
        boolean met = atMost ? value <= bound : value >= bound;
        line(String.format(Locale.ROOT, "| %s | %,d | %,.2f | %s %,.2f | %s |", name, history, value,
                atMost ? "≤" : "≥", bound, met ? "met" : "**not met**"));
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
