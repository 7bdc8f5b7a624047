package coffee.adapter.kafka.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaBrokerPropertiesTest {

    private static final Path LOGS = Path.of("/data/logs");

    private static Properties quorumNode() {
        BrokerNode node = new BrokerNode(1, "127.0.0.1", 9092, 9192,
                List.of("1@127.0.0.1:9192", "2@127.0.0.1:9193", "3@127.0.0.1:9194"), Optional.empty(), Path.of("/data"));
        return EmbeddedKafkaBroker.brokerProperties(node, LOGS, 9092, 9192);
    }

    private static Properties singleNode() {
        return EmbeddedKafkaBroker.brokerProperties(BrokerNode.single(Path.of("/data"), 9092), LOGS, 9092, 9093);
    }

    @Test
    void a_node_of_a_local_quorum_fences_a_dead_peer_within_seconds() {
        Properties p = quorumNode();

        assertEquals("1500", p.getProperty("broker.session.timeout.ms"));
        assertEquals("250", p.getProperty("broker.heartbeat.interval.ms"));
    }

    @Test
    void a_node_of_a_local_quorum_elects_a_new_quorum_leader_within_a_second_and_a_half() {
        Properties p = quorumNode();

        assertEquals("1000", p.getProperty("controller.quorum.fetch.timeout.ms"));
        assertEquals("500", p.getProperty("controller.quorum.election.timeout.ms"));
        assertEquals("500", p.getProperty("controller.quorum.election.backoff.max.ms"));
    }

    @Test
    void a_single_node_keeps_kafkas_failure_detection_defaults() {
        Properties p = singleNode();

        assertNull(p.getProperty("broker.session.timeout.ms"));
        assertNull(p.getProperty("controller.quorum.fetch.timeout.ms"));
        assertNull(p.getProperty("controller.quorum.election.timeout.ms"));
    }

    @Test
    void a_quorum_of_three_replicates_topics_three_times_and_needs_two_in_sync() {
        Properties p = quorumNode();

        assertEquals("3", p.getProperty("default.replication.factor"));
        assertEquals("2", p.getProperty("min.insync.replicas"));
    }

    @Test
    void a_single_node_needs_only_itself_in_sync() {
        assertEquals("1", singleNode().getProperty("transaction.state.log.min.isr"));
    }
}
