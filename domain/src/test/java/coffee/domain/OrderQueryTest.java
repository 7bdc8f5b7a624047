package coffee.domain;

import static coffee.domain.OrderTestData.T0;
import static coffee.domain.OrderTestData.anOrder;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OrderQueryTest {

    @Test
    void filters_combine() {
        Order annsLatte = anOrder().forCustomer("Ann").build();
        OrderQuery query = OrderQuery.newest(10).withCustomer(new CustomerName("ann")).withStatus(OrderStatus.PENDING);

        assertTrue(query.matches(annsLatte), "customer matches ignoring case");
        assertFalse(query.matches(annsLatte.startBrewing(T0)));
        assertFalse(query.matches(anOrder().forCustomer("Bob").build()));
    }

    @Test
    void the_limit_is_bounded() {
        assertThrows(InvalidOrderException.class, () -> OrderQuery.newest(0));
        assertThrows(InvalidOrderException.class, () -> OrderQuery.newest(OrderQuery.MAX_LIMIT + 1));
    }
}
