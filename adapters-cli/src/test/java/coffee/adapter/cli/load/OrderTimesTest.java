package coffee.adapter.cli.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderTimesTest {

    private final OrderTimes orders = new OrderTimes();

    private static long removeFrom(OrderTimes orders, UUID id) {
        return orders.remove(id.getMostSignificantBits(), id.getLeastSignificantBits());
    }

    @Test
    void an_order_is_found_once_and_then_forgotten() {
        UUID id = UUID.randomUUID();
        orders.put(id.getMostSignificantBits(), id.getLeastSignificantBits(), 42);

        assertEquals(42, removeFrom(orders, id));
        assertEquals(OrderTimes.ABSENT, removeFrom(orders, id));
        assertEquals(0, orders.size());
    }

    @Test
    void an_unknown_order_is_absent() {
        assertEquals(OrderTimes.ABSENT, removeFrom(orders, UUID.randomUUID()));
    }

    @Test
    void agrees_with_a_hash_map_through_growth_and_removals_in_any_order() {
        Random random = new Random(7);
        Map<UUID, Long> expected = new HashMap<>();
        List<UUID> ids = new ArrayList<>();
        for (int round = 0; round < 200_000; round++) {
            if (ids.isEmpty() || random.nextInt(3) > 0) {
                UUID id = new UUID(random.nextLong() | 1L << 12, random.nextLong());
                orders.put(id.getMostSignificantBits(), id.getLeastSignificantBits(), round);
                expected.put(id, (long) round);
                ids.add(id);
            } else {
                UUID id = ids.remove(random.nextInt(ids.size()));
                assertEquals(expected.remove(id), removeFrom(orders, id), "order " + id);
            }
        }
        assertEquals(expected.size(), orders.size());
        for (UUID id : ids) {
            assertEquals(expected.get(id), removeFrom(orders, id));
        }
        assertEquals(0, orders.size());
    }

    @Test
    void the_nil_id_is_refused_because_it_marks_free_slots() {
        assertThrows(IllegalArgumentException.class, () -> orders.put(0, 1, 1));
    }
}
