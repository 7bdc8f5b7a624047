package coffee.adapter.kafka;

import static coffee.domain.OrderTestData.T0;
import static coffee.domain.OrderTestData.anOrder;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coffee.domain.Order;
import coffee.domain.OrderStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The index keys the store derives from an order's bytes are the ones the listings look for. */
class ViewKeysTest {

    @ParameterizedTest
    @ValueSource(strings = {"Ann", "ann o'BRIEN 2", "Zoë Ångström", "Straße", "İpek", "李小龍"})
    void the_keys_derived_from_the_stored_bytes_are_the_keys_of_the_order(String customer) {
        Order placed = anOrder().forCustomer(customer).placedAt(T0).build();
        Order brewing = placed.startBrewing(T0.plusSeconds(1));
        byte[] id = ViewKeys.id(placed.id());

        for (Order order : new Order[] {placed, brewing}) {
            assertArrayEquals(ViewKeys.byStatus(order), ViewKeys.byStatus(id, ViewKeys.order(order)));
            assertArrayEquals(ViewKeys.byCustomer(order), ViewKeys.byCustomer(id, ViewKeys.order(order)));
        }
        assertEquals(OrderStatus.PROCESSING, ViewKeys.storedStatus(ViewKeys.order(brewing)));
        assertArrayEquals(ViewKeys.byStatus(placed),
                ViewKeys.withStatus(ViewKeys.byStatus(brewing), OrderStatus.PENDING));
        assertTrue(ViewKeys.sameTimeAndCustomer(ViewKeys.order(placed), ViewKeys.order(brewing)));
        Order otherVersion = anOrder().withId(placed.id()).forCustomer(customer).placedAt(T0.plusMillis(5)).build();
        assertFalse(ViewKeys.sameTimeAndCustomer(ViewKeys.order(placed), ViewKeys.order(otherVersion)));
    }
}
