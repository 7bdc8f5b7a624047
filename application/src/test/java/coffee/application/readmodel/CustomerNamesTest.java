package coffee.application.readmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import coffee.domain.CustomerName;
import org.junit.jupiter.api.Test;

class CustomerNamesTest {

    private final CustomerNames names = new CustomerNames();

    @Test
    void a_spelling_seen_again_keeps_its_number() {
        int ann = names.numberOf(new CustomerName("Ann"));

        assertEquals(ann, names.numberOf(new CustomerName("Ann")));
        assertEquals(new CustomerName("Ann"), names.name(ann));
    }

    @Test
    void another_spelling_of_the_same_customer_is_kept_as_spelled() {
        int ann = names.numberOf(new CustomerName("Ann"));
        int shouted = names.numberOf(new CustomerName("ANN"));

        assertNotEquals(ann, shouted);
        assertEquals(new CustomerName("ANN"), names.name(shouted));
    }
}
