package coffee.bootstrap;

import coffee.adapter.http.CannotListenException;
import coffee.adapter.http.HelidonOrderMetrics;
import coffee.adapter.http.OrderApiServer;
import coffee.adapter.http.OrderUseCases;
import coffee.adapter.kafka.KafkaConnection;
import coffee.adapter.kafka.KafkaHealthProbe;
import coffee.adapter.kafka.KafkaOrderChanges;
import coffee.adapter.kafka.KafkaOrderView;
import coffee.adapter.kafka.KafkaSettings;
import coffee.adapter.kafka.ViewSettings;
import coffee.application.port.out.OrderIds;
import coffee.application.port.out.OrderPublisher;
import coffee.application.service.CancelOrderService;
import coffee.application.service.OrderFollowing;
import coffee.application.service.OrderQueries;
import coffee.application.service.PlaceOrderService;
import coffee.application.service.TimedOrderPublisher;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The producer: the order API over Kafka. It takes orders as soon as Kafka is usable; its view
 * of orders (a Kafka Streams application, {@link KafkaOrderView}) starts beside the API and
 * answers reads once its stores are restored, which with a state directory from the last run
 * takes moments, whatever the history.
 */
final class ProducerRole implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ProducerRole.class.getName());

    /** Often enough that readiness turns within seconds of Kafka going away or coming back. */
    static final Duration HEALTH_PROBE_INTERVAL = Duration.ofSeconds(2);

    private final KafkaConnection kafka;
    private final KafkaHealthProbe health;
    private final KafkaOrderView view;
    private final KafkaOrderChanges changes;
    private final OrderApiServer http;

    private ProducerRole(KafkaConnection kafka, KafkaHealthProbe health, KafkaOrderView view,
            KafkaOrderChanges changes, OrderApiServer http) {
        this.kafka = kafka;
        this.health = health;
        this.view = view;
        this.changes = changes;
        this.http = http;
    }

    static ProducerRole start(Configuration config, KafkaSettings kafkaSettings) throws InterruptedException {
        long started = System.nanoTime();
        HttpPorts.requireApiPortFree(config);
        KafkaConnection kafka = KafkaConnection.open(kafkaSettings, "producer");
        KafkaHealthProbe health = null;
        KafkaOrderView view = null;
        KafkaOrderChanges changes = null;
        OrderApiServer http = null;
        try {
            health = kafka.startHealthProbe(HEALTH_PROBE_INTERVAL, HEALTH_PROBE_INTERVAL);
            view = kafka.orderView(viewSettings(config), new HttpViewPeers(kafkaSettings.timeout()));
            changes = kafka.orderChanges(config.get(Settings.EVENTS_REMEMBERED));
            // Building the server loads most of Helidon: done while Kafka answers the topic
            // check, it takes a good part off the time to the first 201.
            CompletableFuture<OrderApiServer.Prepared> preparing = prepareHttp(config, kafka, view, changes, health);
            kafka.ensureTopicsWaitingForKafka(Lifecycle::pauseUnlessStopped);
            // every instance follows every change itself, so it serves the event stream of any order
            changes.start();
            try {
                http = prepared(preparing).start();
            } catch (CannotListenException e) {
                // taken since the check at the start
                throw HttpPorts.explained(e, Settings.SERVER_PORT);
            }
            // said at every log level, as where the producer listens is
            view.whenReady(summary -> Lifecycle.ANNOUNCE.log(Level.INFO, summary));
            view.start(advertised(config, http.port()));
            Lifecycle.ANNOUNCE.log(Level.INFO, String.format(Locale.ROOT,
                    "producer ready in %s ms: API on http://localhost:%s, Kafka %s; the view of orders "
                            + "answers reads once restored (/observe/health/ready)",
                    Duration.ofNanos(System.nanoTime() - started).toMillis(), http.port(),
                    String.join(",", kafkaSettings.brokers())));
            return new ProducerRole(kafka, health, view, changes, http);
        } catch (RuntimeException | InterruptedException e) {
            if (http != null) {
                http.close();
            }
            if (changes != null) {
                changes.close();
            }
            if (view != null) {
                view.close();
            }
            if (health != null) {
                health.close();
            }
            kafka.close();
            throw e;
        }
    }

    private static ViewSettings viewSettings(Configuration config) {
        Path stateDirectory = config.get(Settings.VIEW_STATE_DIR).orElseGet(() -> defaultStateDirectory(config));
        // a view of other topics is another view: by default its id follows the orders topic
        String applicationId = config.get(Settings.VIEW_APPLICATION_ID)
                .orElse(config.get(Settings.KAFKA_TOPIC) + "-view");
        return new ViewSettings(applicationId, stateDirectory.toAbsolutePath().normalize(),
                config.get(Settings.VIEW_STANDBY_REPLICAS), (long) config.get(Settings.VIEW_MEMORY_MB) << 20,
                Duration.ofHours(config.get(Settings.VIEW_FINISHED_RETENTION_HOURS)));
    }

    /**
     * One directory per port, so two producers on one machine never share one, and a restart on
     * the same port finds its state again. A free port (0) is new every time: a fresh directory.
     */
    private static Path defaultStateDirectory(Configuration config) {
        int port = config.get(Settings.SERVER_PORT);
        if (port != 0) {
            return Path.of(".coffee", "view-" + port);
        }
        try {
            return Files.createTempDirectory(KafkaLogNoise.THROWAWAY_STATE);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create a state directory for the view", e);
        }
    }

    /** {@code host:port} other instances reach this one's API at. */
    private static String advertised(Configuration config, int boundPort) {
        return config.get(Settings.SERVER_ADVERTISED_URL)
                .map(url -> URI.create(url).getHost() + ":" + URI.create(url).getPort())
                .orElse("localhost:" + boundPort);
    }

    private static CompletableFuture<OrderApiServer.Prepared> prepareHttp(Configuration config, KafkaConnection kafka,
            KafkaOrderView view, KafkaOrderChanges changes, KafkaHealthProbe health) {
        CompletableFuture<OrderApiServer.Prepared> preparing = new CompletableFuture<>();
        Thread.ofPlatform().name("prepare-http").start(() -> {
            try {
                Clock clock = Wiring.CLOCK;
                HelidonOrderMetrics metrics = new HelidonOrderMetrics();
                OrderPublisher publisher = new TimedOrderPublisher(kafka.publisher(), metrics);
                OrderUseCases useCases = new OrderUseCases(
                        new PlaceOrderService(publisher, view, OrderIds.random(), clock, metrics),
                        new CancelOrderService(publisher, view, clock,
                                Duration.ofMillis(config.get(Settings.CANCEL_TIMEOUT_MS)), metrics),
                        new OrderQueries(view),
                        new OrderQueries(view.here()),
                        new OrderFollowing(changes));
                preparing.complete(OrderApiServer.prepare(Wiring.http(config), useCases, health::problem,
                        view::notReady));
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

    /** How many partitions of the view this instance holds now. */
    int partitionsHeld() {
        return view.partitionsHeldHere().size();
    }

    /** Waits until the view of orders answers reads (its stores are restored); false if it did not in time. */
    boolean awaitReadyForReads(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (view.notReady().isPresent()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /**
     * HTTP first (requests in flight finish, event streams end), then the changes and the view,
     * then Kafka (buffered records flushed).
     */
    @Override
    public void close() {
        http.close();
        changes.close();
        view.close();
        health.close();
        kafka.close();
        Lifecycle.ANNOUNCE.log(Level.INFO, "producer stopped");
    }
}
