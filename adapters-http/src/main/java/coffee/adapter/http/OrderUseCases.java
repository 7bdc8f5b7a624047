package coffee.adapter.http;

import coffee.application.port.in.CancelOrder;
import coffee.application.port.in.FindOrders;
import coffee.application.port.in.FollowOrders;
import coffee.application.port.in.PlaceOrder;
import java.util.Objects;

/**
 * The use cases the order API drives.
 *
 * @param findOrders answers for every order, wherever the view holds it
 * @param findOrdersHere answers from this instance's part of the view only: what other
 *     instances ask it (the {@code /internal/view} routes)
 * @param followOrders the changes of orders, live, for the event streams
 */
public record OrderUseCases(PlaceOrder placeOrder, CancelOrder cancelOrder, FindOrders findOrders,
        FindOrders findOrdersHere, FollowOrders followOrders) {

    /** For a server without event streams: they answer {@code 503}. */
    static final FollowOrders NOT_FOLLOWED = (after, remembered, which, live) -> {
        throw new ApiProblem(io.helidon.http.Status.SERVICE_UNAVAILABLE_503,
                "Live order updates are not available on this server")
                .withHeader(io.helidon.http.HeaderNames.RETRY_AFTER, "5");
    };

    public OrderUseCases {
        Objects.requireNonNull(placeOrder, "placeOrder");
        Objects.requireNonNull(cancelOrder, "cancelOrder");
        Objects.requireNonNull(findOrders, "findOrders");
        Objects.requireNonNull(findOrdersHere, "findOrdersHere");
        Objects.requireNonNull(followOrders, "followOrders");
    }

    /** Without event streams. */
    public OrderUseCases(PlaceOrder placeOrder, CancelOrder cancelOrder, FindOrders findOrders,
            FindOrders findOrdersHere) {
        this(placeOrder, cancelOrder, findOrders, findOrdersHere, NOT_FOLLOWED);
    }

    /** For a single instance, which holds the whole view itself. */
    public OrderUseCases(PlaceOrder placeOrder, CancelOrder cancelOrder, FindOrders findOrders) {
        this(placeOrder, cancelOrder, findOrders, findOrders, NOT_FOLLOWED);
    }
}
