package coffee.adapter.kafka;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Moves records nobody can handle to the dead-letter topic, byte for byte, with the reason and
 * where they came from in headers, so the consumer moves on and a person can look later.
 */
final class DeadLetters {

    private static final System.Logger LOG = System.getLogger(DeadLetters.class.getName());

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final Retrying retrying;

    DeadLetters(Producer<byte[], byte[]> producer, String topic, Retrying retrying) {
        this.producer = producer;
        this.topic = topic;
        this.retrying = retrying;
    }

    /** Completes once the dead letter is stored; retries while Kafka is away. */
    CompletableFuture<Void> send(ConsumerRecord<byte[], byte[]> record, String reason) {
        LOG.log(Level.WARNING, () -> String.format(Locale.ROOT,
                "dead-lettered %s-%s@%s to %s: %s",
                record.topic(), record.partition(), record.offset(), topic, reason));
        ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(topic, null, record.key(), record.value());
        for (Header header : record.headers()) {
            letter.headers().add(header);
        }
        letter.headers()
                .add(Headers.DLQ_ERROR, utf8(reason))
                .add(Headers.DLQ_SOURCE_TOPIC, utf8(record.topic()))
                .add(Headers.DLQ_SOURCE_PARTITION, utf8(Integer.toString(record.partition())))
                .add(Headers.DLQ_SOURCE_OFFSET, utf8(Long.toString(record.offset())));
        return retrying.untilAcknowledged("dead letter for " + record.topic() + "-" + record.partition() + "@"
                + record.offset(), () -> send(letter));
    }

    private CompletableFuture<Void> send(ProducerRecord<byte[], byte[]> letter) {
        CompletableFuture<Void> stored = new CompletableFuture<>();
        try {
            producer.send(letter, (metadata, failure) -> {
                if (failure == null) {
                    stored.complete(null);
                } else {
                    stored.completeExceptionally(failure);
                }
            });
        } catch (RuntimeException e) {
            stored.completeExceptionally(e);
        }
        return stored;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

}
