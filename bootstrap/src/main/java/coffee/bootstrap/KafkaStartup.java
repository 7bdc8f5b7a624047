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
    private static final Duration PAUSE = Duration.ofSeconds(1);

    private KafkaStartup() {
    }

    /** Creates the topics when missing, retrying while Kafka is unreachable, up to {@link #PATIENCE}. */
    static void ensureTopics(KafkaConnection kafka) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                kafka.ensureTopics();
                return;
            } catch (KafkaUnavailableException e) {
                if (System.nanoTime() + PAUSE.toNanos() > deadline) {
                    throw e;
                }
                int shown = attempt;
                LOG.log(Level.WARNING, () -> "waiting for Kafka (attempt " + shown + "): " + e.getMessage());
                Thread.sleep(PAUSE.toMillis());
            }
        }
    }
}
