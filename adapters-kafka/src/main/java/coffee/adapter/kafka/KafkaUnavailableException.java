package coffee.adapter.kafka;

/** Kafka could not be reached, or did not answer in time. The message says which and where. */
public final class KafkaUnavailableException extends RuntimeException {

    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
