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
        assertEquals(OrderField.DRINK, e.field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ColdBrew", "coldbrew", "COLDBREW", "la-tte", "lat_te", "Flatwhite", "-latte", "latte_",
        "cold.brew", "cold+brew"})
    void only_the_separator_between_words_is_free_not_the_words_themselves(String name) {
        assertTrue(Drink.fromName(name).isEmpty(), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"flat white", "FLAT-WHITE", "flat__white", "Flat - White", "\tflat white\n"})
    void case_surrounding_white_space_and_the_separator_between_words_are_free(String name) {
        assertEquals(Drink.FLAT_WHITE, Drink.of(name));
    }

    @Test
    void an_unknown_name_is_simply_absent_when_asked_politely() {
        assertTrue(Drink.fromName("tea").isEmpty());
        assertTrue(Drink.fromName(null).isEmpty());
    }
}
