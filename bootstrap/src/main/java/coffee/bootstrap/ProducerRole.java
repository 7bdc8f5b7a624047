package coffee.bootstrap;

import coffee.adapter.http.HelidonOrderMetrics;
import coffee.adapter.http.OrderApiServer;
import coffee.adapter.http.OrderUseCases;
import coffee.adapter.kafka.KafkaConnection;
import coffee.adapter.kafka.KafkaHealthProbe;
import coffee.adapter.kafka.KafkaSettings;
import coffee.adapter.kafka.OrderFeed;
import coffee.adapter.kafka.StartAt;
import coffee.application.port.out.OrderIds;
import coffee.application.port.out.OrderPublisher;
import coffee.application.readmodel.InMemoryOrderRepository;
import coffee.application.service.CancelOrderService;
import coffee.application.service.OrderProjection;
import coffee.application.service.OrderQueries;
import coffee.application.service.PlaceOrderService;
import coffee.application.service.TimedOrderPublisher;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * The producer: the order API over Kafka. Before it takes requests, its view of orders has
 * read both topics from the beginning, so after a restart every order and status is there.
 */
final class ProducerRole implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ProducerRole.class.getName());
    /** A view of millions of orders takes a while to rebuild; long enough, and still bounded. */
    private static final Duration CATCH_UP_PATIENCE = Duration.ofMinutes(5);

    /** Often enough that readiness turns within seconds of Kafka going away or coming back. */
    static final Duration HEALTH_PROBE_INTERVAL = Duration.ofSeconds(2);

    private final KafkaConnection kafka;
    private final OrderFeed feed;
    private final KafkaHealthProbe health;
    private final OrderApiServer http;

    private ProducerRole(KafkaConnection kafka, OrderFeed feed, KafkaHealthProbe health, OrderApiServer http) {
        this.kafka = kafka;
        this.feed = feed;
        this.health = health;
        this.http = http;
    }

    static ProducerRole start(Configuration config, KafkaSettings kafkaSettings) throws InterruptedException {
        long started = System.nanoTime();
        KafkaConnection kafka = KafkaConnection.open(kafkaSettings, "producer");
        OrderFeed feed = null;
        KafkaHealthProbe health = null;
        try {
            KafkaStartup.ensureTopics(kafka);
            InMemoryOrderRepository orders = new InMemoryOrderRepository();
            feed = kafka.followOrdersAndStatuses(new OrderProjection(orders), StartAt.BEGINNING);
            feed.awaitCaughtUp(CATCH_UP_PATIENCE);
            LOG.log(Level.INFO, String.format(Locale.ROOT,
                    "order view ready: %s orders from %s records",
                    orders.size(), feed.recordsRead()));

            Clock clock = Wiring.CLOCK;
            HelidonOrderMetrics metrics = new HelidonOrderMetrics();
            OrderPublisher publisher = new TimedOrderPublisher(kafka.publisher(), metrics);
            OrderQueries queries = new OrderQueries(orders);
            OrderUseCases useCases = new OrderUseCases(
                    new PlaceOrderService(publisher, orders, OrderIds.random(), clock, metrics),
                    new CancelOrderService(publisher, orders, clock,
                            Duration.ofMillis(config.get(Settings.CANCEL_TIMEOUT_MS)), metrics),
                    queries);
            health = kafka.startHealthProbe(HEALTH_PROBE_INTERVAL, HEALTH_PROBE_INTERVAL);
            OrderApiServer http = OrderApiServer.start(Wiring.http(config), useCases, health::problem);
            LOG.log(Level.INFO, String.format(Locale.ROOT,
                    "producer ready in %s ms: API on http://localhost:%s, Kafka %s",
                    Duration.ofNanos(System.nanoTime() - started).toMillis(), http.port(), String.join(",", kafkaSettings.brokers())));
            return new ProducerRole(kafka, feed, health, http);
        } catch (RuntimeException | InterruptedException e) {
            if (health != null) {
                health.close();
            }
            if (feed != null) {
                feed.close();
            }
            kafka.close();
            throw e;
        }
    }

    int port() {
        return http.port();
    }

    /** HTTP first (requests in flight finish), then the feed, then Kafka (buffered records flushed). */
    @Override
    public void close() {
        http.close();
        health.close();
        feed.close();
        kafka.close();
        LOG.log(Level.INFO, "producer stopped");
    }
}
