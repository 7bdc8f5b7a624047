package coffee.application.port.out.archfixture;

import coffee.application.port.in.PlaceOrder;

/** Breaks a rule on purpose: an out-port that knows an in-port. */
public interface OutPortThatPlaces {

    PlaceOrder placeOrder();
}
