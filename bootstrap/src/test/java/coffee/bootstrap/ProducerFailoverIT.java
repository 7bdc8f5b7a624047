package coffee.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coffee.adapter.kafka.SharedKafka;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two producers share the view of orders; when one is killed, the other takes its part and serves every order. */
class ProducerFailoverIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private Map<String, String> settings;

    @BeforeEach
    void isolatedTopics() {
        settings = RoleSettings.isolated(SharedKafka.uniqueSettings(), 6, 0);
    }

    @AfterEach
    void stopAll() throws Exception {
        while (!running.isEmpty()) {
            running.pop().close();
        }
    }

    private void consumer() throws InterruptedException {
        Configuration config = Configuration.load(settings, Map.of());
        running.push(ConsumerRole.start(config, AdapterSettings.kafka(config), false));
    }

    @Test
    void when_one_of_two_producers_is_killed_the_other_serves_every_order() throws Exception {
        // the settings' environment names: server.port is SERVER_PORT, kafka.dlq_topic KAFKA_DLQ_TOPIC, ...
        Map<String, String> env = new HashMap<>();
        settings.forEach((key, value) -> env.put(key.toUpperCase(java.util.Locale.ROOT).replace('.', '_'), value));
        CoffeeProcess victim = CoffeeProcess.start("producer-victim", env, "serve-producer");
        running.push(victim);
        CoffeeProcess survivor = CoffeeProcess.start("producer-survivor", env, "serve-producer");
        running.push(survivor);
        Http victimApi = new Http(victim.apiPort());
        Http survivorApi = new Http(survivor.apiPort());
        consumer();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ids.add((i % 2 == 0 ? victimApi : survivorApi).placed("Bob", "Espresso"));
        }
        for (String id : ids) {
            assertEquals(200, survivorApi.get("/order/" + id + "?wait_for=completed&timeout=30s").status());
        }

        victim.kill();

        long deadline = System.nanoTime() + PATIENCE.toNanos();
        List<String> unanswered = new ArrayList<>(ids);
        while (!unanswered.isEmpty() && System.nanoTime() < deadline) {
            unanswered.removeIf(id -> {
                Http.Answer answer = survivorApi.get("/order/" + id);
                assertTrue(answer.status() == 200 || answer.status() == 503, "never a wrong answer: " + answer);
                return answer.status() == 200 && answer.json().get("status").asText().equals("completed");
            });
            Thread.sleep(200);
        }
        assertEquals(List.of(), unanswered, "the survivor serves every order after the rebalance");
        assertEquals(60, survivorApi.get("/orders?customer=bob&limit=100").json().size());
    }
}
