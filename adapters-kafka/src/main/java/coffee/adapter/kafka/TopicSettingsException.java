package coffee.adapter.kafka;

/**
 * The cluster cannot create the topics as the settings ask (more replicas than brokers, or a
 * {@code min.insync.replicas} no write could meet). A setting to change, not an outage to wait out.
 */
public final class TopicSettingsException extends RuntimeException {

    public TopicSettingsException(String message) {
        super(message);
    }
}
