package coffee.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestIdTest {

    @Test
    void a_sane_incoming_id_is_kept() {
        assertEquals("abc-123_x.y", RequestId.reuseOrGenerate("abc-123_x.y").value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "line\nbreak", "quote\"", "<script>"})
    void an_unsafe_incoming_id_is_replaced(String incoming) {
        RequestId id = RequestId.reuseOrGenerate(incoming);

        assertNotEquals(incoming, id.value());
        assertTrue(RequestId.isValid(id.value()));
    }

    @Test
    void an_overlong_incoming_id_is_replaced() {
        assertNotEquals(65, RequestId.reuseOrGenerate("a".repeat(65)).value().length());
    }

    @Test
    void generated_ids_are_valid_and_distinct() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            RequestId id = RequestId.generate();
            assertTrue(RequestId.isValid(id.value()));
            assertTrue(seen.add(id.value()));
        }
    }
}
