package coffee.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrderIdTest {

    @Test
    void the_same_idempotency_key_always_derives_the_same_id() {
        OrderId first = OrderId.derivedFrom(new IdempotencyKey("retry-me-42"));
        OrderId second = OrderId.derivedFrom(new IdempotencyKey("retry-me-42"));

        assertEquals(first, second);
        assertNotEquals(first, OrderId.derivedFrom(new IdempotencyKey("retry-me-43")));
    }

    @Test
    void a_derived_id_is_a_version_5_uuid() {
        OrderId id = OrderId.derivedFrom(new IdempotencyKey("k"));

        assertEquals(5, id.value().version());
        assertEquals(2, id.value().variant());
    }

    @Test
    void the_canonical_text_form_round_trips() {
        OrderId id = OrderId.random();

        assertEquals(id, OrderId.parse(id.toString()).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "42", "not-a-uuid", "1-1-1-1-1", "../../etc/passwd", "00000000-0000-0000-0000-00000000000g"})
    void anything_else_is_not_an_order_id(String text) {
        assertTrue(OrderId.parse(text).isEmpty());
    }

    @Test
    void upper_and_lower_case_name_the_same_order() {
        OrderId id = OrderId.random();

        assertEquals(id, OrderId.parse(id.toString().toUpperCase()).orElseThrow());
    }

    @Test
    void random_ids_are_version_4_and_do_not_repeat() {
        java.util.Set<OrderId> seen = new java.util.HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            OrderId id = OrderId.random();
            assertEquals(4, id.value().version());
            assertEquals(2, id.value().variant());
            assertTrue(seen.add(id));
        }
    }
}
