package coffee.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coffee.adapter.kafka.KafkaSettings;
import coffee.adapter.kafka.SharedKafka;
import coffee.adapter.kafka.TopicReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The order lifecycle through the real producer and consumer roles (in this JVM, wired exactly
 * as `coffee` wires them), a real HTTP server and a real Kafka broker.
 */
class OrderLifecycleIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private KafkaSettings kafka;
    private Map<String, String> settings;

    @BeforeEach
    void isolatedTopics() {
        kafka = SharedKafka.uniqueSettings();
        settings = RoleSettings.isolated(kafka, 3, 0);
    }

    @AfterEach
    void stopAll() throws Exception {
        while (!running.isEmpty()) {
            running.pop().close();
        }
    }

    private Configuration config() {
        return Configuration.load(settings, Map.of());
    }

    private Http producer() throws InterruptedException {
        Configuration config = config();
        ProducerRole producer = ProducerRole.start(config, AdapterSettings.kafka(config));
        // it takes orders at once, and answers reads once its view is restored
        assertTrue(producer.awaitReadyForReads(Duration.ofSeconds(60)), "the view of orders became ready");
        running.push(producer);
        return new Http(producer.port());
    }

    private ConsumerRole consumer() throws InterruptedException {
        Configuration config = config();
        ConsumerRole consumer = ConsumerRole.start(config, AdapterSettings.kafka(config), false);
        running.push(consumer);
        return consumer;
    }

    /** Every status ever published for an order, in order: what Kafka really holds. */
    private List<String> publishedStatuses(String orderId, int atLeast) throws Exception {
        List<String> statuses = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : TopicReader.read(kafka, kafka.statusTopic(), atLeast, PATIENCE)) {
            if (new String(record.key(), StandardCharsets.UTF_8).equals(orderId)) {
                statuses.add(JSON.readTree(record.value()).get("status").asText());
            }
        }
        return statuses;
    }

    @Test
    void an_order_is_seen_pending_then_processing_then_completed() throws Exception {
        settings.put("brew.time_ms", "600");
        consumer();
        Http api = producer();

        String id = api.placed("Ann", "Latte");
        Set<String> seen = new LinkedHashSet<>();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!seen.contains("completed") && System.nanoTime() < deadline) {
            seen.add(api.statusOf(id));
            Thread.sleep(20);
        }

        assertEquals(List.of("pending", "processing", "completed"), List.copyOf(seen));
        JsonNode listed = api.get("/orders?status=completed&customer=ann").json();
        assertEquals(id, listed.get(0).get("id").asText());
        assertEquals(List.of("processing", "completed"), publishedStatuses(id, 2));
    }

    @Test
    void every_route_answers_as_documented_against_a_real_broker() throws Exception {
        consumer();
        Http api = producer();
        String id = api.placed("Ann", "cold_brew");
        api.awaitStatus(id, "completed", PATIENCE);

        assertEquals("Cold Brew", api.get("/order/" + id).json().get("coffee_type").asText());
        assertEquals(1, api.get("/orders").json().size());
        assertEquals(8, api.get("/menu").json().get("drinks").size());
        assertEquals("ok", api.get("/health").json().get("status").asText());
        assertError(api.post("/order/" + id + "/cancel"), 409, "Order cannot be cancelled");
        assertError(api.send("DELETE", "/order/" + id, null, null), 409, "Order cannot be cancelled");
        assertError(api.get("/order/00000000-0000-0000-0000-000000000000"), 404, "Order not found");
        assertError(api.get("/order/not-an-id"), 404, "Order not found");
        assertError(api.post("/order/not-an-id/cancel"), 404, "Order not found");
        assertError(api.get("/no/such/route"), 404, "Not found");
        Http.Answer wrongMethod = api.send("PUT", "/order/" + id, null, null);
        assertError(wrongMethod, 405, null);
        assertEquals("GET, HEAD, DELETE, OPTIONS", wrongMethod.header("Allow"));
        assertError(api.send("POST", "/order", "application/json", "{}"), 400, "customer_name is required");
        assertError(api.send("POST", "/order", "application/json", "{nope"), 400, null);
        assertError(api.send("POST", "/order", "text/plain", "Ann, Latte"), 415, null);
        assertError(api.send("POST", "/order", "application/json", "x".repeat(17_000)), 413, null);
        assertError(api.get("/orders?status=lost"), 400, null);
    }

    @Test
    void a_retry_with_the_same_idempotency_key_is_one_order_brewed_once() throws Exception {
        consumer();
        Http api = producer();

        Http.Answer first = api.placeOrder("Ann", "Mocha", "Idempotency-Key", "order-42");
        Http.Answer retry = api.placeOrder("Ann", "Mocha", "Idempotency-Key", "order-42");
        Http.Answer other = api.placeOrder("Ann", "Latte", "Idempotency-Key", "order-42");

        assertEquals(201, first.status(), first.toString());
        assertEquals(200, retry.status(), retry.toString());
        assertEquals(422, other.status(), other.toString());
        String id = first.json().get("order").get("id").asText();
        assertEquals(id, retry.json().get("order").get("id").asText());
        api.awaitStatus(id, "completed", PATIENCE);
        assertEquals(List.of("processing", "completed"), publishedStatuses(id, 2));
    }

    @Test
    void a_second_producer_instance_maps_a_retry_to_the_same_order() throws Exception {
        consumer();
        Http first = producer();
        Http second = producer();

        String id = first.placeOrder("Ann", "Latte", "Idempotency-Key", "k-7").json().get("order").get("id").asText();
        first.awaitStatus(id, "completed", PATIENCE);
        Http.Answer retry = second.placeOrder("Ann", "Latte", "Idempotency-Key", "k-7");

        assertEquals(200, retry.status(), retry.toString());
        assertEquals(id, retry.json().get("order").get("id").asText());
        assertEquals("completed", second.statusOf(id), "every producer sees every order");
    }

    @Test
    void a_restarted_producer_still_knows_every_order_and_its_status() throws Exception {
        consumer();
        Http api = producer();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(api.placed("Customer " + i, i % 2 == 0 ? "Latte" : "Espresso"));
        }
        for (String id : ids) {
            api.awaitStatus(id, "completed", PATIENCE);
        }
        AutoCloseable oldProducer = running.stream().filter(ProducerRole.class::isInstance).findFirst().orElseThrow();
        oldProducer.close();
        running.remove(oldProducer);

        Http restarted = producer();

        for (String id : ids) {
            assertEquals("completed", restarted.statusOf(id), id);
        }
        assertEquals(20, restarted.get("/orders?status=completed&limit=100").json().size());
    }

    @Test
    void a_cancel_while_no_consumer_runs_is_202_and_the_order_ends_cancelled_never_brewed() throws Exception {
        settings.put("cancel.timeout_ms", "300");
        Http api = producer();
        String id = api.placed("Ann", "Latte");

        Http.Answer cancel = api.post("/order/" + id + "/cancel");
        assertEquals(202, cancel.status(), cancel.toString());
        assertEquals("pending", api.statusOf(id));

        consumer();
        api.awaitStatus(id, "cancelled", PATIENCE);
        assertEquals(List.of("cancelled"), publishedStatuses(id, 1), "never brewed");
    }

    @Test
    void an_order_waiting_behind_a_long_queue_is_cancelled_and_never_brewed() throws Exception {
        settings.put("brew.time_ms", "400");
        settings.put("consumer.concurrency", "1");
        settings.put("kafka.partitions", "1");
        consumer();
        Http api = producer();
        List<String> queue = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            queue.add(api.placed("Regular " + i, "Espresso"));
        }
        String last = api.placed("Ann", "Mocha");
        api.awaitStatus(queue.get(0), "processing", PATIENCE);

        Http.Answer cancel = api.post("/order/" + last + "/cancel");

        assertEquals(200, cancel.status(), cancel.toString());
        assertEquals("cancelled", cancel.json().get("order").get("status").asText());
        api.awaitStatus(queue.get(3), "completed", PATIENCE);
        assertEquals(List.of("cancelled"), publishedStatuses(last, 9));
    }

    private static void assertError(Http.Answer answer, int status, String message) {
        assertEquals(status, answer.status(), answer.toString());
        JsonNode body = answer.json();
        assertNotNull(body.get("request_id"), answer.toString());
        assertEquals(answer.header("X-Request-ID"), body.get("request_id").asText());
        if (message != null) {
            assertEquals(message, body.get("error").asText());
        } else {
            assertTrue(!body.get("error").asText().isBlank());
        }
    }
}
