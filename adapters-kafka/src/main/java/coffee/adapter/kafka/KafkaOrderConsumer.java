package coffee.adapter.kafka;

import coffee.application.port.in.IncomingOrderEvent;
import coffee.application.port.in.OrderProcessor;
import coffee.application.port.in.OrderProcessor.Handling;
import coffee.application.port.in.OrderProcessor.Outcome;
import coffee.domain.OrderEvent;
import coffee.domain.RequestId;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The baristas' side of Kafka: one thread owns one consumer in the consumer group, polls the
 * orders topic and hands each batch to the {@link OrderProcessor}.
 *
 * <ul>
 *   <li>It keeps polling while orders brew, so a cancel request reaches an order still waiting.
 *       A partition with {@code maxQueued} orders in flight is paused until half of them are
 *       done, so memory stays bounded.</li>
 *   <li>Offsets are committed by hand, only up to the first record not fully handled
 *       ({@link OffsetCommits}): at-least-once, never at-most-once.</li>
 *   <li>A record that cannot be read goes to the dead-letter topic; the partition moves on.</li>
 *   <li>When partitions move to another consumer, waiting orders are withdrawn, brews under way
 *       finish and are committed, so the new owner neither loses nor repeats them. Before taking
 *       partitions, the status view is caught up, so the consumer knows which orders are done
 *       ({@link PartitionHandover}).</li>
 * </ul>
 */
final class KafkaOrderConsumer implements OrderConsumer {

    private static final System.Logger LOG = System.getLogger(KafkaOrderConsumer.class.getName());
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    /**
     * While a partition is paused, poll returns only when the timeout ends (nothing can
     * arrive for it), and it is resumed only after poll returns: poll briefly, so a partition
     * whose queue drained is fed again within milliseconds, not after a full timeout.
     */
    private static final Duration PAUSED_POLL_TIMEOUT = Duration.ofMillis(2);

    private final Consumer<byte[], byte[]> consumer;
    private final OrderProcessor processor;
    private final DeadLetters deadLetters;
    /** Given each partition taken and the timestamp its replays start at (-1: unknown, from the beginning). */
    private final java.util.function.Consumer<Map<Integer, Long>> beforeTakingPartitions;
    private final OrderFeed statusFeed;
    private final String topic;
    private final int maxQueued;
    /** Poll thread only, but read by {@link #assignedPartitions()}: concurrent. */
    private final Map<TopicPartition, PartitionProgress> partitions = new ConcurrentHashMap<>();
    /** Written by the poll thread after each poll, read by metrics. */
    private final Map<Integer, Long> lag = new ConcurrentHashMap<>();
    private final OffsetCommits commits;
    private final Thread thread;
    private volatile boolean running = true;

    KafkaOrderConsumer(Consumer<byte[], byte[]> consumer, OrderProcessor processor, DeadLetters deadLetters,
            java.util.function.Consumer<Map<Integer, Long>> beforeTakingPartitions, OrderFeed statusFeed,
            String topic,
            int maxQueued, String name) {
        this.consumer = consumer;
        this.processor = processor;
        this.deadLetters = deadLetters;
        this.beforeTakingPartitions = beforeTakingPartitions;
        this.statusFeed = statusFeed;
        this.topic = topic;
        this.maxQueued = maxQueued;
        this.commits = new OffsetCommits(consumer, partitions);
        this.thread = Thread.ofPlatform().name(name).unstarted(this::run);
    }

    KafkaOrderConsumer start() {
        thread.start();
        return this;
    }

    @Override
    public Set<Integer> assignedPartitions() {
        return PartitionHandover.numbers(partitions.keySet());
    }

    @Override
    public long statusesRead() {
        return statusFeed.recordsRead();
    }

    @Override
    public boolean isRunning() {
        return running && thread.isAlive();
    }

