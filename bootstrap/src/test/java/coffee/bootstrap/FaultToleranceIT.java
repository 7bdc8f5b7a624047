package coffee.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coffee.adapter.kafka.KafkaSettings;
import coffee.adapter.kafka.SharedKafka;
import coffee.adapter.kafka.TopicReader;
import coffee.adapter.kafka.broker.EmbeddedKafkaBroker;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The delivery guarantees under faults, with real `coffee` processes under steady load: a
 * consumer killed with SIGKILL, the broker stopped and restarted, the producer killed, and
 * poison records among real ones. What counts is what Kafka holds at the end: every order
 * that was accepted ends `completed` exactly once in the status topic.
 */
class FaultToleranceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    /** A dead consumer's partitions move after this long; Kafka's default (45 s) would make the test slow. */
    private static final String FAST_FAILOVER =
            "{\"session.timeout.ms\":\"6000\",\"heartbeat.interval.ms\":\"1000\"}";

    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
    private KafkaSettings kafka;

    @TempDir
    Path brokerDir;

    @AfterEach
    void stopAll() throws Exception {
        while (!toClose.isEmpty()) {
            toClose.pop().close();
        }
    }

    private Map<String, String> environment(String brokers) {
        kafka = SharedKafka.uniqueSettings(brokers);
        return new HashMap<>(Map.of(
                "KAFKA_BROKERS", brokers,
                "KAFKA_TOPIC", kafka.ordersTopic(),
                "KAFKA_STATUS_TOPIC", kafka.statusTopic(),
                "KAFKA_DLQ_TOPIC", kafka.deadLetterTopic(),
                "KAFKA_GROUP_ID", kafka.groupId(),
                "KAFKA_PARTITIONS", "3",
                "KAFKA_PROPERTIES", FAST_FAILOVER,
                "SERVER_PORT", "0",
                "BREW_TIME_MS", "30"));
    }

    private CoffeeProcess coffee(String name, Map<String, String> env, String... args) {
        CoffeeProcess process = CoffeeProcess.start(name, env, args);
        toClose.push(process);
        return process;
    }

    private static void awaitConsuming(CoffeeProcess consumer) {
        consumer.awaitLine(line -> line.contains("took partitions"), PATIENCE);
    }

    /** Every status record of every order, in order. */
    private Map<String, List<String>> statusHistory() throws IOException {
        Map<String, List<String>> history = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : TopicReader.readAll(kafka, kafka.statusTopic(), Duration.ofSeconds(3))) {
            history.computeIfAbsent(new String(record.key(), StandardCharsets.UTF_8), id -> new ArrayList<>())
                    .add(JSON.readTree(record.value()).get("status").asText());
        }
        return history;
    }

    /** Waits until every order is completed in the status topic, then checks each is completed exactly once. */
    private void assertEachCompletedExactlyOnce(List<String> orderIds) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        Map<String, List<String>> history = statusHistory();
        while (!orderIds.stream().allMatch(id -> isCompleted(history.get(id))) && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            history.clear();
            history.putAll(statusHistory());
        }
        List<String> problems = new ArrayList<>();
        for (String id : orderIds) {
            List<String> statuses = history.getOrDefault(id, List.of());
            long completed = statuses.stream().filter("completed"::equals).count();
            if (completed != 1 || !isCompleted(statuses)) {
                problems.add(id + " " + statuses);
            }
        }
        assertTrue(problems.isEmpty(), problems.size() + " of " + orderIds.size()
                + " accepted orders not completed exactly once: " + problems.subList(0, Math.min(10, problems.size())));
    }

    private static boolean isCompleted(List<String> statuses) {
        return statuses != null && !statuses.isEmpty() && statuses.get(statuses.size() - 1).equals("completed");
    }

    @Test
    void a_consumer_killed_mid_stream_loses_no_order_and_completes_none_twice() throws Exception {
        Map<String, String> env = environment(SharedKafka.bootstrapServers());
        env.put("CONSUMER_CONCURRENCY", "2");
        CoffeeProcess victim = coffee("consumer-victim", env, "serve-consumer");
        CoffeeProcess producer = coffee("producer", env, "serve-producer");
        int port = producer.apiPort();
        awaitConsuming(victim);

        OrderLoad load = new OrderLoad(() -> port, 60);
        toClose.push(load);
        Thread.sleep(3000);
        victim.kill();
        CoffeeProcess successor = coffee("consumer-successor", env, "serve-consumer");
        Thread.sleep(3000);
        load.stop();

        awaitConsuming(successor);
        assertTrue(load.refused.isEmpty() && load.unanswered.isEmpty(), "the producer kept taking orders");
        assertTrue(load.accepted.size() > 200, "steady load: " + load.accepted.size() + " orders");
        assertEachCompletedExactlyOnce(List.copyOf(load.accepted.values()));
    }

    @Test
    void a_broker_restart_under_load_loses_no_acknowledged_order_retries_are_safe_and_open_streams_go_on() throws Exception {
        int brokerPort = freePort();
        EmbeddedKafkaBroker[] broker = {EmbeddedKafkaBroker.start(brokerDir, brokerPort)};
        toClose.push(() -> broker[0].close());
        Map<String, String> env = environment(broker[0].bootstrapServers());
        env.put("KAFKA_TIMEOUT_MS", "2000");
        CoffeeProcess consumer = coffee("consumer", env, "serve-consumer");
        CoffeeProcess producer = coffee("producer", env, "serve-producer");
        int port = producer.apiPort();
        awaitConsuming(consumer);

        // a board's stream, open across the restart: it must carry what comes after it
        EventStreamClient events = EventStreamClient.open(port, "/orders/events?customer=Rita");
        toClose.push(events);
        assertEquals(200, events.status());
        OrderLoad load = new OrderLoad(() -> port, 40);
        toClose.push(load);
        Thread.sleep(2000);
        broker[0].close();
        Http api = new Http(port);
        assertEquals(200, api.get("/health").status(), "alive while Kafka is away");
        assertTrue(awaitReadiness(api, 503, Duration.ofSeconds(10)), "not ready within seconds of the broker stopping");
        broker[0] = EmbeddedKafkaBroker.start(brokerDir, brokerPort);
        Thread.sleep(4000);
        load.stop();

        assertTrue(!load.refused.isEmpty(), "the outage was felt: some orders were refused with 503");
        load.retryUnconfirmed(PATIENCE);
        assertEquals(load.sent(), load.accepted.size(), "every order is accepted in the end, once");
        assertEquals(load.accepted.size(), Map.copyOf(load.accepted).values().stream().distinct().count(),
                "one order per key");
        assertEachCompletedExactlyOnce(List.copyOf(load.accepted.values()));
        assertTrue(awaitReadiness(api, 200, Duration.ofSeconds(10)), "ready again without a restart");
        assertStreamFollowsAnOrderPlacedNow(events, api);
    }

    /** The same stream, never reopened, follows an order placed now to its end. */
    private static void assertStreamFollowsAnOrderPlacedNow(EventStreamClient events, Http api) throws Exception {
        String id = placedOnceAccepted(api, "Rita", "Latte");
        List<String> seen = new ArrayList<>();
        while (!seen.contains("completed")) {
            EventStreamClient.Event event = events.next(PATIENCE).orElseThrow(() -> new AssertionError(
                    "the stream brought nothing more after the broker's restart; it had: " + seen
                            + (events.ended() ? " (it ended)" : "")));
            if (JSON.readTree(event.data()).get("id").asText().equals(id)) {
                seen.add(event.name());
            }
        }
        assertEquals("completed", seen.get(seen.size() - 1), "the order's changes in order: " + seen);
        assertFalse(events.ended(), "a board's stream goes on");
    }

    /** Places an order, again while Kafka answers 503 just after coming back, and returns its id. */
    private static String placedOnceAccepted(Http api, String customer, String drink) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            Http.Answer answer = api.placeOrder(customer, drink);
            if (answer.status() == 201) {
                return answer.json().get("order").get("id").asText();
            }
            if (answer.status() != 503 || System.nanoTime() > deadline) {
                throw new AssertionError("the order was not accepted: " + answer);
            }
            Thread.sleep(500);
        }
    }

    @Test
    void a_producer_killed_under_load_loses_no_acknowledged_order() throws Exception {
        Map<String, String> env = environment(SharedKafka.bootstrapServers());
        env.put("SERVER_PORT", Integer.toString(freePort()));
        CoffeeProcess consumer = coffee("consumer", env, "serve-consumer");
        CoffeeProcess victim = coffee("producer-victim", env, "serve-producer");
        int port = victim.apiPort();
        awaitConsuming(consumer);

        OrderLoad load = new OrderLoad(() -> port, 60);
        toClose.push(load);
        Thread.sleep(3000);
        victim.kill();
        CoffeeProcess successor = coffee("producer-successor", env, "serve-producer");
        successor.apiPort();
        Thread.sleep(2000);
        load.stop();

        Http api = new Http(port);
        List<String> missing = new ArrayList<>();
        for (String id : load.accepted.values()) {
            if (api.get("/order/" + id).status() != 200) {
                missing.add(id);
            }
        }
        assertTrue(missing.isEmpty(), missing.size() + " acknowledged orders missing after the restart: " + missing);
        assertTrue(load.accepted.size() > 100, "steady load: " + load.accepted.size() + " orders");
        assertEachCompletedExactlyOnce(List.copyOf(load.accepted.values()));
    }

    @Test
    void poison_records_among_real_orders_go_to_the_dead_letter_topic_and_the_real_ones_are_brewed() throws Exception {
        Map<String, String> env = environment(SharedKafka.bootstrapServers());
        CoffeeProcess consumer = coffee("consumer", env, "serve-consumer");
        CoffeeProcess producer = coffee("producer", env, "serve-producer");
        Http api = new Http(producer.apiPort());
        awaitConsuming(consumer);
        List<String> poison = List.of("not json", "{\"type\":\"order_exploded\"}", "", "{\"type\":\"order_placed\"}",
                "{\"type\":\"order_placed\",\"order\":{\"id\":\"x\",\"customer_name\":\"A\",\"coffee_type\":\"Tea\"}}",
                "[1,2,3]", "\u0000\u0001binary", "{\"type\":\"order_cancel_requested\",\"order_id\":\"nope\"}");

        List<String> real = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            real.add(api.placed("Regular " + i, "Americano"));
            if (i % 5 == 0) {
                String bad = poison.get((i / 5) % poison.size());
                TopicReader.write(kafka, kafka.ordersTopic(), ("poison-" + i).getBytes(StandardCharsets.UTF_8),
                        bad.getBytes(StandardCharsets.UTF_8));
            }
        }

        assertEachCompletedExactlyOnce(real);
        List<ConsumerRecord<byte[], byte[]>> letters = TopicReader.read(kafka, kafka.deadLetterTopic(), 8, PATIENCE);
        assertEquals(8, letters.size());
        for (ConsumerRecord<byte[], byte[]> letter : letters) {
            assertTrue(new String(letter.key(), StandardCharsets.UTF_8).startsWith("poison-"));
            assertTrue(letter.headers().lastHeader("error") != null);
            assertTrue(letter.headers().lastHeader("source-offset") != null);
        }
        assertEquals(8, consumer.output().stream().filter(line -> line.contains("dead-lettered")).count(),
                "each poison record logged once");
    }

    private static boolean awaitReadiness(Http api, int status, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (api.get("/observe/health/ready").status() == status) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
