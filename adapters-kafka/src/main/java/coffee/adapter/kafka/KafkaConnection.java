package coffee.adapter.kafka;

import coffee.application.port.in.OrderProcessor;
import coffee.application.port.in.ProjectOrderEvents;
import coffee.application.port.out.OrderPublisher;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.PartitionInfo;

/**
 * The one way into the Kafka adapter: everything a role needs from Kafka, built on one shared,
 * thread-safe producer. Opening does no I/O; each method says what it starts.
 */
public final class KafkaConnection implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(KafkaConnection.class.getName());
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final KafkaSettings settings;
    private final String clientId;
    /** Marks what this connection publishes, so its own feeds can pass over it (see KafkaEventFeed). */
    private final byte[] writer = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
    private final Retrying retrying = new Retrying();
    private Producer<byte[], byte[]> producer;
    private Admin admin;

    private KafkaConnection(KafkaSettings settings, String clientId) {
        this.settings = settings;
        this.clientId = clientId;
    }

    /** @param role names the clients in broker logs and metrics, for example {@code producer} */
    public static KafkaConnection open(KafkaSettings settings, String role) {
        return new KafkaConnection(settings, "coffee-" + role + "-" + INSTANCES.incrementAndGet());
    }

    public KafkaSettings settings() {
        return settings;
    }

    /**
     * Creates the orders, status and dead-letter topics if they are missing.
     *
     * @throws KafkaUnavailableException if Kafka does not answer within the timeout
     */
    public void ensureTopics() {
        topics().ensureExist(settings.timeout());
    }

    /**
     * Like {@link #ensureTopics()}, giving up on an unreachable Kafka after {@code answerWithin}
     * rather than the timeout: for a caller that tries again and again while Kafka starts.
     *
     * @throws KafkaUnavailableException if Kafka does not answer within {@code answerWithin}
     */
    public void ensureTopics(Duration answerWithin) {
        topics().ensureExist(answerWithin);
    }

    /** Why Kafka is not usable right now (unreachable, a topic missing); empty if it is. */
    public Optional<String> problem() {
        return topics().problem();
    }

    /**
     * Starts probing Kafka in the background every {@code interval}, each probe bounded by
     * {@code timeout}, for readiness checks that must answer at once.
     */
    public KafkaHealthProbe startHealthProbe(Duration interval, Duration timeout) {
        return new KafkaHealthProbe(topics(), interval, timeout);
    }

    /**
     * Publishes order events with acknowledgement from Kafka, bounded by the timeout.
     *
     * <p>This connection's feeds pass over what it published (the {@code writer} header): whoever
     * publishes through it must also put what it publishes into its view, as the services do
     * (placing saves after the acknowledgement, brewing saves before publishing).
     */
    public synchronized OrderPublisher publisher() {
        return new KafkaOrderPublisher(producer(), settings, writer);
    }

    /**
     * Starts a feed of placed orders and their statuses from both topics into {@code view},
     * returning once it is positioned.
     */
    public OrderFeed followOrdersAndStatuses(ProjectOrderEvents view, StartAt from) throws InterruptedException {
        Map<String, KafkaEventFeed.Decoder> decoders = new LinkedHashMap<>();
        decoders.put(settings.ordersTopic(), EventCodec::decodeCommand);
        decoders.put(settings.statusTopic(), EventCodec::decodeStatus);
        return startFeed(decoders, view, from, "orders-feed");
    }

    /** Starts a feed of statuses only (what the consumer side needs to know which orders are done). */
    public OrderFeed followStatuses(ProjectOrderEvents view, StartAt from) throws InterruptedException {
        return startFeed(Map.of(settings.statusTopic(), EventCodec::decodeStatus), view, from, "status-feed");
    }

    private OrderFeed startFeed(Map<String, KafkaEventFeed.Decoder> decoders, ProjectOrderEvents view, StartAt from,
            String name) throws InterruptedException {
        KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(ClientConfigs.feedConsumer(settings, clientId + "-" + name));
        return new KafkaEventFeed(consumer, decoders, view, from, settings.timeout(), name, writer).start();
    }

    /**
     * Joins the consumer group and starts handing orders to {@code processor}. Before taking
     * partitions it brings {@code knownOrders} up to date from the status topic, so it knows
     * which of their orders are done.
     *
     * <p>When both topics have the same number of partitions, an order's statuses sit in the
     * partition with the number of its orders partition, and only this consumer writes them while
     * it owns that partition (writing through to {@code knownOrders}). So the status topic is
     * read only when partitions are taken over, and only theirs: a consumer never reads back its
     * own writes. Otherwise it follows the whole status topic.
     */
    public OrderConsumer consume(OrderProcessor processor, ProjectOrderEvents knownOrders) throws InterruptedException {
        boolean samePartitioning = partitionCount(settings.ordersTopic()) == partitionCount(settings.statusTopic());
        KafkaEventFeed statuses = new KafkaEventFeed(
                new KafkaConsumer<>(ClientConfigs.feedConsumer(settings, clientId + "-status-feed")),
                Map.of(settings.statusTopic(), EventCodec::decodeStatus), knownOrders, StartAt.BEGINNING,
                settings.timeout(), "status-feed", samePartitioning, writer).start();
        KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(ClientConfigs.groupConsumer(settings, clientId + "-consumer"));
        DeadLetters deadLetters = new DeadLetters(producer(), settings.deadLetterTopic(), retrying);
        Consumer<Set<Integer>> catchUp = partitions -> {
            try {
                statuses.awaitCaughtUp(samePartitioning ? partitions : null, Duration.ofSeconds(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (KafkaUnavailableException e) {
                LOG.log(System.Logger.Level.WARNING, "taking partitions before the status view caught up; "
                        + "some finished orders may be brewed again: " + e.getMessage());
            }
        };
        return new KafkaOrderConsumer(consumer, processor, deadLetters, catchUp, statuses, settings.ordersTopic(),
                settings.maxQueuedPerPartition(), "order-consumer").start();
    }

    private int partitionCount(String topic) {
        try (KafkaConsumer<byte[], byte[]> probe =
                new KafkaConsumer<>(ClientConfigs.feedConsumer(settings, clientId + "-probe"))) {
            List<PartitionInfo> partitions = probe.partitionsFor(topic, settings.timeout());
            if (partitions == null || partitions.isEmpty()) {
                throw new KafkaUnavailableException("topic " + topic + " does not exist", null);
            }
            return partitions.size();
        }
    }

    private synchronized Producer<byte[], byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(ClientConfigs.producer(settings, clientId));
        }
        return producer;
    }

    private synchronized KafkaTopics topics() {
        if (admin == null) {
            admin = Admin.create(ClientConfigs.admin(settings, clientId + "-admin"));
        }
        return new KafkaTopics(admin, settings);
    }

    /** Sends what is buffered (bounded by the timeout) and closes every client. */
    @Override
    public synchronized void close() {
        retrying.close();
        if (producer != null) {
            producer.close(settings.timeout());
            producer = null;
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
            admin = null;
        }
    }

}
