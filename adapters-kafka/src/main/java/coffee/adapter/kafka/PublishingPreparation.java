package coffee.adapter.kafka;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Has the publisher's Kafka producer learn where the orders and status topics' partitions are
 * before the first order, waiting for Kafka at start-up. Without it the first orders after a
 * start wait in {@code send()} for that metadata, within {@code max.block.ms} (a tenth of the
 * timeout): on a busy machine they were refused with a 503 in the first second although Kafka
 * was fine.
 */
final class PublishingPreparation {

    private final Producer<byte[], byte[]> publishing;
    private final KafkaSettings settings;
    private final Retrying retrying;

    PublishingPreparation(Producer<byte[], byte[]> publishing, KafkaSettings settings, Retrying retrying) {
        this.publishing = publishing;
        this.settings = settings;
        this.retrying = retrying;
    }

    /**
     * Asks the producer for both topics' partitions until Kafka answers, as {@link
     * Retrying#untilAvailable} tries: once a second for a minute, waiting with {@code pause}.
     *
     * @throws KafkaUnavailableException if Kafka did not answer within the start-up's minute
     */
    void awaitPartitions(StartUpPause pause) throws InterruptedException {
        retrying.untilAvailable(() -> {
            try {
                publishing.partitionsFor(settings.ordersTopic());
                publishing.partitionsFor(settings.statusTopic());
            } catch (TimeoutException e) {
                throw new KafkaUnavailableException("Kafka did not say where the topics' partitions are: "
                        + e.getMessage(), e);
            }
        }, pause);
    }
}
