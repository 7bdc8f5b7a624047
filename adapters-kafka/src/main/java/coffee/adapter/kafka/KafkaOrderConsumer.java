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
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
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
 *       ({@link PartitionProgress}): at-least-once, never at-most-once.</li>
 *   <li>A record that cannot be read goes to the dead-letter topic; the partition moves on.</li>
 *   <li>When partitions move to another consumer, waiting orders are withdrawn, brews under way
 *       finish and are committed, so the new owner neither loses nor repeats them. Before taking
 *       partitions, the status view is caught up, so the consumer knows which orders are done.</li>
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
    private static final long COMMIT_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** How long handing over partitions waits for brews under way; longer than any brew. */
    private static final Duration HANDOVER_PATIENCE = Duration.ofSeconds(30);

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
    private final Thread thread;
    private volatile boolean running = true;
    private long lastCommit = System.nanoTime();

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
        this.thread = Thread.ofPlatform().name(name).unstarted(this::run);
    }

    KafkaOrderConsumer start() {
        thread.start();
        return this;
    }

    @Override
    public Set<Integer> assignedPartitions() {
        Set<Integer> numbers = new TreeSet<>();
        partitions.keySet().forEach(partition -> numbers.add(partition.partition()));
        return numbers;
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
            consumer.subscribe(List.of(topic), new Handover());
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(anyPaused() ? PAUSED_POLL_TIMEOUT : POLL_TIMEOUT);
                if (!records.isEmpty()) {
                    dispatch(records);
                }
                controlFlow();
                commitIfDue();
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

    private void commitIfDue() {
        if (System.nanoTime() - lastCommit < COMMIT_INTERVAL_NANOS) {
            return;
        }
        lastCommit = System.nanoTime();
        Map<TopicPartition, OffsetAndMetadata> offsets = newCommits(partitions.values());
        if (offsets.isEmpty()) {
            return;
        }
        consumer.commitAsync(offsets, (committed, failure) -> {
            if (failure != null) {
                LOG.log(Level.DEBUG, () -> String.format(Locale.ROOT,
                        "commit failed, will retry: %s",
                        failure.getMessage()));
                committed.forEach((partition, offset) -> {
                    PartitionProgress progress = partitions.get(partition);
                    if (progress != null) {
                        progress.commitFailed(offset.offset());
                    }
                });
            }
        });
    }

    private static Map<TopicPartition, OffsetAndMetadata> newCommits(Collection<PartitionProgress> progresses) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (PartitionProgress progress : progresses) {
            if (progress.hasNewCommit()) {
                long offset = progress.committable();
                progress.committing(offset);
                long timestamp = progress.committableTimestamp();
                offsets.put(progress.partition, timestamp < 0 ? new OffsetAndMetadata(offset)
                        : new OffsetAndMetadata(offset, ReplayWindow.metadata(timestamp)));
            }
        }
        return offsets;
    }

    /** Withdraws what waits, lets what brews finish, and commits it all. */
    private void finishAndCommit(Collection<PartitionProgress> leaving) {
        List<CompletableFuture<?>> underWay = new ArrayList<>();
        leaving.forEach(progress -> underWay.addAll(progress.withdrawWaiting()));
        try {
            CompletableFuture.allOf(underWay.toArray(CompletableFuture[]::new))
                    .get(HANDOVER_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.log(Level.WARNING, () -> String.format(Locale.ROOT,
                    "not every order under way finished before handover; the next owner "
                    + "handles the rest again: %s",
                    e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = newCommits(leaving);
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets, Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> String.format(Locale.ROOT,
                    "final commit failed; the next owner redelivers some orders "
                    + "(handled again harmlessly): %s",
                    e.getMessage()));
        }
    }

    private void shutDown() {
        try {
            finishAndCommit(List.copyOf(partitions.values()));
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
                thread.join(HANDOVER_PATIENCE.plusSeconds(15).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Keeps handing partitions over safe; runs on the poll thread, inside poll(). */
    private final class Handover implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            List<PartitionProgress> leaving = revoked.stream().map(partitions::get).filter(p -> p != null).toList();
            if (leaving.isEmpty()) {
                return;
            }
            finishAndCommit(leaving);
            revoked.forEach(partitions::remove);
            LOG.log(Level.INFO, () -> String.format(Locale.ROOT, "handed over partitions %s", numbers(revoked)));
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            // someone else owns them already: committing is impossible, finishing is pointless
            lost.stream().map(partitions::remove).filter(p -> p != null).forEach(PartitionProgress::withdrawWaiting);
            LOG.log(Level.WARNING, () -> String.format(Locale.ROOT,
                    "lost partitions %s; their unfinished orders go to the new owner",
                    numbers(lost)));
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            if (assigned.isEmpty()) {
                return;
            }
            beforeTakingPartitions.accept(replaysFrom(assigned));
            assigned.forEach(partition -> partitions.put(partition, new PartitionProgress(partition)));
            LOG.log(Level.INFO, () -> String.format(Locale.ROOT,
                    "took partitions %s; now owning %s",
                    numbers(assigned), assignedPartitions()));
        }

        /** From each partition's last commit: when the records it will hand again were first polled. */
        private Map<Integer, Long> replaysFrom(Collection<TopicPartition> assigned) {
            Map<TopicPartition, OffsetAndMetadata> committed;
            try {
                committed = consumer.committed(new java.util.HashSet<>(assigned), Duration.ofSeconds(10));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, () -> "reading the committed offsets failed; reading every status of "
                        + "the partitions taken: " + e.getMessage());
                committed = Map.of();
            }
            Map<Integer, Long> from = new HashMap<>();
            for (TopicPartition partition : assigned) {
                OffsetAndMetadata commit = committed.get(partition);
                from.put(partition.partition(),
                        commit == null ? -1L : ReplayWindow.timestampOf(commit.metadata()).orElse(-1L));
            }
            return from;
        }

        private static Set<Integer> numbers(Collection<TopicPartition> partitions) {
            Set<Integer> numbers = new TreeSet<>();
            partitions.forEach(partition -> numbers.add(partition.partition()));
            return numbers;
        }
    }
}
