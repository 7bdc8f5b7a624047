package coffee.application.port.in.archfixture;

import coffee.application.port.out.OrderPublisher;

/** Breaks a rule on purpose: an in-port that knows an out-port. */
public interface InPortThatPublishes {

    OrderPublisher publisher();
}
