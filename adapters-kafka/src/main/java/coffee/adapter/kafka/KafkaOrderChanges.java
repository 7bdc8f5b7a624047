package coffee.adapter.kafka;

import static coffee.adapter.kafka.ChangePositions.ORDERS;
import static coffee.adapter.kafka.ChangePositions.STATUSES;
import static coffee.adapter.kafka.ChangePositions.advance;
import static coffee.adapter.kafka.ChangePositions.copy;
import static coffee.adapter.kafka.ChangePositions.format;

import coffee.application.port.out.OrderChanges;
import coffee.application.port.out.OrderViewUnavailableException;
import coffee.domain.FollowedOrders;
import coffee.domain.Order;
import coffee.domain.OrderChange;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * The changes of orders, live, for server-sent events: every order placed (orders topic) and
 * every status (status topic), read by this process itself from every partition of both topics
 * without a consumer group. So any producer instance can follow any order, whichever part of
 * the view it holds.
 *
 * <p>A change's position is where this reader stood in Kafka just after it: the next offset of
 * every partition of the orders topic, then of the status topic ({@code 12.0.7-3.1.0} for three
 * partitions; {@link ChangePositions}). It means the same on every instance, so a follower may
 * resume on another one. The most recent changes are remembered (a bounded number) for those who
 * resume; what is older is no longer replayed. They are kept as read, undecoded
 * ({@link RememberedChange}), and their positions worked out from the position before the oldest:
 * every producer reads every change, but most have nobody following, so a change costs JSON and
 * position text only when someone asks for it. The followers are filed by the order or customer
 * they follow ({@link FollowerIndex}): a change is tested against
 * those it can concern, not against every follower of the process.
 */
public final class KafkaOrderChanges implements OrderChanges, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(KafkaOrderChanges.class.getName());
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String ordersTopic;
    private final String statusTopic;
    private final Duration timeout;
    private final int remembered;
    private final ConsumerThread thread;
    /** Guarded by this. */
    private final FollowerIndex<Subscriber> subscribers = new FollowerIndex<>();
    /** Guarded by this: the next offset of each partition, [topic][partition]. */
    private long[][] next;
    /** Guarded by this: the next offsets just before the oldest remembered record. */
    private long[][] beforeRemembered;
    /** Guarded by this: the most recent records read, oldest first, decoded only when asked for. */
    private final ArrayDeque<RememberedChange> recent = new ArrayDeque<>();

    KafkaOrderChanges(KafkaConsumer<byte[], byte[]> consumer, KafkaSettings settings, int remembered) {
        this.consumer = consumer;
        this.ordersTopic = settings.ordersTopic();
        this.statusTopic = settings.statusTopic();
        this.timeout = settings.timeout();
        this.remembered = remembered;
        this.thread = new ConsumerThread(consumer, "order-changes", ordersTopic + " and " + statusTopic, timeout,
                this::position, this::readOnce, () -> { }, LOG, "following the changes of orders");
    }

    /**
     * Starts following both topics from their current end; returns once positioned there.
     *
     * @throws KafkaUnavailableException if Kafka does not say where the topics end in time
     */
    public KafkaOrderChanges start() throws InterruptedException {
        thread.start();
        return this;
    }

    @Override
    public Subscription subscribe(Optional<String> after, boolean replayRemembered, FollowedOrders which,
            Consumer<OrderChange> live) {
        long[][] floor;
        List<OrderChange> replay = new ArrayList<>();
        Subscriber subscriber;
        Runnable unsubscribe;
        synchronized (this) {
            if (next == null) {
                throw new OrderViewUnavailableException("the changes of orders are not followed yet");
            }
            floor = after.isPresent() ? ChangePositions.parse(after.get(), next) : null;
            if (floor != null || replayRemembered) {
                long[][] position = copy(beforeRemembered);
                for (RememberedChange record : recent) {
                    position = advance(position, record.topic, record.partition, record.offset);
                    boolean wanted = floor == null || record.partition >= floor[record.topic].length
                            || record.offset >= floor[record.topic][record.partition];
                    Order order = wanted ? record.order() : null;
                    if (order != null && which.matches(order)) {
                        replay.add(new OrderChange(order, format(position)));
                    }
                }
            }
            subscriber = new Subscriber(live, floor);
            unsubscribe = subscribers.add(which, subscriber);
        }
        return new Subscription() {
            @Override
            public List<OrderChange> replay() {
                return replay;
            }

            @Override
            public void close() {
                synchronized (KafkaOrderChanges.this) {
                    unsubscribe.run();
                }
            }
        };
    }

    private void readOnce() {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL_TIMEOUT)) {
            apply(record);
        }
    }

    private void position() {
        List<TopicPartition> partitions = new ArrayList<>();
        long[][] ends = new long[2][];
        for (String topic : List.of(ordersTopic, statusTopic)) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                throw new KafkaUnavailableException("topic " + topic + " does not exist", null);
            }
            ends[topic.equals(ordersTopic) ? ORDERS : STATUSES] = new long[infos.size()];
            infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        for (TopicPartition partition : partitions) {
            ends[topicIndex(partition.topic())][partition.partition()] = consumer.position(partition, timeout);
        }
        synchronized (this) {
            next = ends;
            beforeRemembered = copy(ends);
        }
    }

    /**
     * Moves the position past the record and remembers it as it is, undecoded: with nobody
     * following, reading a change costs no JSON and no position text (most producers, most of
     * the time). Only when a follower wants live changes is the record decoded at once.
     */
    private void apply(ConsumerRecord<byte[], byte[]> record) {
        int topic = topicIndex(record.topic());
        RememberedChange read =
                new RememberedChange(topic, record.partition(), record.offset(), record.value(), record.topic());
        synchronized (this) {
            next = advance(next, topic, record.partition(), record.offset());
            recent.addLast(read);
            if (recent.size() > remembered) {
                RememberedChange oldest = recent.removeFirst();
                beforeRemembered = advance(beforeRemembered, oldest.topic, oldest.partition, oldest.offset);
            }
            if (subscribers.isEmpty() || !subscribers.mayConcern(record.key())) {
                return;
            }
            Order order = read.order();
            if (order == null) {
                return;
            }
            Change change = new Change(order);
            subscribers.forEachWanting(order, subscriber -> {
                if (subscriber.wants(topic, record.partition(), record.offset())) {
                    tell(subscriber, change.withPosition());
                }
            });
        }
    }

    /**
     * A change read, its position written out only if someone is told of it (most changes
     * concern no follower). Used only within {@link #apply}, under its lock: {@code next} is
     * still the position just past the change.
     */
    private final class Change {

        private final Order order;
        private OrderChange told;

        Change(Order order) {
            this.order = order;
        }

        OrderChange withPosition() {
            if (told == null) {
                told = new OrderChange(order, format(next));
            }
            return told;
        }
    }

    /** One follower that fails must not cost the others this change, nor stop the reading. */
    private static void tell(Subscriber subscriber, OrderChange change) {
        try {
            subscriber.live().accept(change);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a follower of the changes of orders failed on " + change.position(), e);
        }
    }

    private int topicIndex(String topic) {
        return topic.equals(ordersTopic) ? ORDERS : STATUSES;
    }


    @Override
    public void close() {
        thread.close();
    }

    /**
     * One follower. Resuming on an instance that has not yet read as far as the follower's
     * position, it is told only of changes past that position: none twice.
     */
    private record Subscriber(Consumer<OrderChange> live, long[][] floor) {

        boolean wants(int topic, int partition, long offset) {
            return floor == null || partition >= floor[topic].length || offset >= floor[topic][partition];
        }
    }
}
