package coffee.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;

class KafkaLogNoiseTest {

    private final LoggerContext context = new LoggerContext();
    private final KafkaLogNoise noise = new KafkaLogNoise(false);

    @Test
    void a_quorum_leader_waiting_in_vain_for_a_successor_while_every_node_stops_is_not_logged() {
        assertEquals(FilterReply.DENY, noise.decide(null, context.getLogger("org.apache.kafka.raft.KafkaRaftClient"),
                Level.WARN, "[RaftManager id=2] Graceful shutdown timed out after {}ms", new Object[] {5000}, null));
        assertEquals(FilterReply.DENY, noise.decide(null, context.getLogger("org.apache.kafka.raft.KafkaRaftClientDriver"),
                Level.ERROR, "Graceful shutdown of RaftClient failed", null, new IllegalStateException("timed out")));
    }

    @Test
    void everything_else_the_raft_client_says_is_logged() {
        assertEquals(FilterReply.NEUTRAL, noise.decide(null, context.getLogger("org.apache.kafka.raft.KafkaRaftClient"),
                Level.ERROR, "Unexpected error", null, null));
    }
}
