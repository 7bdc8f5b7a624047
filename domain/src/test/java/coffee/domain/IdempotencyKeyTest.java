package coffee.domain;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdempotencyKeyTest {

    @Test
    void a_uuid_is_a_fine_key() {
        assertDoesNotThrow(() -> new IdempotencyKey("0b6a4a8e-6f0e-4a39-8f6d-2b8c3c1f9a77"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "k\ney", "caf\u00e9"})
    void blank_or_non_printable_keys_are_rejected(String key) {
        assertThrows(InvalidOrderException.class, () -> new IdempotencyKey(key));
    }

    @Test
    void a_key_longer_than_255_characters_is_rejected() {
        assertThrows(InvalidOrderException.class, () -> new IdempotencyKey("k".repeat(256)));
    }
}
