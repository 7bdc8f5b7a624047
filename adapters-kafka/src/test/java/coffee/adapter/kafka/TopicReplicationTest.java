package coffee.adapter.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TopicReplicationTest {

    private static final int AUTOMATIC = -1;

    @Test
    void a_single_broker_gets_one_replica_and_the_brokers_own_min_insync_replicas() {
        TopicReplication replication = TopicReplication.decide(1, AUTOMATIC, AUTOMATIC);

        assertEquals(1, replication.replicationFactor());
        assertEquals(Optional.empty(), replication.minInSyncReplicas());
        assertEquals(Map.of(), replication.topicConfigs());
    }

    @Test
    void two_brokers_get_two_replicas_and_no_min_insync_replicas_that_would_stop_writes_when_one_is_down() {
        TopicReplication replication = TopicReplication.decide(2, AUTOMATIC, AUTOMATIC);

        assertEquals(2, replication.replicationFactor());
        assertEquals(Optional.empty(), replication.minInSyncReplicas());
    }

    @Test
    void three_brokers_get_three_replicas_and_min_insync_replicas_two() {
        TopicReplication replication = TopicReplication.decide(3, AUTOMATIC, AUTOMATIC);

        assertEquals(3, replication.replicationFactor());
        assertEquals(Optional.of(2), replication.minInSyncReplicas());
        assertEquals(Map.of("min.insync.replicas", "2"), replication.topicConfigs());
    }

    @Test
    void more_brokers_still_get_three_replicas() {
        assertEquals(3, TopicReplication.decide(7, AUTOMATIC, AUTOMATIC).replicationFactor());
    }

    @Test
    void settings_override_both() {
        TopicReplication replication = TopicReplication.decide(5, 4, 3);

        assertEquals(4, replication.replicationFactor());
        assertEquals(Optional.of(3), replication.minInSyncReplicas());
    }

    @Test
    void min_insync_replicas_one_may_be_asked_for_on_a_large_cluster() {
        assertEquals(Optional.of(1), TopicReplication.decide(3, AUTOMATIC, 1).minInSyncReplicas());
    }

    @Test
    void more_replicas_than_brokers_is_an_error_that_says_both_numbers() {
        TopicSettingsException e = assertThrows(TopicSettingsException.class, () -> TopicReplication.decide(1, 3, AUTOMATIC));

        assertTrue(e.getMessage().contains("3 replicas") && e.getMessage().contains("1 broker"), e.getMessage());
    }

    @Test
    void min_insync_replicas_above_the_replicas_is_an_error_as_no_write_could_be_acknowledged() {
        TopicSettingsException e = assertThrows(TopicSettingsException.class, () -> TopicReplication.decide(3, AUTOMATIC, 4));

        assertTrue(e.getMessage().contains("min.insync.replicas 4"), e.getMessage());
    }

    @Test
    void automatic_min_insync_replicas_two_on_a_single_broker_never_happens() {
        assertEquals(Optional.empty(), TopicReplication.decide(1, 1, AUTOMATIC).minInSyncReplicas());
    }
}
