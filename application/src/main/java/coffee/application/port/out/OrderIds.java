package coffee.application.port.out;

import coffee.domain.OrderId;

/** Where new order ids come from: random in production, predictable in tests. */
@FunctionalInterface
public interface OrderIds {

    OrderId next();

    static OrderIds random() {
        return OrderId::random;
    }
}
