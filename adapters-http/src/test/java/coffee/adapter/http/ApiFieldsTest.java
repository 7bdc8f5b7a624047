package coffee.adapter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import coffee.domain.CustomerName;
import coffee.domain.Drink;
import coffee.domain.IdempotencyKey;
import coffee.domain.InvalidOrderException;
import org.junit.jupiter.api.Test;

/** The API says a refused value with its own field names, whatever words the domain uses. */
class ApiFieldsTest {

    @Test
    void a_refused_value_is_named_as_the_client_sent_it() {
        InvalidOrderException empty = assertThrows(InvalidOrderException.class, () -> CustomerName.of(" "));
        InvalidOrderException missing = assertThrows(InvalidOrderException.class, () -> Drink.of(null));
        InvalidOrderException key = assertThrows(InvalidOrderException.class, () -> new IdempotencyKey(""));

        assertEquals("customer_name must not be empty", ApiFields.message(empty));
        assertEquals("customer_name", ApiFields.name(empty.field()));
        assertEquals("coffee_type is required", ApiFields.message(missing));
        assertEquals("Idempotency-Key must not be empty", ApiFields.message(key));
    }

    @Test
    void a_drink_not_on_the_menu_says_where_the_menu_is() {
        InvalidOrderException tea = assertThrows(InvalidOrderException.class, () -> Drink.of("tea"));

        assertEquals("coffee_type must be one of the drinks on the menu (GET /menu)", ApiFields.message(tea));
        assertEquals("drink must be one of the drinks on the menu", tea.getMessage(), "the domain's own words");
    }
}
