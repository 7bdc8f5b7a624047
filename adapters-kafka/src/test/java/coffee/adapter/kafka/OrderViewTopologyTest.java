package coffee.adapter.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OrderViewTopologyTest {

    @Test
    void every_store_is_logged_to_a_changelog_whose_segments_roll_early_enough_to_be_compacted() {
        for (String store : List.of(OrderViewTopology.ORDERS, OrderViewTopology.BY_STATUS,
                OrderViewTopology.BY_CUSTOMER)) {
            var builder = OrderViewTopology.store(store);

            assertTrue(builder.loggingEnabled(), store);
            assertEquals(Integer.toString(16 * 1024 * 1024), builder.logConfig().get("segment.bytes"), store);
        }
    }
}
