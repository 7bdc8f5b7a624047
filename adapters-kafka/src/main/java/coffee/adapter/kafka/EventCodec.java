package coffee.adapter.kafka;

import coffee.domain.CustomerName;
import coffee.domain.Drink;
import coffee.domain.Order;
import coffee.domain.OrderCancelRequested;
import coffee.domain.OrderEvent;
import coffee.domain.OrderId;
import coffee.domain.OrderPlaced;
import coffee.domain.OrderStatus;
import coffee.domain.OrderStatusChanged;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The wire format of the topics: JSON with snake_case names, as in the HTTP API.
 *
 * <pre>
 * orders topic:  {"type":"order_placed","order":{...order...}}
 *                {"type":"order_cancel_requested","order_id":"...","requested_at":"..."}
 * status topic:  {...order...}   (a full snapshot: id, customer_name, coffee_type, status, created_at, updated_at)
 * </pre>
 *
 * Unknown fields are ignored so a newer writer does not break an older reader; duplicate
 * fields, missing fields and wrong types make a record unreadable. Written and read with
 * Jackson's streaming API: every order passes through here at least three times, and
 * streaming avoids the reflection of data binding.
 */
final class EventCodec {

    static final String ORDER_PLACED = "order_placed";
    static final String ORDER_CANCEL_REQUESTED = "order_cancel_requested";

    /** Duplicate fields are caught by the readers below (a bit per known field): cheaper than Jackson's check. */
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private EventCodec() {
    }

    static byte[] encode(OrderEvent event) {
        try (ByteArrayBuilder bytes = new ByteArrayBuilder(256);
                JsonGenerator json = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
            switch (event) {
                case OrderPlaced placed -> {
                    json.writeStartObject();
                    json.writeStringField("type", ORDER_PLACED);
                    json.writeFieldName("order");
                    writeOrder(json, placed.order());
                    json.writeEndObject();
                }
                case OrderCancelRequested cancel -> {
                    json.writeStartObject();
                    json.writeStringField("type", ORDER_CANCEL_REQUESTED);
                    json.writeStringField("order_id", cancel.orderId().toString());
                    json.writeStringField("requested_at", InstantText.format(cancel.requestedAt()));
                    json.writeEndObject();
                }
                case OrderStatusChanged changed -> writeOrder(json, changed.order());
            }
            json.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
    }

    private static void writeOrder(JsonGenerator json, Order order) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", order.id().toString());
        json.writeStringField("customer_name", order.customer().value());
        json.writeStringField("coffee_type", order.drink().displayName());
        json.writeStringField("status", order.status().wireName());
        json.writeStringField("created_at", InstantText.format(order.createdAt()));
        json.writeStringField("updated_at", InstantText.format(order.updatedAt()));
        json.writeEndObject();
    }

