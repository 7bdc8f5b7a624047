package coffee.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DrinkTest {

    @ParameterizedTest
    @ValueSource(strings = {"Cold Brew", "cold-brew", "cold_brew", "COLD BREW", "  cold   brew ", "Cold-_Brew"})
    void cold_brew_is_found_however_it_is_spelled(String name) {
        assertEquals(Drink.COLD_BREW, Drink.of(name));
    }

    @Test
    void every_drink_is_found_by_its_own_display_name_in_any_case() {
        for (Drink drink : Drink.values()) {
            assertEquals(drink, Drink.of(drink.displayName().toUpperCase()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "tea", "latte macchiato", "coldbrew", "lat te"})
    void a_drink_not_on_the_menu_is_rejected(String name) {
        InvalidOrderException e = assertThrows(InvalidOrderException.class, () -> Drink.of(name));
        assertEquals("coffee_type", e.field());
    }

    @Test
    void an_unknown_name_is_simply_absent_when_asked_politely() {
        assertTrue(Drink.fromName("tea").isEmpty());
        assertTrue(Drink.fromName(null).isEmpty());
    }
}
