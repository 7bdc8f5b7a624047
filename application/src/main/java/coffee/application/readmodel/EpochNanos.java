package coffee.application.readmodel;

import java.time.Instant;

/** An order's times as one {@code long} each, nanoseconds since the epoch: what the columns hold. */
final class EpochNanos {

    private EpochNanos() {
    }

    /** The time as nanoseconds since the epoch; a time a {@code long} cannot hold is refused. */
    static long of(Instant time) {
        try {
            return Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000_000L), time.getNano());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("order time out of range (1677..2262): " + time, e);
        }
    }

    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}
