package coffee.adapter.kafka;

import static coffee.adapter.kafka.ChangePositions.ORDERS;
import static coffee.adapter.kafka.ChangePositions.STATUSES;
import static coffee.adapter.kafka.ChangePositions.format;

import coffee.application.port.out.OrderChanges;
import coffee.application.port.out.OrderViewUnavailableException;
import coffee.domain.FollowedOrders;
import coffee.domain.Order;
import coffee.domain.OrderChange;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * ({@link RememberedChanges}): every producer reads every change, but most have nobody
 * following, so a change costs JSON and position text only when someone asks for it. The
 * followers are filed by the order or customer they follow ({@link FollowerIndex}): a change is
 * tested against those it can concern, not against every follower of the process.
 *
 * <p>Reading both topics a second time cost a loaded producer 6-8 % of its CPU (measured per
 * thread), for nobody most of the time. So the reading pauses when nobody has followed for a while
 * ({@link #IDLE_AFTER}: a browser that reconnects, a board reopened, find it still going), and
 * the next follower resumes it ({@link OnDemandReading}): it waits until the reader has read
 * again about the last {@code remembered} changes ({@link ChangePositions#resumeFrom}) and
 * reached the topics' ends, then is served as if the reading had never paused, except that
 * changes older than those are not remembered.
 */
public final class KafkaOrderChanges implements OrderChanges, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(KafkaOrderChanges.class.getName());
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    /** How long the reading goes on after the last follower left. */
    static final Duration IDLE_AFTER = Duration.ofSeconds(30);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String ordersTopic;
    private final String statusTopic;
    private final Duration timeout;
    private final int remembered;
    private final ConsumerThread thread;
    private final OnDemandReading onDemand;
    /** Guarded by this. */
    private final FollowerIndex<Subscriber> subscribers = new FollowerIndex<>();
    /** Guarded by this. */
    private final RememberedChanges read;

    KafkaOrderChanges(KafkaConsumer<byte[], byte[]> consumer, KafkaSettings settings, int remembered,
            Duration idleAfter) {
        this.consumer = consumer;
        this.ordersTopic = settings.ordersTopic();
        this.statusTopic = settings.statusTopic();
        this.timeout = settings.timeout();
        this.remembered = remembered;
        this.read = new RememberedChanges(remembered);
        this.onDemand = new OnDemandReading(consumer, this, idleAfter, timeout, "the changes of orders");
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
        while (true) {
            synchronized (this) {
                if (!read.started()) {
                    throw new OrderViewUnavailableException("the changes of orders are not followed yet");
                }
            }
            onDemand.await();
            synchronized (this) {
                // paused again in between (only with a pause shorter than that wait): wait again
                if (onDemand.current()) {
                    return subscribeReading(after, replayRemembered, which, live);
                }
            }
        }
    }

    /** With the lock held, while the reading goes on. */
    private Subscription subscribeReading(Optional<String> after, boolean replayRemembered, FollowedOrders which,
            Consumer<OrderChange> live) {
        long[][] floor = after.isPresent() ? ChangePositions.parse(after.get(), read.next()) : null;
        List<OrderChange> replay = floor != null || replayRemembered ? read.since(floor, which) : new ArrayList<>();
        Runnable unsubscribe = subscribers.add(which, new Subscriber(live, floor));
        onDemand.interest();
        return new Subscription() {
            @Override
            public List<OrderChange> replay() {
                return replay;
            }

            @Override
            public void close() {
                synchronized (KafkaOrderChanges.this) {
                    unsubscribe.run();
                    onDemand.interest();
                }
            }
        };
    }

    private void readOnce() {
        onDemand.steer(subscribers::isEmpty, this::restartAt);
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL_TIMEOUT)) {
            apply(record);
        }
        onDemand.releaseIfCaughtUp();
    }

    /** After a pause, with the lock held: about the last {@code remembered} changes are read again. */
    private Map<TopicPartition, Long> restartAt(Map<TopicPartition, Long> ends) {
        long[][] endPositions = ChangePositions.copy(read.next());
        ends.forEach((partition, end) -> endPositions[topicIndex(partition.topic())][partition.partition()] = end);
        long[][] from = ChangePositions.resumeFrom(read.next(), endPositions, remembered);
        read.startAt(from);
        Map<TopicPartition, Long> seeks = new HashMap<>();
        ends.keySet().forEach(partition ->
                seeks.put(partition, from[topicIndex(partition.topic())][partition.partition()]));
        return seeks;
    }

    /** Package-private for tests: whether the consumer fetches now. */
    boolean reading() {
        return onDemand.reading();
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
            read.startAt(ends);
        }
    }

    /**
     * Moves the position past the record and remembers it as it is, undecoded: with nobody
     * following, reading a change costs no JSON and no position text (most producers, most of
     * the time). Only when a follower wants live changes is the record decoded at once.
     */
    private void apply(ConsumerRecord<byte[], byte[]> record) {
        int topic = topicIndex(record.topic());
        RememberedChange change =
                new RememberedChange(topic, record.partition(), record.offset(), record.value(), record.topic());
        synchronized (this) {
            read.read(change);
            if (subscribers.isEmpty() || !subscribers.mayConcern(record.key())) {
                return;
            }
            Order order = change.order();
            if (order == null) {
                return;
            }
            Change told = new Change(order);
            subscribers.forEachWanting(order, subscriber -> {
                if (subscriber.wants(topic, record.partition(), record.offset())) {
                    tell(subscriber, told.withPosition());
                }
            });
        }
    }

    /**
     * A change read, its position written out only if someone is told of it (most changes
     * concern no follower). Used only within {@link #apply}, under its lock: {@code read.next()} is
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
                told = new OrderChange(order, format(read.next()));
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
