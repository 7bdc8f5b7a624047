package coffee.adapter.http.archfixture;

import coffee.application.service.PlaceOrderService;

/** Breaks a rule on purpose: an adapter that reaches past the port to the service. */
public final class HandlerCallingTheService {

    private final PlaceOrderService service;

    public HandlerCallingTheService(PlaceOrderService service) {
        this.service = service;
    }

    public PlaceOrderService service() {
        return service;
    }
}
