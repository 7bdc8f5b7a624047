package coffee.adapter.kafka;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The one thread that owns a consumer reading without a group: it positions the consumer,
 * then reads round after round until closed (a second's pause after a failed round), and
 * closes the consumer at the end. Others stop it with a flag and {@code wakeup()}.
 */
final class ConsumerThread {

    private final Consumer<?, ?> consumer;
    private final String topics;
    private final Duration timeout;
    private final Runnable position;
    private final Runnable readOnce;
    private final Runnable stopped;
    private final System.Logger log;
    private final String activity;
    private final Thread thread;
    private final CountDownLatch positioned = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile RuntimeException startFailure;

    /**
     * @param topics what the consumer reads, for messages
     * @param position assigns and seeks; a failure fails {@link #start}
     * @param readOnce one round of reading; a {@code WakeupException} only makes the loop look
     *     again whether it still runs
     * @param stopped after the last round, before the consumer closes
     * @param log where a failed round is logged, as {@code "<activity> failed, retrying in 1 s"}
     */
    ConsumerThread(Consumer<?, ?> consumer, String name, String topics, Duration timeout, Runnable position,
            Runnable readOnce, Runnable stopped, System.Logger log, String activity) {
        this.consumer = consumer;
        this.topics = topics;
        this.timeout = timeout;
        this.position = position;
        this.readOnce = readOnce;
        this.stopped = stopped;
        this.log = log;
        this.activity = activity;
        this.thread = Thread.ofPlatform().name(name).daemon().unstarted(this::run);
    }

    /**
     * Starts reading; returns once positioned.
     *
     * @throws KafkaUnavailableException if Kafka does not say where the topics are in time
     */
    void start() throws InterruptedException {
        thread.start();
        if (!positioned.await(timeout.toMillis() * 2, TimeUnit.MILLISECONDS)) {
            close();
            throw new KafkaUnavailableException("could not read topics " + topics
                    + " within " + timeout.toMillis() * 2 + " ms: is Kafka reachable?", null);
        }
        if (startFailure != null) {
            close();
            throw startFailure;
        }
    }

    private void run() {
        try {
            position.run();
        } catch (RuntimeException e) {
            startFailure = e instanceof KafkaUnavailableException ? e
                    : new KafkaUnavailableException("cannot read " + topics + ": " + e.getMessage(), e);
            positioned.countDown();
            consumer.close(Duration.ZERO);
            return;
        }
        positioned.countDown();
        try {
            while (running) {
                try {
                    readOnce.run();
                } catch (WakeupException e) {
                    // another thread wants something, or close(): the loop looks
                } catch (RuntimeException e) {
                    log.log(Level.ERROR, activity + " failed, retrying in 1 s", e);
                    pause();
                }
            }
        } finally {
            try {
                stopped.run();
            } finally {
                consumer.close(Duration.ofSeconds(1));
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Stops reading and waits (5 s at most) for the consumer to close; closes it at once if never started. */
    void close() {
        running = false;
        if (thread.getState() == Thread.State.NEW) {
            // never started: nobody else owns the consumer
            consumer.close(Duration.ZERO);
            return;
        }
        consumer.wakeup();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
