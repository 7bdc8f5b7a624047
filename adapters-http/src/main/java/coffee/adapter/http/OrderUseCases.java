package coffee.adapter.http;

import coffee.application.port.in.CancelOrder;
import coffee.application.port.in.FindOrders;
import coffee.application.port.in.PlaceOrder;
import java.util.Objects;

/** The use cases the order API drives. */
public record OrderUseCases(PlaceOrder placeOrder, CancelOrder cancelOrder, FindOrders findOrders) {

    public OrderUseCases {
        Objects.requireNonNull(placeOrder, "placeOrder");
        Objects.requireNonNull(cancelOrder, "cancelOrder");
        Objects.requireNonNull(findOrders, "findOrders");
    }
}