    private void run() {
        try {
            consumer.subscribe(List.of(topic),
                    new PartitionHandover(consumer, partitions, commits, beforeTakingPartitions));
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(anyPaused() ? PAUSED_POLL_TIMEOUT : POLL_TIMEOUT);
                if (!records.isEmpty()) {
                    dispatch(records);
                }
                controlFlow();
                commits.commitIfDue();
                measureLag();
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.log(Level.ERROR, "consumer woken up unexpectedly; stopping", e);
            }
        } catch (KafkaException | IllegalStateException e) {
            LOG.log(Level.ERROR, "consumer stopped by a fatal error: " + e.getMessage(), e);
        } finally {
            running = false;
            shutDown();
        }
    }

    private void dispatch(ConsumerRecords<byte[], byte[]> records) {
        List<IncomingOrderEvent> events = new ArrayList<>(records.count());
        List<ConsumerRecord<byte[], byte[]>> sources = new ArrayList<>(records.count());
        for (TopicPartition partition : records.partitions()) {
            PartitionProgress progress = partitions.get(partition);
            for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                progress.polled(record.offset(), record.timestamp());
                try {
                    OrderEvent event = EventCodec.decodeCommand(record.value());
                    events.add(new IncomingOrderEvent(event, requestIdOf(record)));
                    sources.add(record);
                } catch (UndecodableRecordException e) {
                    track(progress, record, null, deadLetters.send(record, e.getMessage()));
                }
            }
        }
        if (events.isEmpty()) {
            return;
        }
        List<Handling> handlings = processor.handle(events);
        for (int i = 0; i < handlings.size(); i++) {
            ConsumerRecord<byte[], byte[]> record = sources.get(i);
            Handling handling = handlings.get(i);
            track(partitions.get(new TopicPartition(record.topic(), record.partition())), record, handling,
                    handling.completion().toCompletableFuture());
        }
    }

    private void track(PartitionProgress progress, ConsumerRecord<byte[], byte[]> record, Handling handling,
            CompletableFuture<?> completion) {
        progress.track(new PartitionProgress.InFlight(record, handling, completion));
        completion.whenComplete((outcome, failure) -> {
            if (outcome == Outcome.WITHDRAWN) {
                // not handled: it stays unfinished so no commit passes it; the next owner handles it
                return;
            }
            if (failure == null) {
                progress.finished(record.offset());
            } else if (running) {
                // a bug, not an outage (publishing retries until Kafka is back): do not stall the partition
                LOG.log(Level.ERROR, "handling " + record.topic() + "-" + record.partition() + "@" + record.offset()
                        + " failed", failure);
                deadLetters.send(record, "handling failed: " + failure)
                        .thenRun(() -> progress.finished(record.offset()));
            }
            // while stopping, a failed handling stays unfinished: not committed, so it is redelivered
        });
    }

    private static RequestId requestIdOf(ConsumerRecord<byte[], byte[]> record) {
        return Headers.text(record.headers(), Headers.REQUEST_ID)
                .map(RequestId::reuseOrGenerate)
                .orElseGet(RequestId::generate);
    }

    private void measureLag() {
        for (TopicPartition partition : partitions.keySet()) {
            consumer.currentLag(partition).ifPresent(records -> lag.put(partition.partition(), records));
        }
        lag.keySet().removeIf(number -> !partitions.containsKey(new TopicPartition(topic, number)));
    }

    @Override
    public Map<Integer, Long> lag() {
        return Map.copyOf(lag);
    }

    private boolean anyPaused() {
        for (PartitionProgress progress : partitions.values()) {
            if (progress.paused()) {
                return true;
            }
        }
        return false;
    }

    /** Pauses partitions with a full queue, resumes them once half drained. */
    private void controlFlow() {
        for (PartitionProgress progress : partitions.values()) {
            int queued = progress.inFlightCount();
            if (!progress.paused() && queued >= maxQueued) {
                consumer.pause(List.of(progress.partition));
                progress.paused(true);
            } else if (progress.paused() && queued <= maxQueued / 2) {
                consumer.resume(List.of(progress.partition));
                progress.paused(false);
            }
        }
    }

    private void shutDown() {
        try {
            commits.finishAndCommit(List.copyOf(partitions.values()));
            partitions.clear();
        } finally {
            try {
                consumer.close(Duration.ofSeconds(5));
                statusFeed.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, () -> String.format(Locale.ROOT,
                        "closing the consumer failed: %s",
                        e.getMessage()));
            }
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(OffsetCommits.HANDOVER_PATIENCE.plusSeconds(15).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
