package coffee.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import coffee.adapter.http.OrderApiServer;
import coffee.adapter.kafka.KafkaConnection;
import coffee.domain.CustomerName;
import coffee.domain.Drink;
import coffee.domain.Order;
import coffee.domain.OrderEvent;
import coffee.domain.OrderId;
import coffee.domain.OrderStatus;
import coffee.domain.OrderStatusChanged;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The order JSON is written twice: by the HTTP API ({@code OrderJson}) and on the status topic
 * ({@code EventCodec}). They stay two, because adapters may not depend on each other and each
 * writes in its own hot path; this pins both to one text, the one DESIGN.md names. Both writers
 * are package-private in their adapter, so they are reached by name from their module's public
 * class: a renamed package fails the build, a renamed writer fails this test.
 */
class OrderJsonContractTest {

    private static final String ORDER_JSON = "{\"id\":\"0190a3c4-5e6f-7a8b-9c0d-1e2f3a4b5c6d\","
            + "\"customer_name\":\"Ada\",\"coffee_type\":\"Latte\",\"status\":\"processing\","
            + "\"created_at\":\"2026-03-01T09:00:00Z\",\"updated_at\":\"2026-03-01T09:00:01.250Z\"}";

    private final Order order = new Order(
            OrderId.parse("0190a3c4-5e6f-7a8b-9c0d-1e2f3a4b5c6d").orElseThrow(),
            new CustomerName("Ada"),
            Drink.LATTE,
            OrderStatus.PROCESSING,
            Instant.parse("2026-03-01T09:00:00Z"),
            Instant.parse("2026-03-01T09:00:01.250Z"));

    @Test
    void the_api_writes_an_order_as_the_contract_says() throws ReflectiveOperationException {
        Method write = writer(OrderApiServer.class, "OrderJson", "order", Order.class);

        assertEquals(ORDER_JSON, text((byte[]) write.invoke(null, order)));
    }

    @Test
    void the_status_topic_carries_an_order_as_the_api_writes_it() throws ReflectiveOperationException {
        Method encode = writer(KafkaConnection.class, "EventCodec", "encode", OrderEvent.class);

        assertEquals(ORDER_JSON, text((byte[]) encode.invoke(null, new OrderStatusChanged(order))));
    }

    private static Method writer(Class<?> publicClass, String name, String method, Class<?> parameter)
            throws ReflectiveOperationException {
        Class<?> writer = Class.forName(publicClass.getPackageName() + "." + name);
        Method found = writer.getDeclaredMethod(method, parameter);
        found.setAccessible(true);
        return found;
    }

    private static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }
}
