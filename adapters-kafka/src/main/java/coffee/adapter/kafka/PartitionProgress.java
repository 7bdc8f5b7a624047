package coffee.adapter.kafka;

import coffee.application.port.in.OrderProcessor.Handling;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * What a consumer has taken from one partition and not yet finished. Handlings complete out
 * of order (baristas work in parallel), but the committed offset only ever moves up to the
 * first record still unfinished: nothing after an unfinished record counts as done.
 *
 * <p>The poll thread adds records and reads the committable offset; completions remove
 * records from any thread.
 */
final class PartitionProgress {

    final TopicPartition partition;
    private final ConcurrentSkipListMap<Long, InFlight> inFlight = new ConcurrentSkipListMap<>();
    /** The offset after the last record polled; -1 before the first. Poll thread only. */
    private long next = -1;
    /** The timestamp of the last record polled; -1 before the first. Poll thread only. */
    private long lastPolledTimestamp = -1;
    /** The last offset committed (or being committed); -1 for none. Poll thread only. */
    private long committed = -1;
    private boolean paused;

    PartitionProgress(TopicPartition partition) {
        this.partition = partition;
    }

    /** One record on its way: its handling (or dead-lettering) and the record itself. */
    record InFlight(ConsumerRecord<byte[], byte[]> record, Handling handling, CompletableFuture<?> completion) {
    }

    void polled(long offset, long timestamp) {
        if (offset + 1 > next) {
            next = offset + 1;
            lastPolledTimestamp = timestamp;
        }
    }

    void track(InFlight entry) {
        inFlight.put(entry.record().offset(), entry);
    }

    void finished(long offset) {
        inFlight.remove(offset);
    }

    /** The offset to commit: the first unfinished record, or after the last one polled; -1 if none. */
    long committable() {
        Map.Entry<Long, InFlight> first = inFlight.firstEntry();
        return first != null ? first.getKey() : next;
    }

    /**
     * The timestamp of the first record a new owner would be handed again after a commit now:
     * the first unfinished one, or (all finished) the last one polled. -1 when nothing was polled.
     */
    long committableTimestamp() {
        Map.Entry<Long, InFlight> first = inFlight.firstEntry();
        return first != null ? first.getValue().record().timestamp() : lastPolledTimestamp;
    }

    boolean hasNewCommit() {
        long offset = committable();
        return offset >= 0 && offset > committed;
    }

    void committing(long offset) {
        committed = Math.max(committed, offset);
    }

    /** A commit failed: offer the same offset again next time. */
    void commitFailed(long offset) {
        if (committed == offset) {
            committed = -1;
        }
    }

    int inFlightCount() {
        return inFlight.size();
    }

    boolean paused() {
        return paused;
    }

    void paused(boolean value) {
        paused = value;
    }

    /** Takes back every record no barista has started; returns the completions of the rest. */
    List<CompletableFuture<?>> withdrawWaiting() {
        List<CompletableFuture<?>> underWay = new ArrayList<>();
        for (InFlight entry : List.copyOf(inFlight.values())) {
            if (entry.handling() == null || !entry.handling().withdraw()) {
                underWay.add(entry.completion());
            }
        }
        return underWay;
    }
}
