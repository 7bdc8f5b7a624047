package coffee.bootstrap.bench;

import coffee.domain.CustomerName;
import coffee.domain.Drink;
import coffee.domain.Order;
import coffee.domain.OrderId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Bench tool (never part of the product): writes a backlog of {@code order_placed} events
 * straight to the orders topic, so consumer throughput can be measured on its own.
 *
 * <p>Usage: {@code FillBacklog <brokers> <topic> <count> <partitions>}. The topic is created
 * with that many partitions when missing. The events are written exactly as the producer writes
 * them (same JSON, key and header).
 */
public final class FillBacklog {

    private FillBacklog() {
    }

    public static void main(String[] args) throws Exception {
        String brokers = args[0];
        String topic = args[1];
        int count = Integer.parseInt(args[2]);
        int partitions = Integer.parseInt(args[3]);
        createTopicIfMissing(brokers, topic, partitions);
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 10,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        long started = System.nanoTime();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            CustomerName customer = new CustomerName("Backlog");
            Instant now = Instant.now();
            for (int i = 0; i < count; i++) {
                Order order = Order.place(OrderId.random(), customer, Drink.values()[i % Drink.values().length], now);
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic,
                        order.id().toString().getBytes(StandardCharsets.UTF_8), placedJson(order));
                record.headers().add("request-id", ("backlog-" + i).getBytes(StandardCharsets.UTF_8));
                producer.send(record, (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("wrote %d orders in %.1f s (%.0f/s)%n", count, seconds, count / seconds);
    }

    private static void createTopicIfMissing(String brokers, String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty())))
                        .all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** The wire format of the orders topic (see docs/architecture.md); kept literal on purpose. */
    static byte[] placedJson(Order order) {
        return ("{\"type\":\"order_placed\",\"order\":{\"id\":\"" + order.id() + "\",\"customer_name\":\""
                + order.customer().value() + "\",\"coffee_type\":\"" + order.drink().displayName()
                + "\",\"status\":\"pending\",\"created_at\":\"" + order.createdAt() + "\",\"updated_at\":\""
                + order.updatedAt() + "\"}}").getBytes(StandardCharsets.UTF_8);
    }
}
