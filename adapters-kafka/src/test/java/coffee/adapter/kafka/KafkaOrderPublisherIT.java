package coffee.adapter.kafka;

import static coffee.domain.OrderTestData.aPendingOrder;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coffee.adapter.kafka.broker.EmbeddedKafkaBroker;
import coffee.application.port.out.PublishFailedException;
import coffee.domain.OrderPlaced;
import coffee.domain.RequestId;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaOrderPublisherIT {

    private static int portNobodyListensOn() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void publishing_without_a_reachable_broker_fails_within_the_timeout() throws Exception {
        KafkaSettings settings = KafkaSettings.defaults(List.of("127.0.0.1:" + portNobodyListensOn()))
                .withTimeout(Duration.ofSeconds(1));
        try (KafkaConnection kafka = KafkaConnection.open(settings, "test")) {
            long started = System.nanoTime();

            CompletionException failure = assertThrows(CompletionException.class, () -> kafka.publisher()
                    .publish(new OrderPlaced(aPendingOrder()), RequestId.generate()).toCompletableFuture().join());

            long tookMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            assertInstanceOf(PublishFailedException.class, failure.getCause());
            assertTrue(tookMillis < 5_000, "gave up after " + tookMillis + " ms");
        }
    }

    @Test
    void a_publish_kafka_did_not_acknowledge_says_how_long_it_really_waited() throws Exception {
        KafkaSettings settings = KafkaSettings.defaults(List.of("127.0.0.1:" + portNobodyListensOn()))
                .withTimeout(Duration.ofSeconds(4));
        try (KafkaConnection kafka = KafkaConnection.open(settings, "test")) {
            long started = System.nanoTime();

            CompletionException failure = assertThrows(CompletionException.class, () -> kafka.publisher()
                    .publish(new OrderPlaced(aPendingOrder()), RequestId.generate()).toCompletableFuture().join());

            long tookMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            String message = failure.getCause().getMessage();
            Matcher waited = Pattern.compile("within (\\d+) ms").matcher(message);
            assertTrue(waited.find(), message);
            long saidMillis = Long.parseLong(waited.group(1));
            // it gives up waiting for the broker after a tenth of the timeout (max.block.ms), not the whole
            assertTrue(saidMillis <= tookMillis && saidMillis >= 400, message + ", took " + tookMillis + " ms");
        }
    }

    @Test
    void creating_topics_without_a_reachable_broker_fails_with_a_clear_message() throws Exception {
        KafkaSettings settings = KafkaSettings.defaults(List.of("127.0.0.1:" + portNobodyListensOn()))
                .withTimeout(Duration.ofSeconds(1));
        try (KafkaConnection kafka = KafkaConnection.open(settings, "test")) {
            KafkaUnavailableException e = assertThrows(KafkaUnavailableException.class, kafka::ensureTopics);

            assertTrue(e.getMessage().contains("not reachable"), e.getMessage());
        }
    }

    @Test
    void a_publisher_prepared_at_start_knows_its_topics_so_an_order_never_waits_for_their_metadata(@TempDir Path dir)
            throws Exception {
        int port = portNobodyListensOn();
        KafkaSettings settings = KafkaSettings.defaults(List.of("127.0.0.1:" + port)).withTimeout(Duration.ofSeconds(4));
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir, port);
        boolean stopped = false;
        try (KafkaConnection kafka = KafkaConnection.open(settings, "test")) {
            kafka.ensureTopics();
            kafka.preparePublishingWaitingForKafka(pause -> Thread.sleep(pause.toMillis()));
            // with the broker gone, an order can only wait for its acknowledgement: had its
            // producer to ask where the topic is first, send() would give up on that metadata
            broker.close();
            stopped = true;

            CompletionException failure = assertThrows(CompletionException.class, () -> kafka.publisher()
                    .publish(new OrderPlaced(aPendingOrder()), RequestId.generate()).toCompletableFuture().join());

            String message = failure.getCause().getMessage();
            assertTrue(message.contains("Kafka did not acknowledge"), message);
            assertFalse(message.contains("metadata"), message);
        } finally {
            if (!stopped) {
                broker.close();
            }
        }
    }
}
