package coffee.adapter.kafka;

import coffee.application.port.out.OrderChanges;
import coffee.application.port.out.OrderViewUnavailableException;
import coffee.domain.FollowedOrders;
import coffee.domain.Order;
import coffee.domain.OrderChange;
import coffee.domain.OrderEvent;
import coffee.domain.OrderPlaced;
import coffee.domain.OrderStatusChanged;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The changes of orders, live, for server-sent events: every order placed (orders topic) and
 * every status (status topic), read by this process itself from every partition of both topics
 * without a consumer group. So any producer instance can follow any order, whichever part of
 * the view it holds.
 *
 * <p>A change's position is where this reader stood in Kafka just after it: the next offset of
 * every partition of the orders topic, then of the status topic ({@code 12.0.7-3.1.0} for three
 * partitions). It means the same on every instance, so a follower may resume on another one.
 * The most recent changes are remembered (a bounded number) for those who resume; what is older
 * is no longer replayed. They are kept as read, undecoded, and their positions worked out from the
 * position before the oldest: every producer reads every change, but most have nobody following,
 * so a change costs JSON and position text only when someone asks for it. The followers are
 * filed by the order or customer they follow ({@link FollowerIndex}): a change is tested against
 * those it can concern, not against every follower of the process.
 */
public final class KafkaOrderChanges implements OrderChanges, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(KafkaOrderChanges.class.getName());
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    private static final int ORDERS = 0;
    private static final int STATUSES = 1;

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String ordersTopic;
    private final String statusTopic;
    private final Duration timeout;
    private final int remembered;
    private final Thread thread;
    private final CountDownLatch positioned = new CountDownLatch(1);
    /** Guarded by this. */
    private final FollowerIndex<Subscriber> subscribers = new FollowerIndex<>();
    /** Guarded by this: the next offset of each partition, [topic][partition]. */
    private long[][] next;
    /** Guarded by this: the next offsets just before the oldest remembered record. */
    private long[][] beforeRemembered;
    /** Guarded by this: the most recent records read, oldest first, decoded only when asked for. */
    private final ArrayDeque<Remembered> recent = new ArrayDeque<>();
    private volatile boolean running = true;
    private volatile RuntimeException startFailure;

    KafkaOrderChanges(KafkaConsumer<byte[], byte[]> consumer, KafkaSettings settings, int remembered) {
        this.consumer = consumer;
        this.ordersTopic = settings.ordersTopic();
        this.statusTopic = settings.statusTopic();
        this.timeout = settings.timeout();
        this.remembered = remembered;
        this.thread = Thread.ofPlatform().name("order-changes").daemon().unstarted(this::run);
    }

    /**
     * Starts following both topics from their current end; returns once positioned there.
     *
     * @throws KafkaUnavailableException if Kafka does not say where the topics end in time
     */
    public KafkaOrderChanges start() throws InterruptedException {
        thread.start();
        if (!positioned.await(timeout.toMillis() * 2, TimeUnit.MILLISECONDS)) {
            close();
            throw new KafkaUnavailableException("could not read topics " + ordersTopic + " and " + statusTopic
                    + " within " + timeout.toMillis() * 2 + " ms: is Kafka reachable?", null);
        }
        if (startFailure != null) {
            close();
            throw startFailure;
        }
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
            floor = after.isPresent() ? parse(after.get()) : null;
            if (floor != null || replayRemembered) {
                long[][] position = copy(beforeRemembered);
                for (Remembered record : recent) {
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

    private void run() {
        try {
            position();
        } catch (RuntimeException e) {
            startFailure = e instanceof KafkaUnavailableException ? e
                    : new KafkaUnavailableException("cannot read " + ordersTopic + ", " + statusTopic + ": "
                            + e.getMessage(), e);
            positioned.countDown();
            consumer.close(Duration.ZERO);
            return;
        }
        positioned.countDown();
        try {
            while (running) {
                try {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL_TIMEOUT)) {
                        apply(record);
                    }
                } catch (WakeupException e) {
                    // close(): the loop looks at running
                } catch (RuntimeException e) {
                    LOG.log(Level.ERROR, "following the changes of orders failed, retrying in 1 s", e);
                    pause();
                }
            }
        } finally {
            consumer.close(Duration.ofSeconds(1));
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
        Remembered read = new Remembered(topic, record.partition(), record.offset(), record.value(), record.topic());
        synchronized (this) {
            next = advance(next, topic, record.partition(), record.offset());
            recent.addLast(read);
            if (recent.size() > remembered) {
                Remembered oldest = recent.removeFirst();
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

    /** The positions past {@code offset} of the partition; grown when the topic grew. */
    private static long[][] advance(long[][] positions, int topic, int partition, long offset) {
        if (partition >= positions[topic].length) {
            // the topic grew: follow its new partitions too (from their start, as Kafka does)
            positions[topic] = Arrays.copyOf(positions[topic], partition + 1);
        }
        positions[topic][partition] = offset + 1;
        return positions;
    }

    private static long[][] copy(long[][] positions) {
        return new long[][] {positions[ORDERS].clone(), positions[STATUSES].clone()};
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

    /** {@code 12.0.7-3.1.0}: the next offsets of the orders topic's partitions, then the status topic's. */
    static String format(long[][] positions) {
        StringBuilder text = new StringBuilder(positions[ORDERS].length * 8 + positions[STATUSES].length * 8);
        for (int topic = 0; topic < 2; topic++) {
            if (topic > 0) {
                text.append('-');
            }
            for (int partition = 0; partition < positions[topic].length; partition++) {
                if (partition > 0) {
                    text.append('.');
                }
                text.append(positions[topic][partition]);
            }
        }
        return text.toString();
    }

    /** The offsets a position names; partitions it does not know of (the topic grew) from 0. */
    private long[][] parse(String position) {
        String[] topics = position.split("-", -1);
        if (topics.length != 2 || position.length() > 4096) {
            throw new IllegalArgumentException("not a position of these changes: " + abbreviate(position));
        }
        long[][] offsets = new long[2][];
        for (int topic = 0; topic < 2; topic++) {
            String[] parts = topics[topic].split("\\.", -1);
            if (parts.length > next[topic].length) {
                throw new IllegalArgumentException("not a position of these changes (too many partitions): "
                        + abbreviate(position));
            }
            offsets[topic] = new long[next[topic].length];
            for (int partition = 0; partition < parts.length; partition++) {
                try {
                    offsets[topic][partition] = Long.parseLong(parts[partition]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a position of these changes: " + abbreviate(position));
                }
                if (offsets[topic][partition] < 0) {
                    throw new IllegalArgumentException("not a position of these changes: " + abbreviate(position));
                }
            }
        }
        return offsets;
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        if (thread.getState() == Thread.State.NEW) {
            // never started: nobody else owns the consumer
            consumer.close(Duration.ZERO);
            return;
        }
        consumer.wakeup();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A record kept for those who resume, with where it was read; decoded once, when first asked. */
    private static final class Remembered {

        final int topic;
        final int partition;
        final long offset;
        private byte[] value;
        private final String topicName;
        private Order order;

        Remembered(int topic, int partition, long offset, byte[] value, String topicName) {
            this.topic = topic;
            this.partition = partition;
            this.offset = offset;
            this.value = value;
            this.topicName = topicName;
        }

        /** The order as this record left it; null if the record is not an order's (passed over). */
        Order order() {
            if (value != null) {
                order = decode(topic, value, topicName, partition, offset);
                value = null;
            }
            return order;
        }
    }

    private static Order decode(int topic, byte[] value, String topicName, int partition, long offset) {
        try {
            OrderEvent event = topic == ORDERS ? EventCodec.decodeCommand(value) : EventCodec.decodeStatus(value);
            if (event instanceof OrderPlaced placed) {
                return placed.order();
            }
            if (event instanceof OrderStatusChanged changed) {
                return changed.order();
            }
        } catch (UndecodableRecordException e) {
            LOG.log(Level.DEBUG, () -> "passed over " + topicName + "-" + partition + "@" + offset + ": " + e.getMessage());
        }
        return null;
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
