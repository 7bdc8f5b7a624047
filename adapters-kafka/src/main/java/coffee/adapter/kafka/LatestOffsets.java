package coffee.adapter.kafka;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
 */
final class LatestOffsets {

    private final Admin admin;
    private final List<TopicPartition> partitions;
    private CompletableFuture<Map<Integer, Long>> next;
    private boolean asking;

    LatestOffsets(Admin admin, String topic, int partitionCount) {
        this.admin = admin;
        this.partitions = IntStream.range(0, partitionCount)
                .mapToObj(partition -> new TopicPartition(topic, partition)).toList();
    }

    /** The end offset of every partition, by partition number, as of some moment after this call. */
    synchronized CompletableFuture<Map<Integer, Long>> ask() {
        if (next == null) {
            next = new CompletableFuture<>();
        }
        CompletableFuture<Map<Integer, Long>> answer = next;
        if (!asking) {
            sendNext();
        }
        return answer;
    }

    private synchronized void sendNext() {
        CompletableFuture<Map<Integer, Long>> answer = next;
        next = null;
        asking = true;
        Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
        admin.listOffsets(latest).all().whenComplete((offsets, failure) -> {
            if (failure != null) {
                answer.completeExceptionally(failure);
            } else {
                answer.complete(offsets.entrySet().stream().collect(Collectors.toMap(
                        entry -> entry.getKey().partition(), entry -> entry.getValue().offset())));
            }
            finished();
        });
    }

    private synchronized void finished() {
        asking = false;
        if (next != null) {
            sendNext();
        }
    }
}
