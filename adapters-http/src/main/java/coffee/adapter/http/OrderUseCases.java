package coffee.adapter.http;

import coffee.application.port.in.CancelOrder;
import coffee.application.port.in.FindOrders;
import coffee.application.port.in.PlaceOrder;
import java.util.Objects;

/**
 * The use cases the order API drives.
 *
 * @param findOrders answers for every order, wherever the view holds it
 * @param findOrdersHere answers from this instance's part of the view only: what other
 *     instances ask it (the {@code /internal/view} routes)
 */
public record OrderUseCases(PlaceOrder placeOrder, CancelOrder cancelOrder, FindOrders findOrders,
        FindOrders findOrdersHere) {

    public OrderUseCases {
        Objects.requireNonNull(placeOrder, "placeOrder");
        Objects.requireNonNull(cancelOrder, "cancelOrder");
        Objects.requireNonNull(findOrders, "findOrders");
        Objects.requireNonNull(findOrdersHere, "findOrdersHere");
    }

    /** For a single instance, which holds the whole view itself. */
    public OrderUseCases(PlaceOrder placeOrder, CancelOrder cancelOrder, FindOrders findOrders) {
        this(placeOrder, cancelOrder, findOrders, findOrders);
    }
}
