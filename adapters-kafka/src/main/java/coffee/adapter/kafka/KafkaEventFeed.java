package coffee.adapter.kafka;

import coffee.application.port.in.ProjectOrderEvents;
import coffee.domain.OrderEvent;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;

/**
 * Reads every partition of some topics, without a consumer group, and hands each event to the
 * view. One thread owns the consumer; others talk to it through a queue of catch-up requests.
 */
final class KafkaEventFeed implements OrderFeed {

    private static final System.Logger LOG = System.getLogger(KafkaEventFeed.class.getName());
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);

    /** Turns a record value into an event. */
    @FunctionalInterface
    interface Decoder {
        OrderEvent decode(byte[] value) throws UndecodableRecordException;
    }

    private final Consumer<byte[], byte[]> consumer;
    private final Map<String, Decoder> decoders;
    private final ProjectOrderEvents view;
    private final StartAt startAt;
    private final Duration timeout;
    private final ConcurrentLinkedQueue<CatchUpRequest> catchUpRequests = new ConcurrentLinkedQueue<>();
    /** Reads only when asked to catch up (keeping every partition paused otherwise). */
    private final boolean onDemand;
    /**
     * Records this process wrote itself are already in its view (written through when
     * published), so they are passed over unread: for a single producer, half its reading.
     */
    private final byte[] ownWriter;
    private final CatchUps catchingUp;
    private final AtomicLong recordsRead = new AtomicLong();
    private final ConsumerThread thread;

    KafkaEventFeed(Consumer<byte[], byte[]> consumer, Map<String, Decoder> decoders, ProjectOrderEvents view,
            StartAt startAt, Duration timeout, String name, byte[] ownWriter) {
        this(consumer, decoders, view, startAt, timeout, name, false, ownWriter);
    }

    /**
     * @param onDemand read only when asked to catch up: for a view needed only at certain
     *     moments (a consumer's, when it takes partitions), which then reads nothing between them
     */
    KafkaEventFeed(Consumer<byte[], byte[]> consumer, Map<String, Decoder> decoders, ProjectOrderEvents view,
            StartAt startAt, Duration timeout, String name, boolean onDemand, byte[] ownWriter) {
        this.onDemand = onDemand;
        this.ownWriter = ownWriter;
        this.consumer = consumer;
        this.decoders = Map.copyOf(decoders);
        this.view = view;
        this.startAt = startAt;
        this.timeout = timeout;
        this.catchingUp = new CatchUps(consumer, onDemand);
        this.thread = new ConsumerThread(consumer, name, String.valueOf(this.decoders.keySet()), timeout,
                this::position, this::readOnce, this::failPending, LOG, "reading " + this.decoders.keySet());
    }

    /** Starts reading; returns once the feed knows its partitions and positions. */
    KafkaEventFeed start() throws InterruptedException {
        thread.start();
        return this;
    }

    @Override
    public void awaitCaughtUp(Duration patience) throws InterruptedException {
        awaitCaughtUp(new CatchUpRequest(null, new CompletableFuture<>()), patience);
    }

    /**
     * Like {@link #awaitCaughtUp(Duration)}, for some partitions only (their numbers; every
     * topic of this feed), each read from a moment in time: what a consumer needs of the status
     * topic when it takes over those partitions of the orders topic. A partition read from -1
     * is read from its beginning.
     *
     * @param readFrom for each partition, the timestamp (ms) to read it from, or -1
     */
    void awaitCaughtUp(Map<Integer, Long> readFrom, Duration patience) throws InterruptedException {
        awaitCaughtUp(new CatchUpRequest(Map.copyOf(readFrom), new CompletableFuture<>()), patience);
    }

    private void awaitCaughtUp(CatchUpRequest request, Duration patience) throws InterruptedException {
        CompletableFuture<Void> caughtUp = request.done();
        catchUpRequests.add(request);
        consumer.wakeup();
        try {
            caughtUp.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            catchUpRequests.remove(request);
            throw new KafkaUnavailableException("did not catch up with " + decoders.keySet() + " within "
                    + patience.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            throw new KafkaUnavailableException("catching up with " + decoders.keySet() + " failed: "
                    + e.getCause(), e.getCause());
        }
    }

    @Override
    public long recordsRead() {
        return recordsRead.get();
    }

    /** One round on the consumer's thread; a catch-up request wakes the poll up. */
    private void readOnce() {
        takeCatchUpRequests();
        // a feed already at the end is caught up now, not after a poll that may
        // wait for the broker's fetch.max.wait.ms (half a second at start-up)
        catchingUp.completeReached();
        apply(consumer.poll(POLL_TIMEOUT));
        catchingUp.completeReached();
    }

    private void failPending() {
        catchingUp.failAll();
        catchUpRequests.forEach(c -> c.done().completeExceptionally(new IllegalStateException("feed closed")));
    }

    private void position() {
        List<TopicPartition> partitions = FeedPositions.assignAll(consumer, decoders.keySet(), startAt, timeout);
        if (onDemand) {
            consumer.pause(partitions);
        }
    }

    private void apply(ConsumerRecords<byte[], byte[]> records) {
        for (ConsumerRecord<byte[], byte[]> record : records) {
            recordsRead.incrementAndGet();
            Header writer = record.headers().lastHeader(Headers.WRITER);
            if (writer != null && Arrays.equals(writer.value(), ownWriter)) {
                continue;
            }
            try {
                view.project(decoders.get(record.topic()).decode(record.value()));
            } catch (UndecodableRecordException e) {
                // the consumer side dead-letters bad commands; the view just passes over them
                LOG.log(Level.DEBUG, () -> String.format(Locale.ROOT,
                        "skipped %s-%s@%s: %s",
                        record.topic(), record.partition(), record.offset(), e.getMessage()));
            }
        }
    }

    private void takeCatchUpRequests() {
        CatchUpRequest request;
        while ((request = catchUpRequests.peek()) != null) {
            Set<Integer> numbers = request.readFrom() == null ? null : request.readFrom().keySet();
            Set<TopicPartition> wanted = numbers == null ? consumer.assignment()
                    : consumer.assignment().stream()
                            .filter(partition -> numbers.contains(partition.partition()))
                            .collect(Collectors.toSet());
            Map<TopicPartition, Long> ends;
            try {
                ends = consumer.endOffsets(wanted, timeout);
                FeedPositions.seek(consumer, wanted, request.readFrom(), timeout);
            } catch (WakeupException e) {
                // the wakeup meant for poll() landed here: the request stays queued for the next turn
                return;
            } catch (RetriableException e) {
                // A broker frozen or failing over: the request stays queued and is tried again next
                // turn, until its caller's patience ends. Failing it at once would make a consumer
                // take partitions without knowing which of their orders are done, and brew some twice.
                if (request.firstRetry()) {
                    LOG.log(Level.WARNING, () -> "catching up with " + decoders.keySet()
                            + ": Kafka did not answer (" + e.getMessage() + "); trying again");
                }
                return;
            } catch (RuntimeException e) {
                catchUpRequests.remove(request);
                request.done().completeExceptionally(e);
                continue;
            }
            catchUpRequests.remove(request);
            if (onDemand) {
                consumer.resume(wanted);
            }
            catchingUp.add(new HashMap<>(ends), request.done());
        }
    }

    @Override
    public void close() {
        thread.close();
    }
}
