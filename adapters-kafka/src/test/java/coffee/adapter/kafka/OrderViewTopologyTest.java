package coffee.adapter.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OrderViewTopologyTest {

    @Test
    void the_store_is_logged_to_a_changelog_whose_segments_roll_early_enough_to_be_compacted() {
        var builder = OrderViewTopology.store();

        assertEquals(OrderViewTopology.ORDERS, builder.name());
        assertTrue(builder.loggingEnabled());
        assertEquals(Integer.toString(16 * 1024 * 1024), builder.logConfig().get("segment.bytes"));
    }
}
