package coffee.adapter.kafka;

import coffee.domain.Order;
import coffee.domain.OrderEvent;
import coffee.domain.OrderId;
import coffee.domain.OrderPlaced;
import coffee.domain.OrderStatusChanged;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.utils.Utils;

/**
 * Finds one order in Kafka without a view of all orders: reads only the partition that holds
 * its key, of the orders topic and of the (compacted) status topic, from the beginning to the
 * end they have now, and keeps the most advanced snapshot of the order. That costs one
 * partition's history of each topic, so it is for a one-shot command that needs to know one
 * order ({@code coffee order --idempotency-key}), not for answering reads.
 */
final class KafkaOrderLookup {

    private static final System.Logger LOG = System.getLogger(KafkaOrderLookup.class.getName());
    private static final Duration POLL = Duration.ofMillis(100);

    private final Consumer<byte[], byte[]> consumer;
    private final KafkaSettings settings;

    /** @param consumer a consumer of no group, used by this lookup alone */
    KafkaOrderLookup(Consumer<byte[], byte[]> consumer, KafkaSettings settings) {
        this.consumer = consumer;
        this.settings = settings;
    }

    /**
     * The order as Kafka has it now: placed, with its latest status; empty if it was never
     * placed.
     *
     * @throws KafkaUnavailableException if Kafka does not answer within the timeout
     */
    Optional<Order> find(OrderId id) {
        byte[] key = id.toString().getBytes(StandardCharsets.UTF_8);
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(settings.ordersTopic(), settings.statusTopic())) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, settings.timeout());
                if (infos != null && !infos.isEmpty()) {
                    partitions.add(new TopicPartition(topic, partitionOf(key, infos.size())));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, settings.timeout());
            Order found = null;
            long lastProgress = System.nanoTime();
            while (!reached(ends)) {
                boolean progress = false;
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    progress = true;
                    if (Arrays.equals(record.key(), key)) {
                        found = later(found, decode(record));
                    }
                }
                if (progress) {
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > settings.timeout().toNanos()) {
                    throw notReachable(null);
                }
            }
            return Optional.ofNullable(found);
        } catch (TimeoutException e) {
            throw notReachable(e);
        }
    }

    /**
     * The partition Kafka's default partitioner gives a record with this key, as the publisher
     * writes every order event (keyed by order id, no partition of its own).
     */
    static int partitionOf(byte[] key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key)) % partitions;
    }

    private boolean reached(Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey(), settings.timeout()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** The order an event shows; null for one that shows none (a cancel request) or cannot be read. */
    private Order decode(ConsumerRecord<byte[], byte[]> record) {
        try {
            OrderEvent event = record.topic().equals(settings.statusTopic())
                    ? EventCodec.decodeStatus(record.value())
                    : EventCodec.decodeCommand(record.value());
            return switch (event) {
                case OrderPlaced placed -> placed.order();
                case OrderStatusChanged changed -> changed.order();
                default -> null;
            };
        } catch (UndecodableRecordException e) {
            LOG.log(Level.DEBUG, () -> "passing over an unreadable record at " + record.topic() + "/"
                    + record.partition() + "@" + record.offset() + ": " + e.getMessage());
            return null;
        }
    }

    private static Order later(Order found, Order candidate) {
        if (candidate == null) {
            return found;
        }
        return found == null || candidate.supersedes(found) ? candidate : found;
    }

    private KafkaUnavailableException notReachable(Throwable cause) {
        return new KafkaUnavailableException("Kafka at " + String.join(",", settings.brokers())
                + " is not reachable (no answer within " + settings.timeout().toMillis() + " ms)", cause);
    }
}
