package coffee.adapter.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The publisher's start-up preparation, against a producer that says which topics it was asked about. */
class PublishingPreparationTest {

    private static final KafkaSettings SETTINGS = KafkaSettings.defaults(List.of("localhost:9092"));
    private static final String ORDERS = SETTINGS.ordersTopic();
    private static final String STATUSES = SETTINGS.statusTopic();

    private final Retrying retrying = new Retrying();
    private final List<Duration> pauses = new ArrayList<>();

    @AfterEach
    void closeRetrying() {
        retrying.close();
    }

    @Test
    void the_producer_learns_the_partitions_of_the_orders_and_the_status_topic() throws InterruptedException {
        AskedProducer producer = new AskedProducer(0);

        new PublishingPreparation(producer, SETTINGS, retrying).awaitPartitions(pauses::add);

        assertEquals(List.of(ORDERS, STATUSES), producer.asked);
        assertEquals(List.of(), pauses);
    }

    @Test
    void while_kafka_does_not_answer_it_pauses_and_asks_again() throws InterruptedException {
        AskedProducer producer = new AskedProducer(1);

        new PublishingPreparation(producer, SETTINGS, retrying).awaitPartitions(pauses::add);

        assertEquals(List.of(ORDERS, ORDERS, STATUSES), producer.asked);
        // after the failed attempt: asked whether to go on, then waits out the rest of its second
        assertEquals(2, pauses.size(), pauses.toString());
        assertEquals(Duration.ZERO, pauses.get(0));
        assertTrue(pauses.get(1).compareTo(Duration.ofSeconds(1)) <= 0, pauses.toString());
    }

    @Test
    void a_stop_asked_for_while_kafka_does_not_answer_ends_the_waiting() {
        AskedProducer producer = new AskedProducer(Integer.MAX_VALUE);

        assertThrows(InterruptedException.class, () -> new PublishingPreparation(producer, SETTINGS, retrying)
                .awaitPartitions(pause -> {
                    throw new InterruptedException("asked to stop");
                }));

        assertEquals(List.of(ORDERS), producer.asked);
    }

    @Test
    void giving_up_says_that_kafka_did_not_say_where_the_partitions_are() {
        AskedProducer producer = new AskedProducer(Integer.MAX_VALUE);
        // a closed connection gives up at the first failed attempt instead of after a minute
        retrying.close();

        KafkaUnavailableException e = assertThrows(KafkaUnavailableException.class,
                () -> new PublishingPreparation(producer, SETTINGS, retrying).awaitPartitions(pauses::add));

        assertTrue(e.getMessage().contains("Kafka did not say where the topics' partitions are: Topic "
                + ORDERS + " not present in metadata"), e.getMessage());
    }

    /** Records each topic it is asked about; the first {@code timeouts} asks time out, as without Kafka. */
    private static final class AskedProducer extends MockProducer<byte[], byte[]> {

        private final List<String> asked = new ArrayList<>();
        private int timeouts;

        AskedProducer(int timeouts) {
            this.timeouts = timeouts;
        }

        @Override
        public List<PartitionInfo> partitionsFor(String topic) {
            asked.add(topic);
            if (timeouts > 0) {
                timeouts--;
                throw new TimeoutException("Topic " + topic + " not present in metadata after 100 ms.");
            }
            return List.of(new PartitionInfo(topic, 0, null, null, null));
        }
    }
}
