package coffee.adapter.kafka;

import coffee.application.port.out.OrderPublisher;
import coffee.application.port.out.PublishFailedException;
import coffee.domain.OrderEvent;
import coffee.domain.OrderPlaced;
import coffee.domain.OrderStatusChanged;
import coffee.domain.RequestId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Publishes order events: commands to the orders topic, status snapshots to the status topic.
 * The record key is the order id, so one order's events stay in order on one partition; the
 * {@code request-id} header lets logs follow the order from the HTTP request on.
 */
final class KafkaOrderPublisher implements OrderPublisher {

    private final Producer<byte[], byte[]> producer;
    private final String ordersTopic;
    private final String statusTopic;
    private final byte[] writer;
    private final RecentPlacements recent;

    KafkaOrderPublisher(Producer<byte[], byte[]> producer, KafkaSettings settings, byte[] writer,
            RecentPlacements recent) {
        this.producer = producer;
        this.recent = recent;
        this.writer = writer;
        this.ordersTopic = settings.ordersTopic();
        this.statusTopic = settings.statusTopic();
    }

    @Override
    public CompletionStage<Void> publish(OrderEvent event, RequestId requestId) {
        String topic = event instanceof OrderStatusChanged ? statusTopic : ordersTopic;
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic,
                event.orderId().toString().getBytes(StandardCharsets.UTF_8), EventCodec.encode(event));
        record.headers().add(Headers.REQUEST_ID, requestId.value().getBytes(StandardCharsets.UTF_8));
        record.headers().add(Headers.WRITER, writer);
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        long started = System.nanoTime();
        try {
            // bounded by the client's own timeouts (see ClientConfigs): no timer per record here
            producer.send(record, (metadata, failure) -> {
                if (failure == null) {
                    if (event instanceof OrderPlaced placed) {
                        recent.acknowledged(placed.order(), metadata.partition(), metadata.offset());
                    }
                    acknowledged.complete(null);
                } else {
                    acknowledged.completeExceptionally(failed(failure, started));
                }
            });
        } catch (RuntimeException e) {
            // send() itself gives up after max.block.ms when no broker answers
            acknowledged.completeExceptionally(failed(e, started));
        }
        return acknowledged;
    }

    /**
     * Says how long it really waited: the client gives up on a broker it cannot reach after
     * max.block.ms, on an acknowledgement after delivery.timeout.ms, each part of the timeout.
     */
    private static PublishFailedException failed(Throwable cause, long started) {
        String why = cause instanceof RetriableException || cause instanceof org.apache.kafka.common.errors.TimeoutException
                ? "Kafka did not acknowledge within " + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms"
                        + (cause.getMessage() != null ? " (" + cause.getMessage() + ")" : "")
                : "Kafka refused the record: " + cause.getMessage();
        return new PublishFailedException(why, cause);
    }
}
