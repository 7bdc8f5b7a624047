package coffee.adapter.kafka;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Asks Kafka every few seconds whether it is usable (reachable, topics present) and keeps the
 * answer, so a health endpoint reads it at once instead of waiting on a dead broker. Logs
 * when the answer changes, not every time.
 */
public final class KafkaHealthProbe implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(KafkaHealthProbe.class.getName());

    private final KafkaTopics topics;
    private final Duration timeout;
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("kafka-health").factory());
    private volatile Optional<String> problem = Optional.of("not checked yet");

    KafkaHealthProbe(KafkaTopics topics, Duration interval, Duration timeout) {
        this.topics = topics;
        this.timeout = timeout;
        probe();
        scheduler.scheduleWithFixedDelay(this::probe, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void probe() {
        Optional<String> now;
        try {
            now = topics.problem(timeout);
        } catch (RuntimeException e) {
            now = Optional.of(e.toString());
        }
        Optional<String> before = problem;
        problem = now;
        if (now.isPresent() && before.isEmpty()) {
            LOG.log(Level.WARNING, "Kafka is not usable: " + now.get());
        } else if (now.isEmpty() && before.isPresent() && !before.get().equals("not checked yet")) {
            LOG.log(Level.INFO, "Kafka is usable again");
        }
    }

    /** Why Kafka is not usable, as of the last probe; empty when it is. */
    public Optional<String> problem() {
        return problem;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
