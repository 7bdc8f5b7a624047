package coffee.adapter.http;

import coffee.adapter.http.support.Json;
import coffee.domain.CustomerName;
import coffee.domain.Drink;
import coffee.domain.Order;
import coffee.domain.OrderId;
import coffee.domain.OrderStatus;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Orders as the API shows them: snake_case, times in RFC 3339 UTC. Written with the shared
 * mapper's streaming generator: every answer of the order routes goes through here.
 *
 * <pre>
 * order:   {"id", "customer_name", "coffee_type", "status", "created_at", "updated_at"}
 * outcome: {"success": true, "message": "...", "order": {...}}
 * </pre>
 */
final class OrderJson {

    private OrderJson() {
    }

    static byte[] order(Order order) {
        return write(json -> writeOrder(json, order));
    }

    static byte[] orders(List<Order> orders) {
        return write(json -> {
            json.writeStartArray();
            for (Order order : orders) {
                writeOrder(json, order);
            }
            json.writeEndArray();
        });
    }

    /** The answer to a change: {@code {"success": true, "message": "...", "order": {...}}}. */
    static byte[] outcome(String message, Order order) {
        return write(json -> {
            json.writeStartObject();
            json.writeBooleanField("success", true);
            json.writeStringField("message", message);
            json.writeFieldName("order");
            writeOrder(json, order);
            json.writeEndObject();
        });
    }

    private static void writeOrder(JsonGenerator json, Order order) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", order.id().toString());
        json.writeStringField("customer_name", order.customer().value());
        json.writeStringField("coffee_type", order.drink().displayName());
        json.writeStringField("status", order.status().wireName());
        json.writeStringField("created_at", order.createdAt().toString());
        json.writeStringField("updated_at", order.updatedAt().toString());
        json.writeEndObject();
    }

    /** An order as {@link #order(Order)} writes it; throws {@link IllegalArgumentException} for anything else. */
    static Order read(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("not an order: " + json);
        }
        return new Order(
                OrderId.parse(text(json, "id")).orElseThrow(() -> new IllegalArgumentException("not an order id")),
                new CustomerName(text(json, "customer_name")),
                Drink.fromName(text(json, "coffee_type")).orElseThrow(() -> new IllegalArgumentException("no such drink")),
                OrderStatus.fromWireName(text(json, "status")).orElseThrow(() -> new IllegalArgumentException("no such status")),
                Instant.parse(text(json, "created_at")),
                Instant.parse(text(json, "updated_at")));
    }

    static List<Order> readList(JsonNode json) {
        if (json == null || !json.isArray()) {
            throw new IllegalArgumentException("not a list of orders: " + json);
        }
        List<Order> orders = new ArrayList<>(json.size());
        json.forEach(order -> orders.add(read(order)));
        return orders;
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(field + " missing or not text");
        }
        return value.textValue();
    }

    private interface Writing {
        void write(JsonGenerator json) throws IOException;
    }

    private static byte[] write(Writing writing) {
        try (ByteArrayBuilder bytes = new ByteArrayBuilder(256);
                JsonGenerator json = Json.factory().createGenerator(bytes, JsonEncoding.UTF8)) {
            writing.write(json);
            json.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
    }
}
