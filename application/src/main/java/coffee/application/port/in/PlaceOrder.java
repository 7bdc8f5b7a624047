package coffee.application.port.in;

/** Use case: a customer places an order; it is durably accepted or clearly refused. */
public interface PlaceOrder {

    /**
     * Places the order and returns once Kafka has acknowledged it, or once it is clear that
     * it has not (within the publisher's bounded timeout).
     */
    PlaceOrderResult place(PlaceOrderCommand command);
}
