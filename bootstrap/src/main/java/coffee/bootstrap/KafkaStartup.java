package coffee.bootstrap;

import coffee.adapter.kafka.KafkaConnection;
import coffee.adapter.kafka.KafkaUnavailableException;
import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * A service role waits for Kafka at start-up instead of giving up at the first timeout: the
 * broker may start after it, or be slow for a moment. Command-line tools fail fast instead.
 */
final class KafkaStartup {

    private static final System.Logger LOG = System.getLogger(KafkaStartup.class.getName());
    /** Long enough for a broker starting beside us; short enough that a wrong address is noticed. */
    static final Duration PATIENCE = Duration.ofSeconds(60);
    /**
     * One attempt a second, each waiting at most that long for an answer: a broker that comes up
     * is noticed within a second, and the log says once a second that we wait. A reachable
     * cluster lists its topics in milliseconds; the clients keep connecting between attempts.
     */
    private static final Duration ATTEMPT = Duration.ofSeconds(1);

    private KafkaStartup() {
    }

    /** Creates the topics when missing, retrying while Kafka is unreachable, up to {@link #PATIENCE}. */
    static void ensureTopics(KafkaConnection kafka) throws InterruptedException {
        Duration answerWithin = ATTEMPT.compareTo(kafka.settings().timeout()) < 0 ? ATTEMPT : kafka.settings().timeout();
        long started = System.nanoTime();
        long deadline = started + PATIENCE.toNanos();
        for (int attempt = 1; ; attempt++) {
            long attemptStarted = System.nanoTime();
            try {
                kafka.ensureTopics(answerWithin);
                return;
            } catch (KafkaUnavailableException e) {
                // asked to stop during the attempt: no more waiting, and no more saying so
                Lifecycle.pauseUnlessStopped(Duration.ZERO);
                long nextAttempt = attemptStarted + ATTEMPT.toNanos();
                if (nextAttempt > deadline) {
                    throw new KafkaUnavailableException("gave up waiting for Kafka after "
                            + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s: " + e.getMessage(), e);
                }
                int shown = attempt;
                LOG.log(Level.WARNING, () -> "waiting for Kafka (attempt " + shown + "): " + e.getMessage());
                // a stop asked for meanwhile ends the wait at once
                Lifecycle.pauseUnlessStopped(Duration.ofNanos(Math.max(0, nextAttempt - System.nanoTime())));
            }
        }
    }
}
