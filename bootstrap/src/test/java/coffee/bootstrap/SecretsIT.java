package coffee.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coffee.adapter.kafka.KafkaSettings;
import coffee.adapter.kafka.SharedKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Secrets given to `coffee` never show up in what it prints, at any log level. */
class SecretsIT {

    private static final String API_KEY = "k3y-that-must-not-leak";
    private static final String KAFKA_PASSWORD = "pa55-that-must-not-leak";

    private Map<String, String> environment() {
        KafkaSettings kafka = SharedKafka.uniqueSettings();
        return new HashMap<>(Map.of(
                "KAFKA_BROKERS", String.join(",", kafka.brokers()),
                "KAFKA_TOPIC", kafka.ordersTopic(),
                "KAFKA_STATUS_TOPIC", kafka.statusTopic(),
                "KAFKA_DLQ_TOPIC", kafka.deadLetterTopic(),
                "SERVER_PORT", "0",
                "API_KEY", API_KEY,
                "KAFKA_PROPERTIES", "{\"ssl.truststore.password\":\"" + KAFKA_PASSWORD + "\"}",
                "LOG_LEVEL", "debug"));
    }

    @Test
    void the_api_key_and_kafka_passwords_are_never_printed() throws Exception {
        List<String> output = new ArrayList<>();
        try (CoffeeProcess producer = CoffeeProcess.start("producer-secrets", environment(), "serve-producer")) {
            Http api = new Http(producer.apiPort());

            assertEquals(201, api.placeOrder("Ann", "Latte", "Authorization", "Bearer " + API_KEY).status());
            assertEquals(401, api.placeOrder("Ann", "Latte", "Authorization", "Bearer " + API_KEY + "x").status());
            assertEquals(401, api.placeOrder("Ann", "Latte").status());
            assertEquals(0, producer.stop());
            output.addAll(producer.output());
        }
        Map<String, String> broken = environment();
        broken.put("KAFKA_PROPERTIES", "{\"sasl.jaas.config\": " + KAFKA_PASSWORD + "}");
        try (CoffeeProcess refused = CoffeeProcess.start("bad-secret-config", broken, "serve-producer")) {
            assertEquals(3, refused.awaitExit(Duration.ofSeconds(60)));
            output.addAll(refused.output());
        }

        assertTrue(output.stream().anyMatch(line -> line.contains("status=401")), "the requests were logged");
        assertTrue(output.stream().anyMatch(line -> line.contains("KAFKA_PROPERTIES")), "the bad setting was named");
        List<String> leaks = output.stream()
                .filter(line -> line.contains(API_KEY) || line.contains(KAFKA_PASSWORD) || line.contains("must-not-leak"))
                .toList();
        assertTrue(leaks.isEmpty(), "secrets printed: " + leaks);
    }
}
