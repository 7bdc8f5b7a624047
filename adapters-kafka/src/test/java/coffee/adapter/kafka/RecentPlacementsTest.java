package coffee.adapter.kafka;

import static coffee.domain.OrderTestData.aPendingOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;

import coffee.domain.Order;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecentPlacementsTest {

    private final ViewProgress ordersFolded = new ViewProgress();
    private final RecentPlacements recent = new RecentPlacements(ordersFolded);

    @Test
    void an_acknowledged_order_is_found_until_the_view_folds_it() {
        Order order = aPendingOrder();

        recent.acknowledged(order, 3, 41);
        assertEquals(Optional.of(order), recent.find(order.id()));

        ordersFolded.processed(3, 41);
        recent.folded(order.id());
        assertEquals(Optional.empty(), recent.find(order.id()));
    }

    @Test
    void an_order_the_view_folded_before_its_acknowledgement_came_gets_no_entry() {
        Order order = aPendingOrder();
        Order sameOffsetElsewhere = aPendingOrder();

        ordersFolded.processed(3, 41);
        recent.folded(order.id());
        recent.acknowledged(order, 3, 41);
        recent.acknowledged(sameOffsetElsewhere, 4, 41);

        assertEquals(Optional.empty(), recent.find(order.id()), "the view answers for it already");
        assertEquals(Optional.of(sameOffsetElsewhere), recent.find(sameOffsetElsewhere.id()),
                "another partition's progress says nothing of it");
    }

    @Test
    void an_order_never_acknowledged_here_is_not_found() {
        assertEquals(Optional.empty(), recent.find(aPendingOrder().id()));
    }
}
