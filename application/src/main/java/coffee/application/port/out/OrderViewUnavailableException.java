package coffee.application.port.out;

/**
 * The view of orders cannot answer right now, for example while it is restored or while the
 * instances that hold it rebalance. Not an answer about the order: asking again later is.
 */
public final class OrderViewUnavailableException extends RuntimeException {

    public OrderViewUnavailableException(String message) {
        super(message);
    }

    public OrderViewUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
