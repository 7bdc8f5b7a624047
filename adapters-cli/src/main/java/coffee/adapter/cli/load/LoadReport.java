package coffee.adapter.cli.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.HdrHistogram.Histogram;

/**
 * The outcome of a load run, as text for people and as JSON for scripts (the schema is in
 * docs/load-testing.md). Latency histograms hold microseconds; both forms show milliseconds.
 *
 * @param rate the intended orders per second (open loop), or null for a closed loop
 * @param latency HTTP latency of every answer, whatever its status
 * @param errors by status code (non-2xx answers) or failure kind (no answer), in that order
 * @param endToEnd from {@code 201} to {@code completed}; null when not measured
 * @param endToEndCompleted orders seen completed; meaningless when {@code endToEnd} is null
 */
public record LoadReport(String url, int connections, Double rate, long durationNanos, long sent, long succeeded,
        Histogram latency, Map<String, Long> errors, Histogram endToEnd, long endToEndCompleted) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public LoadReport {
        errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors)); // keeps the order given
    }

    double durationSeconds() {
        return durationNanos / 1e9;
    }

    /** Answered 2xx per second over the measured phase. */
    double ordersPerSecond() {
        return durationNanos <= 0 ? 0 : succeeded / durationSeconds();
    }

    public String text() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "Load against %s: %d connection%s, %s, %.1f s%n", url, connections,
                connections == 1 ? "" : "s",
                rate == null ? "closed loop" : String.format(Locale.ROOT, "open loop at %,.0f orders/s", rate),
                durationSeconds()));
        text.append(String.format(Locale.ROOT, "  orders sent     %,d%n", sent));
        text.append(String.format(Locale.ROOT, "  answered 2xx    %,d%n", succeeded));
        text.append(String.format(Locale.ROOT, "  orders/s        %,.1f%n", ordersPerSecond()));
        text.append("  HTTP latency    ").append(percentiles(latency)).append(System.lineSeparator());
        text.append("  errors          ").append(errorsText()).append(System.lineSeparator());
        if (endToEnd != null) {
            text.append("  end-to-end      ").append(percentiles(endToEnd))
                    .append(String.format(Locale.ROOT, "  (%,d completed)", endToEndCompleted))
                    .append(System.lineSeparator());
        }
        return text.toString();
    }

    private static String percentiles(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return "none measured";
        }
        return String.format(Locale.ROOT, "p50 %.3f ms  p90 %.3f ms  p99 %.3f ms  p99.9 %.3f ms  max %.3f ms",
                millis(histogram.getValueAtPercentile(50)), millis(histogram.getValueAtPercentile(90)),
                millis(histogram.getValueAtPercentile(99)), millis(histogram.getValueAtPercentile(99.9)),
                millis(histogram.getMaxValue()));
    }

    private String errorsText() {
        if (errors.isEmpty()) {
            return "none";
        }
        StringJoiner joined = new StringJoiner(", ");
        errors.forEach((kind, count) -> joined.add(String.format(Locale.ROOT, "%s: %,d", kind, count)));
        return joined.toString();
    }

    public String json() {
        ObjectNode report = JSON.createObjectNode();
        report.put("url", url);
        report.put("connections", connections);
        if (rate == null) {
            report.putNull("rate");
        } else {
            report.put("rate", rate);
        }
        report.put("duration_s", round(durationSeconds(), 3));
        report.put("orders_sent", sent);
        report.put("orders_ok", succeeded);
        report.put("orders_per_second", round(ordersPerSecond(), 1));
        report.set("latency_ms", percentilesJson(latency));
        ObjectNode errorCounts = report.putObject("errors");
        errors.forEach(errorCounts::put);
        if (endToEnd == null) {
            report.putNull("e2e_latency_ms");
            report.putNull("e2e_completed");
        } else {
            report.set("e2e_latency_ms", percentilesJson(endToEnd));
            report.put("e2e_completed", endToEndCompleted);
        }
        try {
            return JSON.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of numbers and strings always serializes", e);
        }
    }

    private static ObjectNode percentilesJson(Histogram histogram) {
        ObjectNode node = JSON.createObjectNode();
        if (histogram.getTotalCount() == 0) {
            for (String name : new String[] {"p50", "p90", "p99", "p999", "max"}) {
                node.putNull(name);
            }
            return node;
        }
        node.put("p50", millis(histogram.getValueAtPercentile(50)));
        node.put("p90", millis(histogram.getValueAtPercentile(90)));
        node.put("p99", millis(histogram.getValueAtPercentile(99)));
        node.put("p999", millis(histogram.getValueAtPercentile(99.9)));
        node.put("max", millis(histogram.getMaxValue()));
        return node;
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
