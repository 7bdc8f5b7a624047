package coffee.adapter.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coffee.application.port.in.OrderProcessor;
import coffee.application.port.in.ProjectOrderEvents;
import coffee.domain.OrderId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** What a connection does before any broker answers: no broker needed. */
class KafkaConnectionTest {

    /** .invalid never resolves (RFC 2606). */
    private static final KafkaSettings UNRESOLVABLE = KafkaSettings.defaults(List.of("nohost.invalid:9092"));
    private static final ProjectOrderEvents NOWHERE = event -> { };
    private static final OrderProcessor NOBODY = batch -> List.of();

    @Test
    void a_broker_host_that_does_not_resolve_is_kafka_unavailable_for_every_client() {
        try (KafkaConnection kafka = KafkaConnection.open(UNRESOLVABLE, "test")) {
            Map<String, Executable> uses = Map.of(
                    "ensureTopics", kafka::ensureTopics,
                    "publisher", kafka::publisher,
                    "followStatuses", () -> kafka.followStatuses(NOWHERE, StartAt.END),
                    "followOrdersAndStatuses", () -> kafka.followOrdersAndStatuses(NOWHERE, StartAt.END),
                    "consume", () -> kafka.consume(NOBODY, NOWHERE),
                    "startHealthProbe", () -> kafka.startHealthProbe(Duration.ofSeconds(1), Duration.ofSeconds(1)),
                    "findOrder", () -> kafka.findOrder(OrderId.random()));
            uses.forEach((name, use) -> {
                KafkaUnavailableException e = assertThrows(KafkaUnavailableException.class, use, name);
                assertEquals("Kafka at nohost.invalid:9092 is not reachable: no broker's host name resolves",
                        e.getMessage(), name);
            });
        }
    }

    @Test
    void a_client_property_kafka_refuses_is_said_in_the_adapter_s_own_exception_naming_it() {
        KafkaSettings defaults = KafkaSettings.defaults(List.of("localhost:9092"));
        KafkaSettings refused = new KafkaSettings(defaults.brokers(), defaults.ordersTopic(), defaults.statusTopic(),
                defaults.deadLetterTopic(), defaults.partitions(), defaults.replicationFactor(),
                defaults.minInSyncReplicas(), defaults.acks(), defaults.retries(), defaults.timeout(), defaults.groupId(),
                defaults.maxQueuedPerPartition(), Map.of("linger.ms", "soon"));
        try (KafkaConnection kafka = KafkaConnection.open(refused, "test")) {
            InvalidClientPropertyException e = assertThrows(InvalidClientPropertyException.class, kafka::publisher);
            assertTrue(e.getMessage().contains("linger.ms"), e.getMessage());
        }
    }

    @Test
    void waiting_for_kafka_at_start_up_tries_once_a_second_until_the_pause_ends_it() {
        List<Duration> pauses = new ArrayList<>();
        try (KafkaConnection kafka = KafkaConnection.open(UNRESOLVABLE, "test")) {
            assertThrows(InterruptedException.class, () -> kafka.ensureTopicsWaitingForKafka(pause -> {
                pauses.add(pause);
                if (pauses.size() == 4) {
                    throw new InterruptedException("asked to stop");
                }
            }));
        }
        // after each failed attempt: asked whether to go on, then waits out the rest of its second
        assertEquals(Duration.ZERO, pauses.get(0));
        assertTrue(pauses.get(1).compareTo(Duration.ZERO) > 0 && pauses.get(1).compareTo(Duration.ofSeconds(1)) <= 0,
                pauses.toString());
        assertEquals(Duration.ZERO, pauses.get(2));
    }

    @Test
    void a_broker_host_that_does_not_resolve_is_a_problem_not_an_exception() {
        try (KafkaConnection kafka = KafkaConnection.open(UNRESOLVABLE, "test")) {
            assertTrue(kafka.problem().orElseThrow().contains("no broker's host name resolves"), kafka.problem().toString());
        }
    }
}
