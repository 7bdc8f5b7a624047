package coffee.adapter.kafka;

import coffee.application.port.out.OrderView;
import coffee.application.port.out.OrderViewUnavailableException;
import coffee.domain.Order;
import coffee.domain.OrderId;
import coffee.domain.OrderQuery;
import coffee.domain.OrderStatus;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The producers' view of orders: a Kafka Streams application ({@link OrderViewTopology}) whose
 * RocksDB stores hold, in each producer instance, the orders of the partitions it was given.
 * Its cost follows the orders each instance holds, not the orders ever placed: a restart
 * resumes from the local checkpoint, a new instance restores its share from the changelogs.
 *
 * <p>Any instance answers for any order. Kafka Streams knows which instance holds an order's
 * partition ({@link ViewRouting}); a question about an order held elsewhere goes to that
 * instance ({@link RoutedReads}), a listing asks every instance and merges the answers
 * ({@link MergedListing}). While partitions move between instances a read waits a little
 * ({@link Settling}), then reads a standby's copy, then answers that the view is unavailable:
 * never a wrong "not found".
 *
 * <p>It reads its writes: an order not found here is looked for again once this instance has
 * folded everything the orders topic held when the question came in ({@link LocalReads},
 * {@link CatchUpWaits}). It answers reads once it has folded what the topics held when it
 * started ({@link ViewReadiness}, {@link StartCatchUp}).
 *
 * <p>This class starts and stops the view and hands each question to the part that answers it.
 */
