package coffee.adapter.kafka;

/**
 * Kafka refused a client property (from {@code kafka.properties}): a setting to change, not an
 * outage to wait out. The message is Kafka's own; it names the property, and hides passwords.
 */
public final class InvalidClientPropertyException extends RuntimeException {

    InvalidClientPropertyException(RuntimeException refused) {
        super(refused.getMessage(), refused);
    }
}
