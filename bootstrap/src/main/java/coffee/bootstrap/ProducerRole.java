package coffee.bootstrap;

import coffee.adapter.http.CannotListenException;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

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
        HttpPorts.requireApiPortFree(config);
        KafkaConnection kafka = KafkaConnection.open(kafkaSettings, "producer");
        OrderFeed feed = null;
        KafkaHealthProbe health = null;
        try {
            InMemoryOrderRepository orders = new InMemoryOrderRepository();
            health = kafka.startHealthProbe(HEALTH_PROBE_INTERVAL, HEALTH_PROBE_INTERVAL);
            // Building the server loads most of Helidon: done while Kafka catches up, it takes
            // about a third off the time to the first 201. The port opens only after catch-up.
            CompletableFuture<OrderApiServer.Prepared> preparing =
                    prepareHttp(config, kafka, orders, health);

            KafkaStartup.ensureTopics(kafka);
            feed = kafka.followOrdersAndStatuses(new OrderProjection(orders), StartAt.BEGINNING);
            feed.awaitCaughtUp(CATCH_UP_PATIENCE);
            LOG.log(Level.INFO, String.format(Locale.ROOT,
                    "order view ready: %s orders from %s records",
                    orders.size(), feed.recordsRead()));

            OrderApiServer http;
            try {
                http = prepared(preparing).start();
            } catch (CannotListenException e) {
                // taken since the check at the start
                throw HttpPorts.explained(e, Settings.SERVER_PORT);
            }
            Lifecycle.ANNOUNCE.log(Level.INFO, String.format(Locale.ROOT,
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

    private static CompletableFuture<OrderApiServer.Prepared> prepareHttp(Configuration config, KafkaConnection kafka,
            InMemoryOrderRepository orders, KafkaHealthProbe health) {
        CompletableFuture<OrderApiServer.Prepared> preparing = new CompletableFuture<>();
        Thread.ofPlatform().name("prepare-http").start(() -> {
            try {
                Clock clock = Wiring.CLOCK;
                HelidonOrderMetrics metrics = new HelidonOrderMetrics();
                OrderPublisher publisher = new TimedOrderPublisher(kafka.publisher(), metrics);
                OrderUseCases useCases = new OrderUseCases(
                        new PlaceOrderService(publisher, orders, OrderIds.random(), clock, metrics),
                        new CancelOrderService(publisher, orders, clock,
                                Duration.ofMillis(config.get(Settings.CANCEL_TIMEOUT_MS)), metrics),
                        new OrderQueries(orders));
                preparing.complete(OrderApiServer.prepare(Wiring.http(config), useCases, health::problem));
            } catch (Throwable e) {
                preparing.completeExceptionally(e);
            }
        });
        return preparing;
    }

    /** The prepared server; what went wrong preparing it is thrown as it was. */
    private static OrderApiServer.Prepared prepared(CompletableFuture<OrderApiServer.Prepared> preparing)
            throws InterruptedException {
        try {
            return preparing.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
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
        Lifecycle.ANNOUNCE.log(Level.INFO, "producer stopped");
    }
}
