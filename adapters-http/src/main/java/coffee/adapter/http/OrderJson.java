package coffee.adapter.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import coffee.domain.Order;

/** An order as the API shows it: snake_case, times in RFC 3339 UTC. */
record OrderJson(
        @JsonProperty("id") String id,
        @JsonProperty("customer_name") String customerName,
        @JsonProperty("coffee_type") String coffeeType,
        @JsonProperty("status") String status,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("updated_at") String updatedAt) {

    static OrderJson from(Order order) {
        return new OrderJson(order.id().toString(), order.customer().value(), order.drink().displayName(),
                order.status().wireName(), order.createdAt().toString(), order.updatedAt().toString());
    }

    /** The answer to a change: {@code {"success": true, "message": "...", "order": {...}}}. */
    record Outcome(
            @JsonProperty("success") boolean success,
            @JsonProperty("message") String message,
            @JsonProperty("order") OrderJson order) {

        static Outcome of(String message, Order order) {
            return new Outcome(true, message, from(order));
        }
    }
}