public final class KafkaOrderView implements OrderView, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(KafkaOrderView.class.getName());

    private final KafkaSettings kafka;
    private final ViewSettings settings;
    private final String clientId;
    private final Admin admin;
    private final ToIntFunction<String> partitionCount;
    private final ViewPeers peers;
    private final RecentPlacements recent;
    /** How far the view has folded each partition of the orders topic, and of the status topic. */
    private final ViewProgress progress;
    private final ViewProgress statusProgress = new ViewProgress();
    private final OrderWatchers watchers = new OrderWatchers();
    private final ViewRestoration restoration = new ViewRestoration();
    private volatile Consumer<String> readyAnnouncement = summary -> LOG.log(Level.INFO, summary);
    /** Null until started. */
    private volatile Running running;

    /** The parts of a started view. */
    private record Running(KafkaStreams streams, ViewRouting routing, LocalReads local, RoutedReads routed,
            MergedListing listing, ViewReadiness readiness) {
    }

    /**
     * @param partitionCount how many partitions a topic has, asked from Kafka
     * @param ordersFolded where the view records its progress through the orders topic, which
     *     {@code recent} reads
     */
    KafkaOrderView(KafkaSettings kafka, ViewSettings settings, String clientId, Admin admin,
            ToIntFunction<String> partitionCount, ViewPeers peers, ViewProgress ordersFolded, RecentPlacements recent) {
        this.progress = ordersFolded;
        this.recent = recent;
        this.kafka = kafka;
        this.settings = settings;
        this.clientId = clientId;
        this.admin = admin;
        this.partitionCount = partitionCount;
        this.peers = peers;
    }

    /**
     * Starts the view's Kafka Streams application; returns once it runs, while the stores
     * restore in the background ({@link #notReady()} says when they are done).
     *
     * @param advertised how other instances reach this one ({@code host:port} of its API)
     * @throws KafkaUnavailableException if Kafka cannot say how the topics are partitioned
     * @throws IllegalStateException if the two topics are partitioned differently: an order's
     *     events must meet in one partition number
     */
    public synchronized void start(String advertised) {
        if (running != null) {
            throw new IllegalStateException("already started");
        }
        int partitions = partitionsOfBothTopics();
        LatestOffsets ordersEnds = new LatestOffsets(admin, kafka.ordersTopic(), partitions);
        HostInfo self = HostInfo.buildFromEndpoint(advertised);
        RocksDbLibrary.loadFrom(settings.stateDirectory());
        KafkaStreams streams = streams(advertised);

        Settling settling = new Settling(this::notReady);
        ViewRouting routing = new ViewRouting(streams, self, kafka.ordersTopic(), partitions, settling);
        StartCatchUp startCatchUp = new StartCatchUp(admin, kafka, settings.applicationId(), partitions, progress,
                statusProgress, ordersEnds, routing::partitionsHere);
        CatchUpWaits catchUp = new CatchUpWaits(ordersEnds::ask, progress, startCatchUp::behind);
        LocalOrderStores stores = new LocalOrderStores(streams);
        LocalReads local = new LocalReads(stores, routing, settling, catchUp, recent, watchers);
        ViewReadiness readiness = new ViewReadiness(streams, restoration, startCatchUp,
                () -> stores.approximateOrders(routing.partitionsHere()), settings.stateDirectory(),
                summary -> readyAnnouncement.accept(summary));
        streams.setStateListener((now, before) -> readiness.stateChanged(now));

        new LocalStateOwner(settings.stateDirectory(), admin, kafka.timeout()).discardIfForeign(streams);
        running = new Running(streams, routing, local, new RoutedReads(routing, local, peers),
                new MergedListing(routing, local, peers), readiness);
        readiness.starting();
        streams.start();
        readiness.started();
    }

    private int partitionsOfBothTopics() {
        int orders = partitionCount.applyAsInt(kafka.ordersTopic());
        int statuses = partitionCount.applyAsInt(kafka.statusTopic());
        if (orders != statuses) {
            throw new IllegalStateException("the view of orders needs topics " + kafka.ordersTopic() + " ("
                    + orders + " partitions) and " + kafka.statusTopic() + " (" + statuses
                    + ") to have the same number of partitions");
        }
        return orders;
    }

    private KafkaStreams streams(String advertised) {
        KafkaStreams created;
        try {
            created = new KafkaStreams(
                    OrderViewTopology.build(kafka.ordersTopic(), kafka.statusTopic(), progress, statusProgress, watchers,
                            recent, settings.finishedRetention()),
                    new StreamsConfig(ClientConfigs.viewStreams(kafka, settings, clientId, advertised)));
        } catch (ConfigException refused) {
            throw new InvalidClientPropertyException(refused);
        }
        created.setGlobalStateRestoreListener(restoration);
        created.setUncaughtExceptionHandler(failure -> {
            // what gets here is no passing fault (Kafka Streams retries those itself): a thread
            // started again would fail again. Stop the view; reads answer 503, readiness says why
            LOG.log(Level.ERROR, "the view of orders stopped: " + failure.getMessage(), failure);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        return created;
    }

    /**
     * Where to say, once, that the view answers reads ("order view ready in N ms: ..."); the
     * log at INFO unless given. Call before {@link #start}.
     */
    public void whenReady(Consumer<String> announcement) {
        this.readyAnnouncement = announcement;
    }

    /** Why reads cannot be answered yet; empty once the view is running with its stores restored. */
    public Optional<String> notReady() {
        Running current = running;
        return current == null ? Optional.of("the view of orders has not started") : current.readiness().notReady();
    }

    /** Records restored from the changelogs since start: none for a restart with its state directory. */
    long restoredRecords() {
        return restoration.restored();
    }

    /** The partitions of the view this instance holds (active) now. */
    public Set<Integer> partitionsHeldHere() {
        Running current = running;
        return current == null ? Set.of() : current.routing().partitionsHere();
    }

    @Override
    public Optional<Order> find(OrderId id) {
        return started().routed().find(id);
    }

    @Override
    public List<Order> list(OrderQuery query) {
        return started().listing().list(query);
    }

    @Override
    public Optional<Order> awaitStatus(OrderId id, OrderStatus wanted, Duration timeout) throws InterruptedException {
        return started().routed().awaitStatus(id, wanted, timeout);
    }

    /** The view of this instance alone: what it answers other instances. */
    public OrderView here() {
        return new OrderView() {
            @Override
            public Optional<Order> find(OrderId id) {
                Running view = started();
                return view.local().find(view.routing().partitionHeldHere(id), id);
            }

            @Override
            public List<Order> list(OrderQuery query) {
                return started().local().list(query);
            }

            @Override
            public Optional<Order> awaitStatus(OrderId id, OrderStatus wanted, Duration timeout)
                    throws InterruptedException {
                Running view = started();
                return view.local().awaitStatus(view.routing().partitionHeldHere(id), id, wanted, timeout);
            }
        };
    }

    private Running started() {
        Running current = running;
        if (current == null) {
            throw new OrderViewUnavailableException("the view of orders has not started");
        }
        return current;
    }

    /** Leaves the group (so the other instances take its partitions at once) and closes the stores. */
    @Override
    public synchronized void close() {
        Running current = running;
        if (current != null) {
            current.readiness().close();
            current.listing().close();
            current.streams().close(CloseOptions.groupMembershipOperation(
                    CloseOptions.GroupMembershipOperation.LEAVE_GROUP).withTimeout(Duration.ofSeconds(10)));
        }
    }
}
