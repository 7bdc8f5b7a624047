package coffee.adapter.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coffee.application.port.in.OrderProcessor;
import coffee.application.port.in.ProjectOrderEvents;
import coffee.domain.OrderId;
import java.time.Duration;
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
    void a_broker_host_that_does_not_resolve_is_a_problem_not_an_exception() {
        try (KafkaConnection kafka = KafkaConnection.open(UNRESOLVABLE, "test")) {
            assertTrue(kafka.problem().orElseThrow().contains("no broker's host name resolves"), kafka.problem().toString());
        }
    }
}
