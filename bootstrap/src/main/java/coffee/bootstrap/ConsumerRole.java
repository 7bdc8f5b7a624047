package coffee.bootstrap;

import coffee.adapter.http.CannotListenException;
import coffee.adapter.http.HelidonOrderMetrics;
import coffee.adapter.http.ManagementServer;
import coffee.adapter.kafka.KafkaConnection;
import coffee.adapter.kafka.KafkaHealthProbe;
import coffee.adapter.kafka.KafkaSettings;
import coffee.adapter.kafka.OrderConsumer;
import coffee.application.service.BrewingService;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.Optional;

/**
 * A consumer: a member of the baristas' group, brewing orders and publishing their status.
 * It remembers the last orders it heard of (a bounded number), and when it takes partitions
 * over it reads their recent statuses, so it knows which orders handed to it again are done.
 */
final class ConsumerRole implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ConsumerRole.class.getName());

    private final KafkaConnection kafka;
    private final BrewingService baristas;
    private final OrderConsumer consumer;
    private final HelidonOrderMetrics.LagWatch lag;
    private final KafkaHealthProbe health;
    private final ManagementServer management;

    private ConsumerRole(KafkaConnection kafka, BrewingService baristas, OrderConsumer consumer,
            HelidonOrderMetrics.LagWatch lag, KafkaHealthProbe health, ManagementServer management) {
        this.kafka = kafka;
        this.baristas = baristas;
        this.consumer = consumer;
        this.lag = lag;
        this.health = health;
        this.management = management;
    }

    /**
     * @param ownManagementServer whether to serve health and metrics on {@code MANAGEMENT_PORT};
     *     not when the producer in the same process serves them already (`serve`)
     */
    static ConsumerRole start(Configuration config, KafkaSettings kafkaSettings, boolean ownManagementServer)
            throws InterruptedException {
        if (ownManagementServer) {
            HttpPorts.requireManagementPortFree(config);
        }
        KafkaConnection kafka = KafkaConnection.open(kafkaSettings, "consumer");
        KafkaHealthProbe health = null;
        BrewingService startedBaristas = null;
        OrderConsumer startedConsumer = null;
        HelidonOrderMetrics.LagWatch lag = null;
        try {
            kafka.ensureTopicsWaitingForKafka(Lifecycle::pauseUnlessStopped);
            CompositionRoot.Brewing brewing = CompositionRoot.brewing(config, kafka);
            BrewingService baristas = brewing.baristas();
            startedBaristas = baristas;
            OrderConsumer consumer = kafka.consume(baristas, brewing.knownOrders());
            startedConsumer = consumer;
            lag = brewing.metrics().watchConsumerLag(consumer::lag);
            health = kafka.startHealthProbe(ProducerRole.HEALTH_PROBE_INTERVAL, ProducerRole.HEALTH_PROBE_INTERVAL);
            KafkaHealthProbe kafkaHealth = health;
            ManagementServer management;
            try {
                management = ownManagementServer
                        ? ManagementServer.start(config.get(Settings.SERVER_HOST), config.get(Settings.MANAGEMENT_PORT),
                                () -> consumer.isRunning() ? kafkaHealth.problem() : Optional.of("the consumer loop stopped"))
                        : null;
            } catch (CannotListenException e) {
                // taken since the check at the start
                throw HttpPorts.explained(e, Settings.MANAGEMENT_PORT);
            }
            Lifecycle.ANNOUNCE.log(Level.INFO, String.format(Locale.ROOT,
                    "consumer started: %s baristas, %s ms per drink, group %s, Kafka %s",
                    config.get(Settings.CONSUMER_CONCURRENCY), config.get(Settings.BREW_TIME_MS),
                    kafkaSettings.groupId(), String.join(",", kafkaSettings.brokers())));
            if (management != null) {
                Lifecycle.ANNOUNCE.log(Level.INFO, "consumer health and metrics on http://localhost:" + management.port()
                        + "/observe/health, /observe/metrics");
            }
            return new ConsumerRole(kafka, baristas, consumer, lag, health, management);
        } catch (RuntimeException | InterruptedException e) {
            if (health != null) {
                health.close();
            }
            if (lag != null) {
                lag.close();
            }
            if (startedConsumer != null) {
                startedConsumer.close();
            }
            if (startedBaristas != null) {
                try {
                    startedBaristas.close();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            kafka.close();
            throw e;
        }
    }

    OrderConsumer consumer() {
        return consumer;
    }

    int managementPort() {
        return management == null ? -1 : management.port();
    }

    /** Stop taking orders, finish brews under way and commit them, then close Kafka. */
    @Override
    public void close() {
        if (management != null) {
            management.close();
        }
        health.close();
        lag.close();
        consumer.close();
        try {
            baristas.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kafka.close();
        Lifecycle.ANNOUNCE.log(Level.INFO, "consumer stopped");
    }
}
