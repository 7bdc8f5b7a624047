package coffee.adapter.kafka;

import coffee.application.port.in.OrderProcessor;
import coffee.application.port.in.ProjectOrderEvents;
import coffee.application.port.out.OrderPublisher;
import coffee.domain.Order;
import coffee.domain.OrderId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;

/**
 * The one way into the Kafka adapter: everything a role needs from Kafka, built on one shared,
 * thread-safe producer. Opening does no I/O; each method says what it starts. Clients are built
 * when first needed: a client property Kafka refuses is then an {@link InvalidClientPropertyException}.
 */
public final class KafkaConnection implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(KafkaConnection.class.getName());
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final KafkaSettings settings;
    private final KafkaClients clients;
    /** Marks what this connection publishes, so its own feeds can pass over it (see KafkaEventFeed). */
    private final byte[] writer = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
    private final Retrying retrying = new Retrying();
    /** How far this connection's view has folded each partition of the orders topic. */
    private final ViewProgress ordersFolded = new ViewProgress();
    /** Orders placed through this connection, for its view to answer at once (read-your-writes). */
    private final RecentPlacements recentPlacements = new RecentPlacements(ordersFolded);

    private KafkaConnection(KafkaSettings settings, String clientId) {
        this.settings = settings;
        this.clients = new KafkaClients(settings, clientId);
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
     * Like {@link #ensureTopics()}, waiting for Kafka while it is unreachable, for a role's
     * start-up (command-line tools fail fast instead): tries once a second, saying so each time
     * ({@code waiting for Kafka (attempt n)}), and gives up after a minute. Each attempt waits a
     * second for an answer, or the timeout when that is shorter.
     *
     * @param pause how to wait between attempts; it ends the waiting when the role is asked to stop
     * @throws KafkaUnavailableException if Kafka did not answer within the minute
     */
    public void ensureTopicsWaitingForKafka(StartUpPause pause) throws InterruptedException {
        Duration answerWithin = Retrying.START_UP_ATTEMPT.compareTo(settings.timeout()) < 0
                ? Retrying.START_UP_ATTEMPT : settings.timeout();
        retrying.untilAvailable(() -> topics().ensureExist(answerWithin), pause);
    }

    /**
     * Has the publisher's Kafka producer learn where the orders and status topics' partitions
     * are before the first order (see {@code PublishingPreparation} for why), waiting for Kafka
     * as {@link #ensureTopicsWaitingForKafka} does.
     *
     * @throws KafkaUnavailableException if Kafka did not answer within the start-up's minute
     */
    public void preparePublishingWaitingForKafka(StartUpPause pause) throws InterruptedException {
        new PublishingPreparation(clients.producer(), settings, retrying).awaitPartitions(pause);
    }

    /** Why Kafka is not usable right now (unreachable, a topic missing); empty if it is. */
    public Optional<String> problem() {
        try {
            return topics().problem();
        } catch (KafkaUnavailableException e) {
            return Optional.of(e.getMessage());
        }
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
     * publishes through it and follows its feeds must put what it publishes into its own view,
     * as brewing does (it saves each status before publishing it). The Kafka Streams view reads
     * everything; orders placed through this connection it answers for at once, before it has
     * read them back.
     */
    public synchronized OrderPublisher publisher() {
        return new KafkaOrderPublisher(clients.producer(), settings, writer, recentPlacements);
    }

    /**
     * Like {@link #publisher()}, for the consumers' statuses: no one waits on the other end, so a
     * publication may take up to a minute while Kafka moves a partition's leadership, and in
     * exchange is written once. Publishing a status again after a timeout would write it twice
     * whenever the first one had landed: an order {@code completed} twice.
     */
    public synchronized OrderPublisher statusPublisher() {
        return new KafkaOrderPublisher(clients.statusProducer(), settings, writer, recentPlacements);
    }

    /**
     * Looks one order up in Kafka as it is now, placed and with its latest status, without a
     * view: reads its key's partition of both topics to their current end (see {@link
     * KafkaOrderLookup}), so the cost is one partition's history. For one-shot commands.
     *
     * @throws KafkaUnavailableException if Kafka does not answer within the timeout
     */
    public Optional<Order> findOrder(OrderId id) {
        KafkaConsumer<byte[], byte[]> consumer = clients.feedConsumer("lookup");
        try {
            return new KafkaOrderLookup(consumer, settings).find(id);
        } finally {
            // no group, nothing to commit: waiting would only wait out the fetch the broker holds (500 ms)
            consumer.close(CloseOptions.timeout(Duration.ZERO));
        }
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
        return new KafkaEventFeed(clients.feedConsumer(name), decoders, view, from, settings.timeout(), name, writer)
                .start();
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
                clients.feedConsumer("status-feed"),
                Map.of(settings.statusTopic(), EventCodec::decodeStatus), knownOrders, StartAt.BEGINNING,
                settings.timeout(), "status-feed", samePartitioning, writer).start();
        KafkaConsumer<byte[], byte[]> consumer = clients.groupConsumer("consumer");
        DeadLetters deadLetters = new DeadLetters(clients.producer(), settings.deadLetterTopic(), retrying);
        Consumer<Map<Integer, Long>> catchUp = replaysFrom -> {
            try {
                if (samePartitioning) {
                    Map<Integer, Long> readFrom = new HashMap<>();
                    replaysFrom.forEach((partition, timestamp) ->
                            readFrom.put(partition, timestamp < 0 ? -1 : ReplayWindow.readFrom(timestamp)));
                    statuses.awaitCaughtUp(readFrom, Duration.ofSeconds(60));
                } else {
                    statuses.awaitCaughtUp(Duration.ofSeconds(60));
                }
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

    /**
     * The changes of orders, live (every order placed, every status), for followers of this
     * process; not started yet ({@link KafkaOrderChanges#start}). Does no I/O.
     *
     * @param remembered how many of the most recent changes to keep for followers who resume
     */
    public KafkaOrderChanges orderChanges(int remembered) {
        return orderChanges(remembered, KafkaOrderChanges.IDLE_AFTER);
    }

    /** The same with another pause: tests do not wait half a minute for it. */
    KafkaOrderChanges orderChanges(int remembered, Duration idleAfter) {
        return new KafkaOrderChanges(clients.feedConsumer("changes"), settings, remembered, idleAfter);
    }

    /**
     * The producers' view of orders, not started yet ({@link KafkaOrderView#start}): a Kafka
     * Streams application over the orders and status topics, shared by every instance with the
     * same {@link ViewSettings#applicationId()}. Does no I/O.
     */
    public synchronized KafkaOrderView orderView(ViewSettings view, ViewPeers peers) {
        return new KafkaOrderView(settings, view, clients.clientId() + "-view", clients.admin(), this::partitionCount,
                peers, ordersFolded, recentPlacements);
    }

    private int partitionCount(String topic) {
        try (KafkaConsumer<byte[], byte[]> probe = clients.feedConsumer("probe")) {
            List<PartitionInfo> partitions = probe.partitionsFor(topic, settings.timeout());
            if (partitions == null || partitions.isEmpty()) {
                throw new KafkaUnavailableException("topic " + topic + " does not exist", null);
            }
            return partitions.size();
        }
    }

    private KafkaTopics topics() {
        return new KafkaTopics(clients.admin(), settings);
    }

    /** Sends what is buffered (bounded by the timeout) and closes every client. */
    @Override
    public synchronized void close() {
        retrying.close();
        clients.close();
    }
}
