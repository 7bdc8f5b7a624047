package coffee.bootstrap;

import coffee.adapter.kafka.KafkaSettings;
import java.lang.System.Logger.Level;
import java.util.List;

/**
 * `coffee serve`: everything a fresh machine needs in one process. Starts the embedded
 * broker unless Kafka brokers are configured, then the producer and one consumer.
 */
final class AllInOneRole implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(AllInOneRole.class.getName());

    private static final java.time.Duration VIEW_PATIENCE = java.time.Duration.ofSeconds(60);

    private final BrokerRole broker;
    private final ConsumerRole consumer;
    private final ProducerRole producer;

    private AllInOneRole(BrokerRole broker, ConsumerRole consumer, ProducerRole producer) {
        this.broker = broker;
        this.consumer = consumer;
        this.producer = producer;
    }

    static AllInOneRole start(Configuration config) throws InterruptedException {
        // before the broker: a port in use is said at once, with nothing to stop
        HttpPorts.requireApiPortFree(config);
        BrokerRole broker = config.isSet(Settings.KAFKA_BROKERS) ? null : BrokerRole.start(config);
        ConsumerRole consumer = null;
        ProducerRole producer = null;
        try {
            KafkaSettings kafka = broker == null
                    ? AdapterSettings.kafka(config)
                    : AdapterSettings.kafka(config, List.of(broker.bootstrapServers()));
            consumer = ConsumerRole.start(config, kafka, false);
            producer = ProducerRole.start(config, kafka);
            // a newcomer's first GET should not wait on the view: say "served" once it answers reads
            if (!producer.awaitReadyForReads(VIEW_PATIENCE)) {
                LOG.log(Level.WARNING, "the view of orders is not ready after " + VIEW_PATIENCE.toSeconds()
                        + " s; orders are taken, reads wait for it (/observe/health/ready says why)");
            }
            int port = producer.port();
            Lifecycle.ANNOUNCE.log(Level.INFO, () -> "Coffee is served. Place an order:  curl -X POST http://localhost:" + port
                    + "/order -H 'Content-Type: application/json' "
                    + "-d '{\"customer_name\":\"Ann\",\"coffee_type\":\"Latte\"}'   (Ctrl+C stops)");
            return new AllInOneRole(broker, consumer, producer);
        } catch (RuntimeException | InterruptedException e) {
            if (producer != null) {
                producer.close();
            }
            if (consumer != null) {
                consumer.close();
            }
            if (broker != null) {
                broker.close();
            }
            throw e;
        }
    }

    /** In the order that loses nothing: stop taking orders, finish brewing, then stop Kafka. */
    @Override
    public void close() {
        producer.close();
        consumer.close();
        if (broker != null) {
            broker.close();
        }
    }
}
