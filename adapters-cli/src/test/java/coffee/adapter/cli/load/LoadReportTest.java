package coffee.adapter.cli.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LoadReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** 1 ms to 100 ms, one answer each. */
    private static Histogram oneToHundredMillis() {
        Histogram histogram = LoadStats.newHistogram();
        for (int millis = 1; millis <= 100; millis++) {
            histogram.recordValue(millis * 1000L);
        }
        return histogram;
    }

    private static Map<String, Long> errors() {
        Map<String, Long> errors = new LinkedHashMap<>();
        errors.put("503", 12L);
        errors.put("connection", 1L);
        return errors;
    }

    private static LoadReport closedLoopReport() {
        return new LoadReport("http://localhost:3000", 64, null, 2_000_000_000L, 113, 100, oneToHundredMillis(),
                errors(), null, 0);
    }

    @Test
    void the_json_report_has_every_field_in_snake_case() throws Exception {
        JsonNode json = JSON.readTree(closedLoopReport().json());

        assertEquals(List.of("url", "connections", "rate", "duration_s", "orders_sent", "orders_ok",
                "orders_per_second", "latency_ms", "errors", "e2e_latency_ms", "e2e_completed"),
                fieldNames(json));
        assertEquals("http://localhost:3000", json.get("url").asText());
        assertEquals(64, json.get("connections").asInt());
        assertTrue(json.get("rate").isNull());
        assertEquals(2.0, json.get("duration_s").asDouble());
        assertEquals(113, json.get("orders_sent").asLong());
        assertEquals(100, json.get("orders_ok").asLong());
        assertEquals(50.0, json.get("orders_per_second").asDouble());
        assertEquals(12, json.get("errors").get("503").asLong());
        assertEquals(1, json.get("errors").get("connection").asLong());
        assertTrue(json.get("e2e_latency_ms").isNull());
        assertTrue(json.get("e2e_completed").isNull());
    }

    @Test
    void latency_percentiles_are_in_milliseconds_and_in_order() throws Exception {
        JsonNode latency = JSON.readTree(closedLoopReport().json()).get("latency_ms");

        assertEquals(50.0, latency.get("p50").asDouble(), 0.1);
        assertEquals(90.0, latency.get("p90").asDouble(), 0.1);
        assertEquals(99.0, latency.get("p99").asDouble(), 0.1);
        assertEquals(100.0, latency.get("p999").asDouble(), 0.1);
        assertEquals(100.0, latency.get("max").asDouble(), 0.1);
    }

    @Test
    void an_open_loop_report_with_end_to_end_latency_gives_the_rate_and_the_completions() throws Exception {
        LoadReport report = new LoadReport("http://localhost:3000", 8, 500.0, 1_000_000_000L, 500, 500,
                oneToHundredMillis(), Map.of(), oneToHundredMillis(), 498);

        JsonNode json = JSON.readTree(report.json());
        assertEquals(500.0, json.get("rate").asDouble());
        assertEquals(0, json.get("errors").size());
        assertEquals(50.0, json.get("e2e_latency_ms").get("p50").asDouble(), 0.1);
        assertEquals(498, json.get("e2e_completed").asLong());
        assertTrue(report.text().contains("open loop at 500 orders/s"), report.text());
        assertTrue(report.text().contains("(498 completed)"), report.text());
    }

    @Test
    void with_no_answer_at_all_the_percentiles_are_null_not_zero() throws Exception {
        LoadReport report = new LoadReport("http://localhost:3000", 1, null, 1_000_000_000L, 3, 0,
                LoadStats.newHistogram(), Map.of("connection", 3L), null, 0);

        assertTrue(JSON.readTree(report.json()).get("latency_ms").get("p99").isNull());
        assertTrue(report.text().contains("HTTP latency    none measured"), report.text());
    }

    @Test
    void the_text_report_shows_throughput_latency_and_errors_by_kind() {
        String text = closedLoopReport().text();

        assertTrue(text.startsWith("Load against http://localhost:3000: 64 connections, closed loop, 2.0 s"), text);
        assertTrue(text.contains("orders sent     113"), text);
        assertTrue(text.contains("answered 2xx    100"), text);
        assertTrue(text.contains("orders/s        50.0"), text);
        assertTrue(text.contains("p50 50.015 ms"), text);
        assertTrue(text.contains("errors          503: 12, connection: 1"), text);
        assertFalse(text.contains("end-to-end"), text);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
