package coffee.bootstrap.bench;

import coffee.domain.CustomerName;
import coffee.domain.Drink;
import coffee.domain.Order;
import coffee.domain.OrderId;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Bench tool (never part of the product): fills the topics with a history of finished orders,
 * the records written as the producer and the consumers write them: for each order its
 * {@code order_placed}, then its {@code processing} and {@code completed} snapshots, one order
 * every {@code spacing} milliseconds up to a minute ago, customers {@code Guest 0} to
 * {@code Guest 999}. Then the consumer group commits past all of it, as the consumers that
 * brewed them would have (with the metadata this build's consumers write: see ReplayWindow).
 *
 * <p>Usage: {@code FillHistory <brokers> <orders topic> <status topic> <group> <count>
 * <partitions> <ids file>}. Writes one id in a thousand to {@code ids file}, for reads.
 */
public final class FillHistory {

    static final int CUSTOMERS = 1000;

    private FillHistory() {
    }

    public static void main(String[] args) throws Exception {
        String brokers = args[0];
        String ordersTopic = args[1];
        String statusTopic = args[2];
        String group = args[3];
        int count = Integer.parseInt(args[4]);
        int partitions = Integer.parseInt(args[5]);
        Path idsFile = Path.of(args[6]);
        createTopics(brokers, ordersTopic, statusTopic, partitions);
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 128L << 20,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        long started = System.nanoTime();
        long spacingMs = 10;
        long first = System.currentTimeMillis() - 60_000 - count * spacingMs;
        AtomicReference<Exception> failure = new AtomicReference<>();
        CustomerName[] customers = new CustomerName[CUSTOMERS];
        for (int i = 0; i < CUSTOMERS; i++) {
            customers[i] = new CustomerName("Guest " + i);
        }
        Drink[] drinks = Drink.values();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config);
                PrintWriter ids = new PrintWriter(Files.newBufferedWriter(idsFile))) {
            for (int i = 0; i < count; i++) {
                long at = first + i * spacingMs;
                Instant placedAt = Instant.ofEpochMilli(at);
                Order placed = Order.place(OrderId.random(), customers[i % CUSTOMERS], drinks[i % drinks.length],
                        placedAt);
                Order processing = placed.startBrewing(placedAt.plusMillis(2));
                Order completed = processing.complete(placedAt.plusMillis(5));
                byte[] key = placed.id().toString().getBytes(StandardCharsets.UTF_8);
                send(producer, new ProducerRecord<>(ordersTopic, null, at, key, placedJson(placed)), i, failure);
                send(producer, new ProducerRecord<>(statusTopic, null, at + 2, key, orderJson(processing)), i, failure);
                send(producer, new ProducerRecord<>(statusTopic, null, at + 5, key, orderJson(completed)), i, failure);
                if (i % 1000 == 0) {
                    ids.println(placed.id());
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        commitAsHandled(brokers, ordersTopic, group, partitions, first + (count - 1) * spacingMs);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("wrote %d finished orders (%d records) in %.1f s (%.0f orders/s)%n", count, 3L * count,
                seconds, count / seconds);
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, ProducerRecord<byte[], byte[]> record, int i,
            AtomicReference<Exception> failure) {
        record.headers().add("request-id", ("history-" + i).getBytes(StandardCharsets.UTF_8));
        producer.send(record, (metadata, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
        });
    }

    private static void createTopics(String brokers, String ordersTopic, String statusTopic, int partitions)
            throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            var existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            if (!existing.contains(ordersTopic)) {
                admin.createTopics(List.of(new NewTopic(ordersTopic, Optional.of(partitions), Optional.empty())))
                        .all().get(30, TimeUnit.SECONDS);
            }
            if (!existing.contains(statusTopic)) {
                admin.createTopics(List.of(new NewTopic(statusTopic, Optional.of(partitions), Optional.empty())
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                        .all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** The group has handled everything: its consumers start at the end, their replays from {@code lastPolled}. */
    private static void commitAsHandled(String brokers, String topic, String group, int partitions, long lastPolled)
            throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int partition = 0; partition < partitions; partition++) {
                latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
            }
            Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
            admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((partition, end) ->
                    commits.put(partition, new OffsetAndMetadata(end.offset(), "coffee:replay-from=" + lastPolled)));
            admin.alterConsumerGroupOffsets(group, commits).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** The wire format of the topics (see docs/architecture.md); kept literal on purpose. */
    static byte[] placedJson(Order order) {
        return ("{\"type\":\"order_placed\",\"order\":" + new String(orderJson(order), StandardCharsets.UTF_8) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] orderJson(Order order) {
        return ("{\"id\":\"" + order.id() + "\",\"customer_name\":\"" + order.customer().value()
                + "\",\"coffee_type\":\"" + order.drink().displayName() + "\",\"status\":\""
                + order.status().wireName() + "\",\"created_at\":\"" + order.createdAt() + "\",\"updated_at\":\""
                + order.updatedAt() + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
