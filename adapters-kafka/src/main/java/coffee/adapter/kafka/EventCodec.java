package coffee.adapter.kafka;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import coffee.domain.CustomerName;
import coffee.domain.Drink;
import coffee.domain.Order;
import coffee.domain.OrderCancelRequested;
import coffee.domain.OrderEvent;
import coffee.domain.OrderId;
import coffee.domain.OrderPlaced;
import coffee.domain.OrderStatus;
import coffee.domain.OrderStatusChanged;
import java.io.IOException;
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
 * Unknown fields are ignored so a newer writer does not break an older reader.
 */
final class EventCodec {

    static final String ORDER_PLACED = "order_placed";
    static final String ORDER_CANCEL_REQUESTED = "order_cancel_requested";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final ObjectWriter ENVELOPE_WRITER = MAPPER.writerFor(EnvelopeJson.class);
    private static final ObjectWriter ORDER_WRITER = MAPPER.writerFor(OrderJson.class);
    private static final ObjectReader ENVELOPE_READER = MAPPER.readerFor(EnvelopeJson.class);
    private static final ObjectReader ORDER_READER = MAPPER.readerFor(OrderJson.class);

    private EventCodec() {
    }

    static byte[] encode(OrderEvent event) {
        try {
            return switch (event) {
                case OrderPlaced placed -> ENVELOPE_WRITER.writeValueAsBytes(
                        new EnvelopeJson(ORDER_PLACED, OrderJson.from(placed.order()), null, null));
                case OrderCancelRequested cancel -> ENVELOPE_WRITER.writeValueAsBytes(
                        new EnvelopeJson(ORDER_CANCEL_REQUESTED, null, cancel.orderId().toString(),
                                cancel.requestedAt().toString()));
                case OrderStatusChanged changed -> ORDER_WRITER.writeValueAsBytes(OrderJson.from(changed.order()));
            };
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot happen: our own records always serialize", e);
        }
    }

    /** Reads a record of the orders topic. */
    static OrderEvent decodeCommand(byte[] value) throws UndecodableRecordException {
        EnvelopeJson envelope = read(ENVELOPE_READER, value);
        try {
            if (ORDER_PLACED.equals(envelope.type())) {
                required(envelope.order(), "order");
                return new OrderPlaced(envelope.order().toOrder());
            }
            if (ORDER_CANCEL_REQUESTED.equals(envelope.type())) {
                return new OrderCancelRequested(orderId(envelope.orderId()), instant(envelope.requestedAt(), "requested_at"));
            }
        } catch (RuntimeException invalid) {
            throw new UndecodableRecordException("invalid " + envelope.type() + ": " + invalid.getMessage());
        }
        throw new UndecodableRecordException("unknown event type: " + abbreviate(envelope.type()));
    }

    /** Reads a record of the status topic. */
    static OrderStatusChanged decodeStatus(byte[] value) throws UndecodableRecordException {
        OrderJson order = read(ORDER_READER, value);
        try {
            return new OrderStatusChanged(order.toOrder());
        } catch (RuntimeException invalid) {
            throw new UndecodableRecordException("invalid order snapshot: " + invalid.getMessage());
        }
    }

    private static <T> T read(ObjectReader reader, byte[] value) throws UndecodableRecordException {
        if (value == null || value.length == 0) {
            throw new UndecodableRecordException("empty record value");
        }
        try {
            T read = reader.readValue(value);
            if (read == null) {
                throw new UndecodableRecordException("record value is JSON null");
            }
            return read;
        } catch (JsonProcessingException e) {
            throw new UndecodableRecordException("not valid JSON: " + abbreviate(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UndecodableRecordException("unreadable record: " + abbreviate(e.getMessage()));
        } catch (RuntimeException e) {
            throw new UndecodableRecordException("unreadable record: " + abbreviate(e.getMessage()));
        }
    }

    private static OrderId orderId(String text) {
        return OrderId.parse(required(text, "order_id"))
                .orElseThrow(() -> new IllegalArgumentException("order_id is not an order id"));
    }

    private static Instant instant(String text, String field) {
        try {
            return Instant.parse(required(text, field));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " is not an RFC 3339 UTC time", e);
        }
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is missing");
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

    /** An event on the orders topic. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record EnvelopeJson(
            @JsonProperty("type") String type,
            @JsonProperty("order") OrderJson order,
            @JsonProperty("order_id") String orderId,
            @JsonProperty("requested_at") String requestedAt) {
    }

    /** An order, as it appears in events and snapshots. */
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

        Order toOrder() {
            return new Order(
                    orderId(id),
                    new CustomerName(required(customerName, "customer_name")),
                    Drink.of(required(coffeeType, "coffee_type")),
                    OrderStatus.fromWireName(required(status, "status"))
                            .orElseThrow(() -> new IllegalArgumentException("unknown status " + abbreviate(status))),
                    instant(createdAt, "created_at"),
                    instant(updatedAt, "updated_at"));
        }
    }
}
