package coffee.domain;

import static coffee.domain.OrderTestData.T0;
import static coffee.domain.OrderTestData.anOrder;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FollowedOrdersTest {

    @Test
    void one_order_is_that_order_in_any_status() {
        Order latte = anOrder().build();
        FollowedOrders followed = FollowedOrders.one(latte.id());

        assertTrue(followed.matches(latte));
        assertTrue(followed.matches(latte.startBrewing(T0)));
        assertFalse(followed.matches(anOrder().build()));
    }

    @Test
    void a_query_follows_its_customer_ignoring_case_and_its_status() {
        FollowedOrders followed = FollowedOrders.matching(
                OrderQuery.newest(1).withCustomer(new CustomerName("ann")).withStatus(OrderStatus.PENDING));
        Order annsLatte = anOrder().forCustomer("Ann").build();

        assertTrue(followed.matches(annsLatte));
        assertFalse(followed.matches(annsLatte.startBrewing(T0)));
        assertFalse(followed.matches(anOrder().forCustomer("Bob").build()));
    }

    @Test
    void a_query_without_filters_follows_every_order() {
        assertTrue(FollowedOrders.matching(OrderQuery.newest(1)).matches(anOrder().build()));
    }
}
