package coffee.domain;

import java.time.Instant;

/** Builds orders for tests: {@code anOrder().withDrink(Drink.MOCHA).build()}. */
public final class OrderTestData {

    public static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");

    private OrderId id = OrderId.random();
    private CustomerName customer = new CustomerName("Ann");
    private Drink drink = Drink.LATTE;
    private Instant placedAt = T0;

    private OrderTestData() {
    }

    public static OrderTestData anOrder() {
        return new OrderTestData();
    }

    public static Order aPendingOrder() {
        return anOrder().build();
    }

    public OrderTestData withId(OrderId value) {
        this.id = value;
        return this;
    }

    public OrderTestData forCustomer(String name) {
        this.customer = new CustomerName(name);
        return this;
    }

    public OrderTestData withDrink(Drink value) {
        this.drink = value;
        return this;
    }

    public OrderTestData placedAt(Instant value) {
        this.placedAt = value;
        return this;
    }

    public Order build() {
        return Order.place(id, customer, drink, placedAt);
    }
}
