package coffee.application.port.out;

/**
 * An event was not confirmed as stored. It may still have been stored (a timed-out write can
 * land late), which is why every consumer of events tolerates duplicates.
 */
public final class PublishFailedException extends RuntimeException {

    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
