package coffee.adapter.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import coffee.domain.Order;
import coffee.domain.OrderTestData;
import org.junit.jupiter.api.Test;

class SharedOrderJsonTest {

    private final SharedOrderJson shared = new SharedOrderJson();

    @Test
    void the_same_order_is_encoded_once_for_every_subscriber() {
        Order order = OrderTestData.aPendingOrder();

        byte[] first = shared.of(order);

        assertSame(first, shared.of(order), "the second subscriber gets the first one's bytes");
        assertArrayEquals(OrderJson.order(order), first, "as GET /order/{id} writes it");
    }

    @Test
    void an_equal_but_other_order_instance_is_encoded_again() {
        Order order = OrderTestData.aPendingOrder();
        Order copy = new Order(order.id(), order.customer(), order.drink(), order.status(), order.createdAt(),
                order.updatedAt());

        assertNotSame(shared.of(order), shared.of(copy));
        assertArrayEquals(shared.of(order), shared.of(copy));
    }
}
