package coffee.adapter.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.junit.jupiter.api.Test;

/** Asking where partitions end: one question at a time, and one partition not held up by another. */
class LatestOffsetsTest {

    private final List<Map<TopicPartition, KafkaFutureImpl<ListOffsetsResultInfo>>> questions = new ArrayList<>();
    private final LatestOffsets ends = new LatestOffsets(admin(), "orders", 3);

    @Test
    void a_partition_whose_leader_answers_is_not_held_up_by_one_whose_leader_is_dead() {
        CompletableFuture<Long> deadLeaders = ends.ask(0);
        CompletableFuture<Long> liveLeaders = ends.ask(1);

        answer(1, 1, 42);

        assertEquals(42L, liveLeaders.join());
        assertFalse(deadLeaders.isDone());
    }

    @Test
    void readers_of_one_partition_share_a_question_while_one_is_out() {
        CompletableFuture<Long> first = ends.ask(2);
        CompletableFuture<Long> second = ends.ask(2);
        CompletableFuture<Long> third = ends.ask(2);

        assertEquals(1, questions.size(), "the others wait for the first");
        assertSame(second, third);
        answer(0, 2, 7);
        assertEquals(7L, first.join());
        assertEquals(2, questions.size(), "then they share the next, asked after they called");
        answer(1, 2, 9);
        assertEquals(9L, second.join());
    }

    @Test
    void all_partitions_at_once_for_the_start() {
        CompletableFuture<Map<Integer, Long>> all = ends.ask();

        answer(0, 0, 1);
        answer(0, 1, 2);
        answer(0, 2, 3);

        assertEquals(Map.of(0, 1L, 1, 2L, 2, 3L), all.join());
    }

    private void answer(int question, int partition, long offset) {
        questions.get(question).get(new TopicPartition("orders", partition))
                .complete(new ListOffsetsResultInfo(offset, -1, java.util.Optional.empty()));
    }

    /** An admin client that only takes questions about end offsets, answered by the test. */
    private Admin admin() {
        return (Admin) Proxy.newProxyInstance(Admin.class.getClassLoader(), new Class<?>[] {Admin.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("listOffsets")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    @SuppressWarnings("unchecked")
                    Map<TopicPartition, OffsetSpec> asked = (Map<TopicPartition, OffsetSpec>) args[0];
                    Map<TopicPartition, KafkaFutureImpl<ListOffsetsResultInfo>> futures = new HashMap<>();
                    asked.keySet().forEach(partition -> futures.put(partition, new KafkaFutureImpl<>()));
                    questions.add(futures);
                    return new ListOffsetsResult(new HashMap<TopicPartition, KafkaFuture<ListOffsetsResultInfo>>(futures));
                });
    }
}
