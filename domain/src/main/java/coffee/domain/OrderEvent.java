package coffee.domain;

/**
 * Something that happened to an order. The producer writes {@link OrderPlaced} and
 * {@link OrderCancelRequested} (commands to the baristas); only consumers write
 * {@link OrderStatusChanged} (the facts of brewing).
 */
public sealed interface OrderEvent permits OrderPlaced, OrderCancelRequested, OrderStatusChanged {

    OrderId orderId();
}
