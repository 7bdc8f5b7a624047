package coffee.bootstrap;

import coffee.adapter.http.CannotListenException;
import coffee.adapter.http.OrderApiServer;
import coffee.adapter.kafka.KafkaConnection;
import coffee.adapter.kafka.KafkaHealthProbe;
import coffee.adapter.kafka.KafkaOrderChanges;
import coffee.adapter.kafka.KafkaOrderView;
import coffee.adapter.kafka.KafkaSettings;
import coffee.adapter.kafka.ViewSettings;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
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
    /** The view's state directory when it is this process's alone, deleted at the stop. */
    private final Optional<Path> throwawayState;

    private ProducerRole(KafkaConnection kafka, KafkaHealthProbe health, KafkaOrderView view,
            KafkaOrderChanges changes, OrderApiServer http, Optional<Path> throwawayState) {
        this.throwawayState = throwawayState;
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
        Optional<Path> throwawayState = Optional.empty();
        try {
            health = kafka.startHealthProbe(HEALTH_PROBE_INTERVAL, HEALTH_PROBE_INTERVAL);
            ViewSettings viewSettings = AdapterSettings.view(config);
            if (AdapterSettings.hasThrowawayState(config)) {
                throwawayState = Optional.of(viewSettings.stateDirectory());
            }
            view = CompositionRoot.orderView(viewSettings, kafka);
            changes = CompositionRoot.orderChanges(config, kafka);
            // Building the server loads most of Helidon: done while Kafka answers the topic
            // check, it takes a good part off the time to the first 201.
            CompletableFuture<OrderApiServer.Prepared> preparing = prepareHttp(config, kafka, view, changes, health);
            kafka.ensureTopicsWaitingForKafka(Lifecycle::pauseUnlessStopped);
            kafka.preparePublishingWaitingForKafka(Lifecycle::pauseUnlessStopped);
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
            view.start(AdapterSettings.advertised(config, http.port()));
            Lifecycle.ANNOUNCE.log(Level.INFO, String.format(Locale.ROOT,
                    "producer ready in %s ms: API on http://localhost:%s, Kafka %s; the view of orders "
                            + "answers reads once restored (/observe/health/ready)",
                    Duration.ofNanos(System.nanoTime() - started).toMillis(), http.port(),
                    String.join(",", kafkaSettings.brokers())));
            return new ProducerRole(kafka, health, view, changes, http, throwawayState);
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
            throwawayState.ifPresent(StateDirectories::delete);
            throw e;
        }
    }

    /** The order API, built on a thread of its own. */
    private static CompletableFuture<OrderApiServer.Prepared> prepareHttp(Configuration config, KafkaConnection kafka,
            KafkaOrderView view, KafkaOrderChanges changes, KafkaHealthProbe health) {
        CompletableFuture<OrderApiServer.Prepared> preparing = new CompletableFuture<>();
        Thread.ofPlatform().name("prepare-http").start(() -> {
            try {
                preparing.complete(CompositionRoot.orderApi(config, kafka, view, changes, health));
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
     * then Kafka (buffered records flushed); last, a state directory no later start would find.
     */
    @Override
    public void close() {
        http.close();
        changes.close();
        view.close();
        health.close();
        kafka.close();
        throwawayState.ifPresent(StateDirectories::delete);
        Lifecycle.ANNOUNCE.log(Level.INFO, "producer stopped");
    }
}
