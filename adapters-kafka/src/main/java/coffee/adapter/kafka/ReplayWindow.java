package coffee.adapter.kafka;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * How far back in the status topic a consumer reads when it takes a partition over: only as far
 * as the statuses of the orders it will be handed again, not the whole history.
 *
 * <p>Every commit of the orders topic carries, in its metadata, the timestamp of the first
 * record not yet handled (or of the last one polled, when all are). Whatever the new owner is
 * handed again was polled after that moment, so its statuses were published after it too. The
 * new owner reads the status partition from {@link #LOOKBACK} before that moment: a margin for
 * clocks that disagree between machines, and for a retried placement whose first copy was
 * brewed a little earlier (a client's retry comes within seconds).
 */
final class ReplayWindow {

    static final Duration LOOKBACK = Duration.ofSeconds(30);
    private static final String PREFIX = "coffee:replay-from=";

    private ReplayWindow() {
    }

    /** The commit metadata for a partition whose unhandled records start at {@code timestampMs}. */
    static String metadata(long timestampMs) {
        return PREFIX + timestampMs;
    }

    /** The timestamp a commit's metadata carries; empty for commits without (older builds, other tools). */
    static OptionalLong timestampOf(String metadata) {
        if (metadata == null || !metadata.startsWith(PREFIX)) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(metadata.substring(PREFIX.length())));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Where to start reading statuses for orders handed over with this commit metadata. */
    static long readFrom(long timestampMs) {
        return Math.max(0, timestampMs - LOOKBACK.toMillis());
    }
}
