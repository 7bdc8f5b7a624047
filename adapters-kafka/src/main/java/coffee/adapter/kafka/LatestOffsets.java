package coffee.adapter.kafka;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * The end offsets of a topic's partitions, asked from Kafka at most once at a time. A caller
 * gets offsets asked for after it called (so they include every record acknowledged before),
 * and callers that come while a request is out share the next one: a burst of reads of unknown
 * orders costs Kafka one request at a time, not one each.
 *
 * <p>All partitions are asked together ({@link #ask()}, at start-up) or one at a time
 * ({@link #ask(int)}, for a read of one order): an answer for all waits for the slowest
 * partition, and while a partition's leader is dead, until it has a new one. The read of an order
 * in another partition must not wait for that.
 */
final class LatestOffsets {

    private final Admin admin;
    private final List<TopicPartition> partitions;
    private final Asking<Map<Integer, Long>> all;
    private final List<Asking<Long>> each;

    LatestOffsets(Admin admin, String topic, int partitionCount) {
        this.admin = admin;
        this.partitions = IntStream.range(0, partitionCount)
                .mapToObj(partition -> new TopicPartition(topic, partition)).toList();
        this.all = new Asking<>(this::askAll);
        this.each = partitions.stream().map(partition -> new Asking<>(() -> askOne(partition))).toList();
    }

    /** The end offset of every partition, by partition number, as of some moment after this call. */
    CompletableFuture<Map<Integer, Long>> ask() {
        return all.ask();
    }

    /** The end offset of {@code partition} as of some moment after this call. */
    CompletableFuture<Long> ask(int partition) {
        return each.get(partition).ask();
    }

    private CompletableFuture<Map<Integer, Long>> askAll() {
        Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
        return admin.listOffsets(latest).all().toCompletionStage().toCompletableFuture()
                .thenApply(offsets -> offsets.entrySet().stream().collect(Collectors.toMap(
                        entry -> entry.getKey().partition(), entry -> entry.getValue().offset())));
    }

    private CompletableFuture<Long> askOne(TopicPartition partition) {
        return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition)
                .toCompletionStage().toCompletableFuture().thenApply(info -> info.offset());
    }

    /** One question to Kafka out at a time; those who come meanwhile share the next one. */
    private static final class Asking<T> {

        private final Supplier<CompletableFuture<T>> question;
        private CompletableFuture<T> next;
        private boolean out;

        Asking(Supplier<CompletableFuture<T>> question) {
            this.question = question;
        }

        synchronized CompletableFuture<T> ask() {
            if (next == null) {
                next = new CompletableFuture<>();
            }
            CompletableFuture<T> answer = next;
            if (!out) {
                sendNext();
            }
            return answer;
        }

        private synchronized void sendNext() {
            CompletableFuture<T> answer = next;
            next = null;
            out = true;
            CompletableFuture<T> asked;
            try {
                asked = question.get();
            } catch (RuntimeException e) {
                asked = CompletableFuture.failedFuture(e);
            }
            asked.whenComplete((value, failure) -> {
                if (failure != null) {
                    answer.completeExceptionally(failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure);
                } else {
                    answer.complete(value);
                }
                finished();
            });
        }

        private synchronized void finished() {
            out = false;
            if (next != null) {
                sendNext();
            }
        }
    }
}
