package coffee.peer;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** POST /order: validated, published, acknowledged, answered; errors as JSON. */
@RestController
class OrderController {

    private static final Set<String> DRINKS = Set.of("espresso", "americano", "latte", "cappuccino", "flat white",
            "macchiato", "mocha", "cold brew");

    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;
    private final String topic;

    OrderController(KafkaTemplate<String, String> kafka, JsonMapper json, @Value("${peer.topic}") String topic) {
        this.kafka = kafka;
        this.json = json;
        this.topic = topic;
    }

    record PlaceOrder(String customer_name, String coffee_type) {
    }

    record Order(String id, String customer_name, String coffee_type, String status, Instant created_at,
            Instant updated_at) {
    }

    record OrderPlaced(String type, Order order) {
    }

    @PostMapping("/order")
    ResponseEntity<?> place(@RequestBody PlaceOrder request) throws InterruptedException {
        if (request.customer_name() == null || request.customer_name().isBlank()
                || request.customer_name().length() > 100) {
            return error(HttpStatus.BAD_REQUEST, "customer_name must be 1 to 100 characters");
        }
        if (request.coffee_type() == null || !DRINKS.contains(request.coffee_type().strip().toLowerCase())) {
            return error(HttpStatus.BAD_REQUEST, "coffee_type must be one of " + DRINKS);
        }
        Instant now = Instant.now();
        Order order = new Order(UUID.randomUUID().toString(), request.customer_name().strip(),
                request.coffee_type().strip(), "pending", now, now);
        try {
            kafka.send(topic, order.id(), json.writeValueAsString(new OrderPlaced("order_placed", order)))
                    .get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return error(HttpStatus.SERVICE_UNAVAILABLE, "order not accepted: Kafka did not acknowledge it");
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("order", order));
    }

    private static ResponseEntity<?> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("error", message));
    }
}