    /** Reads a record of the orders topic. */
    static OrderEvent decodeCommand(byte[] value) throws UndecodableRecordException {
        try (JsonParser json = open(value)) {
            String type = null;
            Order order = null;
            String orderId = null;
            String requestedAt = null;
            int seen = 0;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken token = json.nextToken();
                switch (field) {
                    case "type" -> {
                        seen = once(seen, 1, field);
                        type = text(json, token, field);
                    }
                    case "order" -> {
                        seen = once(seen, 2, field);
                        order = readOrder(json, token);
                    }
                    case "order_id" -> {
                        seen = once(seen, 4, field);
                        orderId = text(json, token, field);
                    }
                    case "requested_at" -> {
                        seen = once(seen, 8, field);
                        requestedAt = text(json, token, field);
                    }
                    default -> json.skipChildren();
                }
            }
            requireEnd(json);
            try {
                if (ORDER_PLACED.equals(type)) {
                    return new OrderPlaced(required(order, "order"));
                }
                if (ORDER_CANCEL_REQUESTED.equals(type)) {
                    return new OrderCancelRequested(orderId(orderId), instant(requestedAt, "requested_at"));
                }
            } catch (RuntimeException invalid) {
                throw new UndecodableRecordException("invalid " + type + ": " + invalid.getMessage());
            }
            throw new UndecodableRecordException("unknown event type: " + abbreviate(type));
        } catch (JsonProcessingException e) {
            throw new UndecodableRecordException("not valid JSON: " + abbreviate(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UndecodableRecordException("unreadable record: " + abbreviate(e.getMessage()));
        } catch (InvalidField e) {
            throw new UndecodableRecordException(e.getMessage());
        }
    }

    /** Reads a record of the status topic. */
    static OrderStatusChanged decodeStatus(byte[] value) throws UndecodableRecordException {
        try (JsonParser json = open(value)) {
            Order order = readOrderBody(json);
            requireEnd(json);
            return new OrderStatusChanged(order);
        } catch (JsonProcessingException e) {
            throw new UndecodableRecordException("not valid JSON: " + abbreviate(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UndecodableRecordException("unreadable record: " + abbreviate(e.getMessage()));
        } catch (InvalidField e) {
            throw new UndecodableRecordException("invalid order snapshot: " + e.getMessage());
        }
    }

    private static JsonParser open(byte[] value) throws IOException, UndecodableRecordException {
        if (value == null || value.length == 0) {
            throw new UndecodableRecordException("empty record value");
        }
        JsonParser json = JSON.createParser(value);
        JsonToken first = json.nextToken();
        if (first != JsonToken.START_OBJECT) {
            json.close();
            throw new UndecodableRecordException(first == JsonToken.VALUE_NULL
                    ? "record value is JSON null" : "record value is not a JSON object");
        }
        return json;
    }

    private static void requireEnd(JsonParser json) throws IOException {
        if (json.currentToken() != JsonToken.END_OBJECT) {
            throw new InvalidField("not a JSON object");
        }
        if (json.nextToken() != null) {
            throw new InvalidField("trailing data after the JSON object");
        }
    }

    private static Order readOrder(JsonParser json, JsonToken token) throws IOException {
        if (token != JsonToken.START_OBJECT) {
            throw new InvalidField("order must be an object");
        }
        return readOrderBody(json);
    }

    /** Reads the fields of an order object whose START_OBJECT was just read. */
    private static Order readOrderBody(JsonParser json) throws IOException {
        String id = null;
        String customer = null;
        String drink = null;
        String status = null;
        String createdAt = null;
        String updatedAt = null;
        int seen = 0;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken token = json.nextToken();
            switch (field) {
                case "id" -> {
                    seen = once(seen, 1, field);
                    id = text(json, token, field);
                }
                case "customer_name" -> {
                    seen = once(seen, 2, field);
                    customer = text(json, token, field);
                }
                case "coffee_type" -> {
                    seen = once(seen, 4, field);
                    drink = text(json, token, field);
                }
                case "status" -> {
                    seen = once(seen, 8, field);
                    status = text(json, token, field);
                }
                case "created_at" -> {
                    seen = once(seen, 16, field);
                    createdAt = text(json, token, field);
                }
                case "updated_at" -> {
                    seen = once(seen, 32, field);
                    updatedAt = text(json, token, field);
                }
                default -> json.skipChildren();
            }
        }
        try {
            String statusName = required(status, "status");
            return new Order(
                    orderId(id),
                    new CustomerName(required(customer, "customer_name")),
                    Drink.of(required(drink, "coffee_type")),
                    OrderStatus.fromWireName(statusName)
                            .orElseThrow(() -> new InvalidField("unknown status " + abbreviate(statusName))),
                    instant(createdAt, "created_at"),
                    instant(updatedAt, "updated_at"));
        } catch (InvalidField e) {
            throw e;
        } catch (RuntimeException invalid) {
            throw new InvalidField(invalid.getMessage());
        }
    }

    /** Marks a field as read; a field read twice makes the record ambiguous, so unreadable. */
    private static int once(int seen, int bit, String field) {
        if ((seen & bit) != 0) {
            throw new InvalidField("duplicate field " + field);
        }
        return seen | bit;
    }

    private static String text(JsonParser json, JsonToken token, String field) throws IOException {
        if (token != JsonToken.VALUE_STRING) {
            if (token.isStructStart()) {
                json.skipChildren();
            }
            throw new InvalidField(field + " must be a string");
        }
        return json.getText();
    }

    private static OrderId orderId(String text) {
        return OrderId.parse(required(text, "order_id"))
                .orElseThrow(() -> new InvalidField("order_id is not an order id"));
    }

    private static Instant instant(String text, String field) {
        try {
            return InstantText.parse(required(text, field));
        } catch (DateTimeParseException e) {
            throw new InvalidField(field + " is not an RFC 3339 UTC time");
        }
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new InvalidField(field + " is missing");
        }
        return value;
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "null";
        }
        String oneLine = text.replaceAll("\\p{Cntrl}", " ");
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }

    /** A field of a record is missing or wrong; becomes an {@link UndecodableRecordException}. */
    private static final class InvalidField extends RuntimeException {

        InvalidField(String message) {
            super(message, null, false, false);
        }
    }
}
