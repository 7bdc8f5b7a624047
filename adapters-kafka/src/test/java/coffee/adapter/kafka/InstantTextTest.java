package coffee.adapter.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InstantTextTest {

    @Test
    void formats_exactly_like_instant_to_string_and_reads_it_back() {
        Random random = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            long seconds = random.nextLong(-62_135_596_800L, 253_402_300_799L);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);

            assertEquals(instant.toString(), InstantText.format(instant));
            assertEquals(instant, InstantText.parse(instant.toString()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-24T09:00:00.1Z", "2026-11-24T09:00:00.12Z", "2026-02-28T23:59:59.123456789Z",
        "2024-02-29T00:00:00Z", "2026-11-24T09:00:00+01:00", "2026-11-24T24:00:00Z", "2026-11-24T09:00:00.Z"})
    void reads_what_instant_parse_reads(String text) {
        assertEquals(Instant.parse(text), InstantText.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-24T25:00:00Z",
        "2026-11-24T09:00:00.1234567890Z", "2026-11-24 09:00:00Z", "yesterday"})
    void refuses_what_instant_parse_refuses(String text) {
        assertThrows(DateTimeParseException.class, () -> InstantText.parse(text));
    }
}
