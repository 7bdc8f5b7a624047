package coffee.adapter.kafka;

import static coffee.domain.OrderTestData.T0;
import static coffee.domain.OrderTestData.anOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coffee.domain.CustomerName;
import coffee.domain.FollowedOrders;
import coffee.domain.Order;
import coffee.domain.OrderQuery;
import coffee.domain.OrderStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FollowerIndexTest {

    private final FollowerIndex<String> index = new FollowerIndex<>();
    private final Order annsLatte = anOrder().forCustomer("Ann").build();
    private final Order bobsLatte = anOrder().forCustomer("Bob").build();

    @Test
    void a_change_reaches_the_followers_of_its_order_its_customer_and_of_every_order() {
        index.add(FollowedOrders.one(annsLatte.id()), "ann's order");
        index.add(FollowedOrders.one(bobsLatte.id()), "bob's order");
        index.add(customer("ANN"), "ann's board");
        index.add(customer("Bob"), "bob's board");
        index.add(FollowedOrders.matching(OrderQuery.newest(1)), "the shop's board");
        index.add(FollowedOrders.matching(OrderQuery.newest(1).withStatus(OrderStatus.COMPLETED)), "ready board");

        assertEquals(List.of("ann's order", "ann's board", "the shop's board"), wanting(annsLatte));
        assertEquals(List.of("bob's order", "bob's board", "the shop's board"), wanting(bobsLatte));
        assertEquals(List.of("ann's order", "ann's board", "the shop's board", "ready board"),
                wanting(annsLatte.startBrewing(T0).complete(T0)));
    }

    @Test
    void followers_of_other_orders_only_do_not_need_the_record_decoded() {
        Runnable unfollow = index.add(FollowedOrders.one(annsLatte.id()), "ann's order");

        assertTrue(index.mayConcern(key(annsLatte)));
        assertFalse(index.mayConcern(key(bobsLatte)));
        assertFalse(index.mayConcern(null), "a record without a key concerns no follower of an order");

        index.add(customer("Zoe"), "zoe's board");
        assertTrue(index.mayConcern(key(bobsLatte)), "only the decoded record says whose it is");
        unfollow.run();
        assertEquals(1, index.size());
    }

    @Test
    void a_follower_taken_out_is_told_nothing_more_and_its_empty_shelf_goes() {
        Runnable first = index.add(FollowedOrders.one(annsLatte.id()), "first");
        Runnable second = index.add(FollowedOrders.one(annsLatte.id()), "second");

        first.run();
        assertEquals(List.of("second"), wanting(annsLatte));
        second.run();
        first.run();

        assertTrue(index.isEmpty());
        assertFalse(index.mayConcern(key(annsLatte)), "no follower left for the order");
        assertEquals(List.of(), wanting(annsLatte));
    }

    private List<String> wanting(Order order) {
        List<String> told = new ArrayList<>();
        index.forEachWanting(order, told::add);
        return told;
    }

    private static FollowedOrders customer(String name) {
        return FollowedOrders.matching(OrderQuery.newest(1).withCustomer(new CustomerName(name)));
    }

    private static byte[] key(Order order) {
        return order.id().toString().getBytes(StandardCharsets.UTF_8);
    }
}
