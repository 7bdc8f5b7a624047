package coffee.adapter.kafka;

import static coffee.domain.OrderTestData.aPendingOrder;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coffee.application.port.out.PublishFailedException;
import coffee.domain.OrderPlaced;
import coffee.domain.RequestId;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

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
}
