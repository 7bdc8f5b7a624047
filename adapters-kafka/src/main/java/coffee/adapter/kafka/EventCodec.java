package coffee.adapter.kafka;

import static coffee.adapter.kafka.JsonRecordReader.abbreviate;
import static coffee.adapter.kafka.JsonRecordReader.open;
import static coffee.adapter.kafka.JsonRecordReader.readFields;
import static coffee.adapter.kafka.JsonRecordReader.requireEnd;
import static coffee.adapter.kafka.JsonRecordReader.required;

import coffee.adapter.kafka.JsonRecordReader.FieldReader;
import coffee.adapter.kafka.JsonRecordReader.InvalidField;
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

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private static final FieldReader TEXT = JsonRecordReader::text;
    private static final String[] COMMAND_FIELDS = {"type", "order", "order_id", "requested_at"};
    private static final FieldReader[] COMMAND_READERS = {TEXT, (json, token, field) -> readOrder(json, token), TEXT, TEXT};
    private static final String[] ORDER_FIELDS =
            {"id", "customer_name", "coffee_type", "status", "created_at", "updated_at"};
    private static final FieldReader[] ORDER_READERS = {TEXT, TEXT, TEXT, TEXT, TEXT, TEXT};

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
            Object[] fields = readFields(json, COMMAND_FIELDS, COMMAND_READERS);
            String type = (String) fields[0];
            Order order = (Order) fields[1];
            String orderId = (String) fields[2];
            String requestedAt = (String) fields[3];
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

    private static Order readOrder(JsonParser json, JsonToken token) throws IOException {
        if (token != JsonToken.START_OBJECT) {
            throw new InvalidField("order must be an object");
        }
        return readOrderBody(json);
    }

    /** Reads the fields of an order object whose START_OBJECT was just read. */
    private static Order readOrderBody(JsonParser json) throws IOException {
        Object[] fields = readFields(json, ORDER_FIELDS, ORDER_READERS);
        String id = (String) fields[0];
        String customer = (String) fields[1];
        String drink = (String) fields[2];
        String status = (String) fields[3];
        String createdAt = (String) fields[4];
        String updatedAt = (String) fields[5];
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
}
