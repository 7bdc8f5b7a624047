package coffee.application.readmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EpochNanosTest {

    @Test
    void a_time_comes_back_to_the_nanosecond_before_and_after_the_epoch() {
        for (Instant time : new Instant[] {
                Instant.parse("2026-12-03T11:30:00.123456789Z"), Instant.parse("1969-12-31T23:59:59.000000001Z")}) {
            assertEquals(time, EpochNanos.instant(EpochNanos.of(time)));
        }
    }

    @Test
    void a_time_a_long_cannot_hold_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> EpochNanos.of(Instant.parse("2300-01-01T00:00:00Z")));
    }
}
