package coffee.bootstrap;

import coffee.adapter.kafka.KafkaConnection;
import coffee.adapter.kafka.KafkaSettings;
import coffee.adapter.kafka.OrderConsumer;
import coffee.adapter.kafka.OrderFeed;
import coffee.adapter.kafka.StartAt;
import coffee.application.port.out.Barista;
import coffee.application.readmodel.InMemoryOrderRepository;
import coffee.application.service.BrewingService;
import coffee.application.service.OrderProjection;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Locale;

/**
 * A consumer: a member of the baristas' group, brewing orders and publishing their status.
 * It follows the status topic so it knows which orders are already done.
 */
final class ConsumerRole implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ConsumerRole.class.getName());

    private final KafkaConnection kafka;
    private final OrderFeed statuses;
    private final BrewingService baristas;
    private final OrderConsumer consumer;

    private ConsumerRole(KafkaConnection kafka, OrderFeed statuses, BrewingService baristas, OrderConsumer consumer) {
        this.kafka = kafka;
        this.statuses = statuses;
        this.baristas = baristas;
        this.consumer = consumer;
    }

    static ConsumerRole start(Configuration config, KafkaSettings kafkaSettings) throws InterruptedException {
        KafkaConnection kafka = KafkaConnection.open(kafkaSettings, "consumer");
        OrderFeed statuses = null;
        try {
            kafka.ensureTopics();
            InMemoryOrderRepository known = new InMemoryOrderRepository();
            statuses = kafka.followStatuses(new OrderProjection(known), StartAt.BEGINNING);
            int concurrency = config.get(Settings.CONSUMER_CONCURRENCY);
            Duration brewTime = Duration.ofMillis(config.get(Settings.BREW_TIME_MS));
            BrewingService baristas = new BrewingService(kafka.publisher(), known, Barista.takingTime(brewTime),
                    Wiring.CLOCK, concurrency);
            OrderConsumer consumer = kafka.consume(baristas, statuses);
            LOG.log(Level.INFO, String.format(Locale.ROOT,
                    "consumer started: %s baristas, %s ms per drink, group %s, Kafka %s",
                    concurrency, brewTime.toMillis(), kafkaSettings.groupId(), String.join(",", kafkaSettings.brokers())));
            return new ConsumerRole(kafka, statuses, baristas, consumer);
        } catch (RuntimeException | InterruptedException e) {
            if (statuses != null) {
                statuses.close();
            }
            kafka.close();
            throw e;
        }
    }

    OrderConsumer consumer() {
        return consumer;
    }

    /** Stop taking orders, finish brews under way and commit them, then close Kafka. */
    @Override
    public void close() {
        consumer.close();
        try {
            baristas.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        statuses.close();
        kafka.close();
        LOG.log(Level.INFO, "consumer stopped");
    }
}
