package coffee.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CustomerNameTest {

    @Test
    void surrounding_spaces_are_trimmed() {
        assertEquals("Ann", CustomerName.of("  Ann \t").value());
    }

    @Test
    void a_name_of_exactly_one_hundred_characters_is_accepted() {
        assertEquals(100, CustomerName.of("a".repeat(100)).value().length());
    }

    @Test
    void length_counts_characters_not_utf16_units() {
        String hundredEmoji = "\u2615".repeat(50) + "\uD83D\uDE00".repeat(50);

        assertEquals(150, CustomerName.of(hundredEmoji).value().length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t\n"})
    void an_empty_name_is_rejected(String raw) {
        InvalidOrderException e = assertThrows(InvalidOrderException.class, () -> CustomerName.of(raw));
        assertEquals(OrderField.CUSTOMER_NAME, e.field());
    }

    @Test
    void a_name_longer_than_one_hundred_characters_is_rejected() {
        assertThrows(InvalidOrderException.class, () -> CustomerName.of("a".repeat(101)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ann\nINFO forged log line", "A\u0000nn", "Ann\u001b[31m", "Ann\u2028Bob", "Ann\u0085", "\uD800Ann"})
    void control_characters_and_broken_text_are_rejected(String raw) {
        assertThrows(InvalidOrderException.class, () -> CustomerName.of(raw));
    }

    @Test
    void a_missing_name_is_rejected_with_the_field_named() {
        InvalidOrderException e = assertThrows(InvalidOrderException.class, () -> CustomerName.of(null));
        assertEquals(OrderField.CUSTOMER_NAME, e.field());
    }
}
