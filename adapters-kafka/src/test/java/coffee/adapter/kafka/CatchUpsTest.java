package coffee.adapter.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class CatchUpsTest {

    private static final TopicPartition P0 = new TopicPartition("statuses", 0);
    private static final TopicPartition P1 = new TopicPartition("statuses", 1);

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");

    CatchUpsTest() {
        consumer.assign(List.of(P0, P1));
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        consumer.seek(P0, 0);
        consumer.seek(P1, 0);
    }

    @Test
    void a_catch_up_is_done_once_every_partition_reached_its_end_offset() {
        CatchUps catchUps = new CatchUps(consumer, false);
        CompletableFuture<Void> done = new CompletableFuture<>();
        catchUps.add(new HashMap<>(Map.of(P0, 5L, P1, 3L)), done);

        consumer.seek(P0, 5);
        catchUps.completeReached();
        assertFalse(done.isDone());

        consumer.seek(P1, 3);
        catchUps.completeReached();
        assertTrue(done.isDone());
    }

    @Test
    void on_demand_a_partition_is_paused_only_when_no_other_catch_up_still_reads_it() {
        CatchUps catchUps = new CatchUps(consumer, true);
        catchUps.add(new HashMap<>(Map.of(P0, 2L)), new CompletableFuture<>());
        catchUps.add(new HashMap<>(Map.of(P0, 4L)), new CompletableFuture<>());

        consumer.seek(P0, 2);
        catchUps.completeReached();
        assertEquals(Set.of(), consumer.paused());

        consumer.seek(P0, 4);
        catchUps.completeReached();
        assertEquals(Set.of(P0), consumer.paused());
    }

    @Test
    void closing_fails_the_catch_ups_under_way() {
        CatchUps catchUps = new CatchUps(consumer, false);
        CompletableFuture<Void> done = new CompletableFuture<>();
        catchUps.add(new HashMap<>(Map.of(P0, 5L)), done);

        catchUps.failAll();

        assertTrue(done.isCompletedExceptionally());
    }
}
