package coffee.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AddressParsersTest {

    @Test
    void brokers_are_host_port_pairs_in_a_json_array_or_a_comma_list() {
        assertEquals(List.of("a:9092", "b:9093"), AddressParsers.brokers().parse("[\"a:9092\", \"b:9093\"]"));
        assertEquals(List.of("a:9092", "b:9093"), AddressParsers.brokers().parse("a:9092, b:9093"));
        assertThrows(IllegalArgumentException.class, () -> AddressParsers.brokers().parse("a"));
    }

    @Test
    void a_host_is_a_name_or_an_address_and_999_1_1_1_is_neither() {
        assertEquals("::1", AddressParsers.host().parse("[::1]"));
        assertEquals("shop.example", AddressParsers.host().parse("shop.example"));
        assertThrows(IllegalArgumentException.class, () -> AddressParsers.host().parse("999.1.1.1"));
    }

    @Test
    void voters_name_each_node_once() {
        assertEquals(List.of("1@a:9093", "2@b:9093"), AddressParsers.voters().parse("1@a:9093,2@b:9093"));
        assertThrows(IllegalArgumentException.class, () -> AddressParsers.voters().parse("1@a:9093,1@b:9093"));
    }

    @Test
    void an_origin_is_kept_in_lower_case_and_has_no_path() {
        assertEquals(List.of("https://shop.example"), AddressParsers.origins().parse("HTTPS://Shop.Example"));
        assertThrows(IllegalArgumentException.class, () -> AddressParsers.origins().parse("https://shop.example/"));
    }

    @Test
    void an_advertised_url_names_an_instance_without_a_path() {
        assertEquals(Optional.of("http://10.0.0.5:3000"), AddressParsers.optionalHttpUrl().parse("http://10.0.0.5:3000"));
        assertThrows(IllegalArgumentException.class,
                () -> AddressParsers.optionalHttpUrl().parse("http://10.0.0.5:3000/"));
    }
}
