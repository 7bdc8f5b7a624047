package coffee.adapter.kafka;

import static coffee.domain.OrderTestData.aPendingOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;

import coffee.domain.Order;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecentPlacementsTest {

    private final RecentPlacements recent = new RecentPlacements();

    @Test
    void an_acknowledged_order_is_found_until_the_view_folds_it() {
        Order order = aPendingOrder();

        recent.acknowledged(order);
        assertEquals(Optional.of(order), recent.find(order.id()));

        recent.folded(order.id());
        assertEquals(Optional.empty(), recent.find(order.id()));
    }

    @Test
    void an_order_never_acknowledged_here_is_not_found() {
        assertEquals(Optional.empty(), recent.find(aPendingOrder().id()));
    }
}
