package coffee.application.port.in;

import coffee.domain.OrderId;
import coffee.domain.RequestId;

/** Use case: a customer asks to cancel an order that has not started brewing. */
public interface CancelOrder {

    /**
     * Asks the baristas to cancel and waits a bounded time for their verdict: only a
     * consumer knows whether brewing already started.
     */
    CancelOrderResult cancel(OrderId id, RequestId requestId);
}
