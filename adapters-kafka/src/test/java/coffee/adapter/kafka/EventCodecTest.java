package coffee.adapter.kafka;

import static coffee.domain.OrderTestData.T0;
import static coffee.domain.OrderTestData.aPendingOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coffee.domain.Order;
import coffee.domain.OrderCancelRequested;
import coffee.domain.OrderPlaced;
import coffee.domain.OrderStatusChanged;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventCodecTest {

    @Test
    void a_placed_order_round_trips() throws Exception {
        OrderPlaced placed = new OrderPlaced(aPendingOrder());

        assertEquals(placed, EventCodec.decodeCommand(EventCodec.encode(placed)));
    }

    @Test
    void a_cancel_request_round_trips() throws Exception {
        OrderCancelRequested cancel = new OrderCancelRequested(aPendingOrder().id(), T0);

        assertEquals(cancel, EventCodec.decodeCommand(EventCodec.encode(cancel)));
    }

    @Test
    void a_status_snapshot_round_trips() throws Exception {
        OrderStatusChanged changed = new OrderStatusChanged(aPendingOrder().startBrewing(T0.plusMillis(1)));

        assertEquals(changed, EventCodec.decodeStatus(EventCodec.encode(changed)));
    }

    @Test
    void the_wire_format_is_snake_case_json_as_documented() {
        Order order = aPendingOrder();

        String json = new String(EventCodec.encode(new OrderPlaced(order)), StandardCharsets.UTF_8);

        assertEquals("{\"type\":\"order_placed\",\"order\":{\"id\":\"" + order.id() + "\",\"customer_name\":\"Ann\","
                + "\"coffee_type\":\"Latte\",\"status\":\"pending\",\"created_at\":\"2026-11-24T09:00:00Z\","
                + "\"updated_at\":\"2026-11-24T09:00:00Z\"}}", json);
    }

    @Test
    void fields_a_newer_writer_adds_are_ignored() throws Exception {
        Order order = aPendingOrder();
        String json = new String(EventCodec.encode(new OrderPlaced(order)), StandardCharsets.UTF_8)
                .replace("{\"type\"", "{\"schema\":2,\"type\"");

        assertEquals(order, ((OrderPlaced) EventCodec.decodeCommand(json.getBytes(StandardCharsets.UTF_8))).order());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "not json", "null", "[]", "{}", "{\"type\":\"order_exploded\"}",
        "{\"type\":\"order_placed\"}",
        "{\"type\":\"order_placed\",\"order\":{\"id\":\"nope\"}}",
        "{\"type\":\"order_cancel_requested\",\"order_id\":\"4b3c0d9e-2a51-4f7e-9b1c-0a2d3e4f5a6b\"}",
        "{\"type\":\"order_placed\",\"type\":\"order_placed\"}"
    })
    void records_nobody_can_read_are_reported_with_a_reason(String value) {
        UndecodableRecordException e = assertThrows(UndecodableRecordException.class,
                () -> EventCodec.decodeCommand(value.getBytes(StandardCharsets.UTF_8)));

        assertTrue(!e.getMessage().isBlank());
    }

    @Test
    void a_snapshot_with_an_unknown_drink_is_unreadable() {
        Order order = aPendingOrder();
        String json = new String(EventCodec.encode(new OrderStatusChanged(order)), StandardCharsets.UTF_8)
                .replace("Latte", "Tea");

        assertThrows(UndecodableRecordException.class,
                () -> EventCodec.decodeStatus(json.getBytes(StandardCharsets.UTF_8)));
    }
}
