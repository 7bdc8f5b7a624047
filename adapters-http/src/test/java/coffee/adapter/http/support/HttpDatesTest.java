package coffee.adapter.http.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpDatesTest {

    @Test
    void a_date_is_an_imf_fixdate_with_a_two_digit_day_in_gmt() {
        assertEquals("Tue, 01 Dec 2026 09:05:03 GMT", HttpDates.format(Instant.parse("2026-12-01T09:05:03.999Z")));
        assertEquals("Thu, 24 Dec 2026 23:59:59 GMT", HttpDates.format(Instant.parse("2026-12-24T23:59:59Z")));
    }

    @Test
    void now_is_an_imf_fixdate_too() {
        assertTrue(HttpDates.now().matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT"),
                HttpDates.now());
    }

    @Test
    void the_three_formats_http_allows_are_read_and_anything_else_is_ignored() {
        Instant expected = Instant.parse("2026-12-01T09:05:03Z");

        assertEquals(Optional.of(expected), HttpDates.parse("Tue, 01 Dec 2026 09:05:03 GMT"));
        assertEquals(Optional.of(expected), HttpDates.parse("Tue, 1 Dec 2026 09:05:03 GMT"));
        assertEquals(Optional.of(expected), HttpDates.parse("Tuesday, 01-Dec-26 09:05:03 GMT"));
        assertEquals(Optional.of(expected), HttpDates.parse("Tue Dec  1 09:05:03 2026"));
        assertEquals(Optional.empty(), HttpDates.parse("yesterday"));
        assertEquals(Optional.empty(), HttpDates.parse(""));
    }
}
