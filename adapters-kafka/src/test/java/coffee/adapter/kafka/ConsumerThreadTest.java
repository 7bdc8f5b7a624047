package coffee.adapter.kafka;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.junit.jupiter.api.Test;

class ConsumerThreadTest {

    private static final System.Logger LOG = System.getLogger(ConsumerThreadTest.class.getName());

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");

    private ConsumerThread thread(Runnable position, Runnable readOnce, Runnable stopped) {
        return new ConsumerThread(consumer, "test-reader", "orders", Duration.ofSeconds(1), position, readOnce,
                stopped, LOG, "reading orders");
    }

    @Test
    void it_reads_once_positioned_and_closes_the_consumer_when_closed() throws InterruptedException {
        CountDownLatch read = new CountDownLatch(3);
        CountDownLatch stopped = new CountDownLatch(1);
        ConsumerThread thread = thread(() -> { }, read::countDown, stopped::countDown);

        thread.start();
        assertTrue(read.await(5, TimeUnit.SECONDS), "reads round after round");
        thread.close();

        assertTrue(stopped.await(5, TimeUnit.SECONDS));
        assertTrue(consumer.closed());
    }

    @Test
    void a_round_that_fails_is_tried_again() throws InterruptedException {
        CountDownLatch rounds = new CountDownLatch(2);
        ConsumerThread thread = thread(() -> { }, () -> {
            rounds.countDown();
            throw new IllegalStateException("broken round");
        }, () -> { });

        thread.start();

        assertTrue(rounds.await(5, TimeUnit.SECONDS), "one failed round does not end the reading");
        thread.close();
    }

    @Test
    void a_failure_to_position_fails_the_start_and_closes_the_consumer() {
        KafkaUnavailableException failure = new KafkaUnavailableException("topic orders does not exist", null);
        ConsumerThread thread = thread(() -> {
            throw failure;
        }, () -> { }, () -> { });

        assertSame(failure, assertThrows(KafkaUnavailableException.class, thread::start));
        assertTrue(consumer.closed());
    }

    @Test
    void closing_a_thread_never_started_closes_its_consumer() {
        thread(() -> { }, () -> { }, () -> { }).close();

        assertTrue(consumer.closed());
    }
}
