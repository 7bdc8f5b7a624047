package coffee.adapter.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class FeedPositionsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final TopicPartition P0 = new TopicPartition("statuses", 0);
    private static final TopicPartition P1 = new TopicPartition("statuses", 1);

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");

    FeedPositionsTest() {
        Node node = new Node(0, "localhost", 9092);
        consumer.updatePartitions("statuses", List.of(
                new PartitionInfo("statuses", 0, node, new Node[0], new Node[0]),
                new PartitionInfo("statuses", 1, node, new Node[0], new Node[0])));
        consumer.updateBeginningOffsets(Map.of(P0, 2L, P1, 3L));
        consumer.updateEndOffsets(Map.of(P0, 7L, P1, 9L));
    }

    @Test
    void every_partition_of_the_topics_is_assigned_at_its_beginning_or_its_end() {
        assertEquals(List.of(P0, P1), FeedPositions.assignAll(consumer, List.of("statuses"), StartAt.BEGINNING, TIMEOUT));
        assertEquals(2, consumer.position(P0));
        assertEquals(3, consumer.position(P1));

        FeedPositions.assignAll(consumer, List.of("statuses"), StartAt.END, TIMEOUT);
        assertEquals(7, consumer.position(P0));
        assertEquals(9, consumer.position(P1));
    }

    @Test
    void a_topic_that_does_not_exist_is_kafka_unavailable() {
        assertThrows(KafkaUnavailableException.class,
                () -> FeedPositions.assignAll(consumer, List.of("nowhere"), StartAt.BEGINNING, TIMEOUT));
    }

    @Test
    void a_catch_up_reads_a_partition_from_the_beginning_or_on_from_where_the_feed_is() {
        FeedPositions.assignAll(consumer, List.of("statuses"), StartAt.END, TIMEOUT);

        FeedPositions.seek(consumer, Set.of(P0, P1), Map.of(0, -1L, 1, FeedPositions.NO_SEEK), TIMEOUT);

        assertEquals(2, consumer.position(P0));
        assertEquals(9, consumer.position(P1));
    }
}
