package coffee.adapter.kafka;

import java.time.Duration;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;

/**
 * Builds a connection's Kafka clients, named after it in broker logs and metrics, and owns the
 * shared ones (the producers and the admin client, each built when first needed) until closed.
 * A client property Kafka refuses is an {@link InvalidClientPropertyException}.
 */
final class KafkaClients {

    private final KafkaSettings settings;
    private final String clientId;
    private Producer<byte[], byte[]> producer;
    private Producer<byte[], byte[]> statusProducer;
    private Admin admin;

    KafkaClients(KafkaSettings settings, String clientId) {
        this.settings = settings;
        this.clientId = clientId;
    }

    String clientId() {
        return clientId;
    }

    /** A new consumer outside any group, named {@code <client id>-<name>}; the caller closes it. */
    KafkaConsumer<byte[], byte[]> feedConsumer(String name) {
        return client(() -> new KafkaConsumer<>(ClientConfigs.feedConsumer(settings, clientId + "-" + name)));
    }

    /** A new consumer in the consumer group, named {@code <client id>-<name>}; the caller closes it. */
    KafkaConsumer<byte[], byte[]> groupConsumer(String name) {
        return client(() -> new KafkaConsumer<>(ClientConfigs.groupConsumer(settings, clientId + "-" + name)));
    }

    /** The one shared producer. */
    synchronized Producer<byte[], byte[]> producer() {
        if (producer == null) {
            producer = client(() -> new KafkaProducer<>(ClientConfigs.producer(settings, clientId)));
        }
        return producer;
    }

    /** The producer of the consumers' statuses (see {@link ClientConfigs#statusProducer}). */
    synchronized Producer<byte[], byte[]> statusProducer() {
        if (statusProducer == null) {
            statusProducer = client(() -> new KafkaProducer<>(ClientConfigs.statusProducer(settings, clientId + "-status")));
        }
        return statusProducer;
    }

    synchronized Admin admin() {
        if (admin == null) {
            admin = client(() -> Admin.create(ClientConfigs.admin(settings, clientId + "-admin")));
        }
        return admin;
    }

    /**
     * Builds a Kafka client. A client refuses to be built when no broker's host name resolves
     * (a KafkaException caused by a ConfigException "No resolvable bootstrap urls"): that is
     * Kafka being unavailable, as when a broker does not answer, not a wrong setting or a bug.
     * A ConfigException of its own is a client property Kafka refused.
     */
    private <T> T client(Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (ConfigException refused) {
            throw new InvalidClientPropertyException(refused);
        } catch (KafkaException e) {
            if (e.getCause() instanceof ConfigException refused && refused.getMessage() != null
                    && refused.getMessage().contains("No resolvable bootstrap urls")) {
                throw new KafkaUnavailableException("Kafka at " + String.join(",", settings.brokers())
                        + " is not reachable: no broker's host name resolves", e);
            }
            throw e;
        }
    }

    /** Sends what is buffered (bounded by the timeout) and closes the shared clients. */
    synchronized void close() {
        if (producer != null) {
            producer.close(settings.timeout());
            producer = null;
        }
        if (statusProducer != null) {
            statusProducer.close(settings.timeout());
            statusProducer = null;
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
            admin = null;
        }
    }
}
