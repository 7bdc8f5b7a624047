package coffee.adapter.kafka.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BrokerNodeTest {

    private static final List<String> VOTERS = List.of("1@kafka-a:9093", "2@kafka-b:9093", "3@kafka-c:9093");

    private static BrokerNode node(int id, List<String> voters, int controllerPort, Optional<String> clusterId) {
        return new BrokerNode(id, "kafka-a", 9092, controllerPort, voters, clusterId, Path.of("/data"));
    }

    @Test
    void a_single_node_is_a_quorum_of_one() {
        assertEquals(1, BrokerNode.single(Path.of("/data"), 9092).quorumSize());
    }

    @Test
    void nodes_given_the_same_voters_format_with_the_same_cluster_id_without_being_told_it() {
        String first = node(1, VOTERS, 9093, Optional.empty()).clusterIdToFormat();

        assertEquals(first, node(2, VOTERS, 9093, Optional.empty()).clusterIdToFormat());
        assertNotEquals(first, node(1, List.of("1@kafka-a:9093", "2@kafka-b:9093", "3@kafka-d:9093"), 9093,
                Optional.empty()).clusterIdToFormat());
    }

    @Test
    void a_cluster_id_given_wins() {
        assertEquals("MkU3OEVBNTcwNTJENDM2Qg",
                node(1, VOTERS, 9093, Optional.of("MkU3OEVBNTcwNTJENDM2Qg")).clusterIdToFormat());
    }

    @Test
    void a_node_that_is_not_one_of_the_voters_is_refused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> node(4, VOTERS, 9093, Optional.empty()));

        assertTrue(e.getMessage().contains("node 4 is not one of the voters"), e.getMessage());
    }

    @Test
    void a_node_of_a_quorum_needs_its_controller_port_as_the_others_know_it() {
        assertThrows(IllegalArgumentException.class, () -> node(1, VOTERS, 0, Optional.empty()));
    }
}
