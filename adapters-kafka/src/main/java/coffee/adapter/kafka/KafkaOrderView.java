package coffee.adapter.kafka;

import coffee.application.port.out.OrderView;
import coffee.application.port.out.OrderViewUnavailableException;
import coffee.domain.Order;
import coffee.domain.OrderId;
import coffee.domain.OrderQuery;
import coffee.domain.OrderStatus;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The producers' view of orders: a Kafka Streams application ({@link OrderViewTopology}) whose
 * RocksDB stores hold, in each producer instance, the orders of the partitions it was given.
 * Its cost follows the orders each instance holds, not the orders ever placed: a restart
 * resumes from the local checkpoint, a new instance restores its share from the changelogs.
 *
 * <p>Any instance answers for any order. Kafka Streams knows which instance holds an order's
 * partition; a question about an order held elsewhere goes to that instance ({@link ViewPeers}),
 * a listing asks every instance and merges the answers. While partitions move between
 * instances a read waits a little, then reads a standby's copy, then answers that the view is
 * unavailable: never a wrong "not found".
 *
 * <p>It reads its writes: an order not found here is looked for again once this instance has
 * folded everything the orders topic held when the question came in.
 */
public final class KafkaOrderView implements OrderView, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(KafkaOrderView.class.getName());
    private static final StringSerializer KEYS = new StringSerializer();
    /** How long a read waits for partitions to settle on an instance (start-up, rebalancing). */
    static final Duration SETTLE_PATIENCE = Duration.ofSeconds(5);
    /** How long a read of an unknown order waits for the view to fold what Kafka already has. */
    static final Duration CATCH_UP_PATIENCE = Duration.ofSeconds(3);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(50);

    private final KafkaSettings kafka;
    private final ViewSettings settings;
    private final String clientId;
    private final Admin admin;
    private final ViewPeers peers;
    private final RecentPlacements recent;
    /** How far the view has folded each partition of the orders topic, and of the status topic. */
    private final ViewProgress progress = new ViewProgress();
    private final ViewProgress statusProgress = new ViewProgress();
    private final OrderWatchers watchers = new OrderWatchers();
    private final ViewRestoration restoration = new ViewRestoration();
    private final java.util.function.ToIntFunction<String> partitionCount;
    private volatile LatestOffsets latest;
    private volatile LatestOffsets latestStatuses;
    private volatile int partitions;
    private final ExecutorService askingPeers = Executors.newVirtualThreadPerTaskExecutor();
    /** Looks twice a second whether the view became ready, to say so once in the log. */
    private final ScheduledExecutorService readiness =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("view-readiness").factory());
    private volatile KafkaStreams streams;
    private volatile LocalOrderStores local;
    private volatile HostInfo self;
    private volatile long startedNanos;
    private volatile boolean announcedReady;
    /**
     * Where the orders topic and the status topic ended, per partition held here, when the view
     * first ran: it answers reads once it has folded that far (a first start on a long history
     * folds it all first; a restart, what was written while it was down). Null until asked;
     * once reached, readiness no longer looks at it.
     */
    private volatile CatchUpTargets catchUpTargets;
    private volatile boolean caughtUp;
    /** Reads waiting for the view to fold an order not found yet; beyond this many, a 503 at once. */
    static final int CATCH_UP_WAITERS = 512;
    private final Semaphore catchUpWaiters = new Semaphore(CATCH_UP_WAITERS);
    private volatile java.util.function.Consumer<String> readyAnnouncement =
            summary -> LOG.log(Level.INFO, summary);

    /** @param partitionCount how many partitions a topic has, asked from Kafka */
    KafkaOrderView(KafkaSettings kafka, ViewSettings settings, String clientId, Admin admin,
            java.util.function.ToIntFunction<String> partitionCount, ViewPeers peers, RecentPlacements recent) {
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
        if (streams != null) {
            throw new IllegalStateException("already started");
        }
        int orders = partitionCount.applyAsInt(kafka.ordersTopic());
        int statuses = partitionCount.applyAsInt(kafka.statusTopic());
        if (orders != statuses) {
            throw new IllegalStateException("the view of orders needs topics " + kafka.ordersTopic() + " ("
                    + orders + " partitions) and " + kafka.statusTopic() + " (" + statuses
                    + ") to have the same number of partitions");
        }
        partitions = orders;
        latest = new LatestOffsets(admin, kafka.ordersTopic(), orders);
        latestStatuses = new LatestOffsets(admin, kafka.statusTopic(), orders);
        self = HostInfo.buildFromEndpoint(advertised);
        KafkaStreams created;
        try {
            created = new KafkaStreams(
                    OrderViewTopology.build(kafka.ordersTopic(), kafka.statusTopic(), progress, statusProgress, watchers,
                            recent,
                            settings.finishedRetention()),
                    new StreamsConfig(ClientConfigs.viewStreams(kafka, settings, clientId, advertised)));
        } catch (ConfigException refused) {
            throw new InvalidClientPropertyException(refused);
        }
        created.setGlobalStateRestoreListener(restoration);
        created.setStateListener((now, before) -> stateChanged(now));
        created.setUncaughtExceptionHandler(failure -> {
            // what gets here is no passing fault (Kafka Streams retries those itself): a thread
            // started again would fail again. Stop the view; reads answer 503, readiness says why
            LOG.log(Level.ERROR, "the view of orders stopped: " + failure.getMessage(), failure);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        local = new LocalOrderStores(created);
        new LocalStateOwner(settings.stateDirectory(), admin, kafka.timeout()).discardIfForeign(created);
        streams = created;
        startedNanos = System.nanoTime();
        created.start();
        readiness.scheduleWithFixedDelay(this::announceIfReady, 100, 500, TimeUnit.MILLISECONDS);
    }

    private void stateChanged(KafkaStreams.State now) {
        if (now == KafkaStreams.State.RUNNING) {
            learnCommittedPositions();
            learnCatchUpTargets();
        } else if (now == KafkaStreams.State.ERROR) {
            LOG.log(Level.ERROR, "the view of orders stopped (Kafka Streams is in state ERROR); reads answer 503");
        }
    }

    /**
     * Everything before the committed offset of a partition is in its restored stores, even if
     * this process folds no new record of it: knowing that, a read of an unknown order in an
     * idle partition need not wait for a record that will not come.
     */
    private void learnCommittedPositions() {
        admin.listConsumerGroupOffsets(settings.applicationId()).partitionsToOffsetAndMetadata()
                .whenComplete((committed, failure) -> {
                    if (failure != null) {
                        LOG.log(Level.DEBUG, () -> "reading the view's committed offsets failed: " + failure);
                        return;
                    }
                    committed.forEach((partition, offset) -> {
                        if (offset != null && partition.topic().equals(kafka.ordersTopic())) {
                            progress.processed(partition.partition(), offset.offset() - 1);
                        } else if (offset != null && partition.topic().equals(kafka.statusTopic())) {
                            statusProgress.processed(partition.partition(), offset.offset() - 1);
                        }
                    });
                    announceIfReady();
                });
    }

    private void learnCatchUpTargets() {
        if (catchUpTargets != null) {
            return;
        }
        latest.ask().thenCombine(latestStatuses.ask(), CatchUpTargets::new).thenCompose(this::withoutEmptyPartitions)
                .whenComplete((ends, failure) -> {
            if (failure != null) {
                LOG.log(Level.DEBUG, () -> "asking where the topics end failed: " + failure);
                readiness.schedule(this::learnCatchUpTargets, 500, TimeUnit.MILLISECONDS);
                return;
            }
            try {
                catchUpTargets = ends.only(partitionsHere(metadata()));
            } catch (RuntimeException e) {
                return; // stopped meanwhile, or rebalancing: the next RUNNING asks again
            }
            announceIfReady();
        });
    }

    /**
     * The targets, with partitions that hold no record any more (all deleted by retention) at 0:
     * no record will ever be folded there, so waiting for their last offset would never end.
     */
    private CompletableFuture<CatchUpTargets> withoutEmptyPartitions(CatchUpTargets ends) {
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        for (int partition = 0; partition < partitions; partition++) {
            earliest.put(new TopicPartition(kafka.ordersTopic(), partition), OffsetSpec.earliest());
            earliest.put(new TopicPartition(kafka.statusTopic(), partition), OffsetSpec.earliest());
        }
        return admin.listOffsets(earliest).all().toCompletionStage().toCompletableFuture().thenApply(starts -> {
            Map<Integer, Long> orders = new HashMap<>(ends.orders());
            Map<Integer, Long> statuses = new HashMap<>(ends.statuses());
            starts.forEach((partition, start) -> {
                Map<Integer, Long> targets = partition.topic().equals(kafka.ordersTopic()) ? orders : statuses;
                if (start.offset() >= targets.getOrDefault(partition.partition(), 0L)) {
                    targets.put(partition.partition(), 0L);
                }
            });
            return new CatchUpTargets(orders, statuses);
        });
    }

    /** Where each topic ended, per partition: the next offset (so the last record is one before). */
    private record CatchUpTargets(Map<Integer, Long> orders, Map<Integer, Long> statuses) {

        CatchUpTargets only(Collection<Integer> partitions) {
            Map<Integer, Long> ordersHere = new HashMap<>();
            Map<Integer, Long> statusesHere = new HashMap<>();
            for (int partition : partitions) {
                ordersHere.put(partition, orders.getOrDefault(partition, 0L));
                statusesHere.put(partition, statuses.getOrDefault(partition, 0L));
            }
            return new CatchUpTargets(Map.copyOf(ordersHere), Map.copyOf(statusesHere));
        }

        long behind(ViewProgress ordersFolded, ViewProgress statusesFolded) {
            long behind = 0;
            for (Map.Entry<Integer, Long> target : orders.entrySet()) {
                behind += Math.max(0, target.getValue() - 1 - ordersFolded.position(target.getKey()));
            }
            for (Map.Entry<Integer, Long> target : statuses.entrySet()) {
                behind += Math.max(0, target.getValue() - 1 - statusesFolded.position(target.getKey()));
            }
            return behind;
        }
    }

    /** Why the view has not folded what the two topics held when it started; empty once it has. */
    private Optional<String> behind() {
        if (caughtUp) {
            return Optional.empty();
        }
        CatchUpTargets targets = catchUpTargets;
        if (targets == null) {
            return Optional.of("the view of orders is catching up with Kafka (asking where the topics end)");
        }
        long behind = targets.behind(progress, statusProgress);
        if (behind > 0) {
            return Optional.of(String.format(Locale.ROOT,
                    "the view of orders is catching up with Kafka: %,d records to fold", behind));
        }
        caughtUp = true;
        return Optional.empty();
    }

    /**
     * Where to say, once, that the view answers reads ("order view ready in N ms: ..."); the
     * log at INFO unless given. Call before {@link #start}.
     */
    public void whenReady(java.util.function.Consumer<String> announcement) {
        this.readyAnnouncement = announcement;
    }

    private synchronized void announceIfReady() {
        if (!announcedReady && notReady().isEmpty()) {
            announcedReady = true;
            readiness.shutdown();
            String held;
            try {
                held = String.format(Locale.ROOT, "about %,d orders held here",
                        local.approximateOrders(partitionsHere(metadata())));
            } catch (RuntimeException e) {
                held = "orders held here not counted (" + e.getMessage() + ")";
            }
            readyAnnouncement.accept(String.format(Locale.ROOT,
                    "order view ready in %s ms: %s, %,d records restored, %s",
                    Duration.ofNanos(System.nanoTime() - startedNanos).toMillis(), held,
                    restoration.restored(), settings.stateDirectory()));
        }
    }

    /** Why reads cannot be answered yet; empty once the view is running with its stores restored. */
    public Optional<String> notReady() {
        KafkaStreams current = streams;
        if (current == null) {
            return Optional.of("the view of orders has not started");
        }
        KafkaStreams.State state = current.state();
        if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING
                || state == KafkaStreams.State.PENDING_ERROR) {
            return Optional.of("the view of orders stopped (state " + state + ")");
        }
        if (state != KafkaStreams.State.RUNNING) {
            return Optional.of("the view of orders is starting (state " + state + ")");
        }
        if (restoration.restoring()) {
            return Optional.of("the view of orders is restoring: " + restoration.progress());
        }
        return behind();
    }

    /** Records restored from the changelogs since start: none for a restart with its state directory. */
    long restoredRecords() {
        return restoration.restored();
    }

    /** The partitions of the view this instance holds (active) now. */
    public Set<Integer> partitionsHeldHere() {
        return streams == null ? Set.of() : partitionsHere(metadata());
    }

    // ---- reading ----

    @Override
    public Optional<Order> find(OrderId id) {
        KeyQueryMetadata route = route(id);
        if (route.activeHost().equals(self)) {
            return findHere(route.partition(), id);
        }
        try {
            return peers.find(endpoint(route.activeHost()), id);
        } catch (UncheckedIOException unreachable) {
            return fromStandby(route, id, unreachable);
        }
    }

    /** The view of this instance alone: what it answers other instances. */
    public OrderView here() {
        return new OrderView() {
            @Override
            public Optional<Order> find(OrderId id) {
                return findHere(partitionHeldHere(id), id);
            }

            @Override
            public List<Order> list(OrderQuery query) {
                return listHere(query);
            }

            @Override
            public Optional<Order> awaitStatus(OrderId id, OrderStatus wanted, Duration timeout)
                    throws InterruptedException {
                return awaitHere(partitionHeldHere(id), id, wanted, timeout);
            }
        };
    }

    /**
     * The partition of an order another instance asked about, when this instance holds it. When
     * it does not (the partition moved since the asker looked), the answer is at once that it
     * cannot answer: waiting to catch up on a partition folded elsewhere would only time out.
     */
    private int partitionHeldHere(OrderId id) {
        KeyQueryMetadata route = route(id);
        if (!route.activeHost().equals(self)) {
            throw new OrderViewUnavailableException("order " + id + " is held by instance "
                    + endpoint(route.activeHost()) + " now, not by this one; retry shortly");
        }
        return route.partition();
    }

    /**
     * While the instance holding an order cannot be reached (it died, and the group has not
     * noticed yet), a standby copy kept here answers: a little behind, never wrong about
     * whether the order exists once it was folded there.
     */
    private Optional<Order> fromStandby(KeyQueryMetadata route, OrderId id, UncheckedIOException unreachable) {
        if (route.standbyHosts().contains(self)) {
            return readHere(() -> local.find(route.partition(), id, true));
        }
        throw new OrderViewUnavailableException("the instance holding order " + id + " ("
                + endpoint(route.activeHost()) + ") cannot be reached and no standby here has it: "
                + unreachable.getMessage(), unreachable);
    }

    /**
     * Looks the order up in this instance's active store; when it is not there, answers from
     * the orders this process just placed, or else waits until this instance has folded every
     * record the orders topic held at the time of asking.
     */
    private Optional<Order> findHere(int partition, OrderId id) {
        Optional<Order> found = readHere(() -> local.find(partition, id, false));
        if (found.isPresent()) {
            return found;
        }
        Optional<Order> justPlaced = recent.find(id);
        if (justPlaced.isPresent()) {
            return justPlaced;
        }
        awaitCaughtUp(partition);
        return readHere(() -> local.find(partition, id, false));
    }

    private void awaitCaughtUp(int partition) {
        asCatchUpWaiter(() -> waitUntilCaughtUp(partition));
    }

    /**
     * Waits as one of at most {@link #CATCH_UP_WAITERS} reads: each waiting read holds a request
     * and its connection, and under a flood of unknown ids (or reads before the view has caught
     * up) they must not pile up until the heap is gone; beyond the bound, a 503 at once.
     */
    private void asCatchUpWaiter(Runnable wait) {
        if (!catchUpWaiters.tryAcquire()) {
            throw new OrderViewUnavailableException("too many reads are waiting for the view of orders to catch up "
                    + "with Kafka; retry shortly");
        }
        try {
            wait.run();
        } finally {
            catchUpWaiters.release();
        }
    }

    private void waitUntilCaughtUp(int partition) {
        long deadline = System.nanoTime() + CATCH_UP_PATIENCE.toNanos();
        try {
            Map<Integer, Long> ends = latest.ask().get(CATCH_UP_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            long last = ends.getOrDefault(partition, 0L) - 1;
            if (last < 0) {
                return;
            }
            progress.reached(partition, last).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new OrderViewUnavailableException("the view of orders is behind Kafka (partition " + partition
                    + " not caught up within " + CATCH_UP_PATIENCE.toMillis() + " ms); retry shortly", e);
        } catch (ExecutionException e) {
            throw new OrderViewUnavailableException("cannot ask Kafka how far the orders topic goes: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrderViewUnavailableException("interrupted while the view caught up", e);
        }
    }

    @Override
    public List<Order> list(OrderQuery query) {
        Collection<StreamsMetadata> instances = settledMetadata();
        List<Future<List<Order>>> answers = new ArrayList<>();
        for (StreamsMetadata instance : instances) {
            if (instance.hostInfo().equals(self)) {
                answers.add(CompletableFuture.completedFuture(listHere(query)));
            } else {
                String peer = endpoint(instance.hostInfo());
                answers.add(askingPeers.submit(() -> peers.list(peer, query)));
            }
        }
        List<Order> merged = new ArrayList<>();
        List<StreamsMetadata> away = new ArrayList<>();
        int next = 0;
        for (StreamsMetadata instance : instances) {
            try {
                merged.addAll(answers.get(next++).get());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UncheckedIOException)) {
                    throw e.getCause() instanceof RuntimeException runtime ? runtime
                            : new IllegalStateException(e.getCause());
                }
                away.add(instance);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OrderViewUnavailableException("interrupted while asking the other instances", e);
            }
        }
        if (!away.isEmpty()) {
            merged.addAll(standbyListing(away, query));
        }
        merged.sort(ViewKeys.NEWEST_FIRST);
        return merged.size() <= query.limit() ? merged : List.copyOf(merged.subList(0, query.limit()));
    }

    /** The part of a listing that instances which cannot be reached hold, from standbys kept here. */
    private List<Order> standbyListing(List<StreamsMetadata> away, OrderQuery query) {
        Set<Integer> missing = new HashSet<>();
        away.forEach(instance -> missing.addAll(ordersPartitions(instance.topicPartitions())));
        StreamsMetadata here = metadata().stream().filter(instance -> instance.hostInfo().equals(self))
                .findFirst().orElse(null);
        Set<Integer> standbys = here == null ? Set.of() : ordersPartitions(here.standbyTopicPartitions());
        if (!standbys.containsAll(missing)) {
            throw new OrderViewUnavailableException("instances " + away.stream().map(i -> endpoint(i.hostInfo()))
                    .toList() + " cannot be reached and no standby here holds their partitions");
        }
        return readHere(() -> local.list(missing, query, true));
    }

    private List<Order> listHere(OrderQuery query) {
        awaitStartCatchUp();
        return readHere(() -> local.list(partitionsHere(metadata()), query, false));
    }

    /**
     * Right after a start, a listing waits until the view has folded what the topics held then
     * (a restart: the statuses written while it was down), rather than answer from part of it;
     * bounded like the other waiting reads, then a 503 that says how far behind it is.
     */
    private void awaitStartCatchUp() {
        if (behind().isEmpty()) {
            return;
        }
        asCatchUpWaiter(this::waitUntilStartCaughtUp);
    }

    private void waitUntilStartCaughtUp() {
        long deadline = System.nanoTime() + CATCH_UP_PATIENCE.toNanos();
        Optional<String> behind;
        while ((behind = behind()).isPresent()) {
            if (System.nanoTime() - deadline > 0) {
                throw new OrderViewUnavailableException(behind.get() + "; retry shortly");
            }
            try {
                Thread.sleep(RETRY_PAUSE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OrderViewUnavailableException("interrupted while the view caught up", e);
            }
        }
    }

    @Override
    public Optional<Order> awaitStatus(OrderId id, OrderStatus wanted, Duration timeout) throws InterruptedException {
        KeyQueryMetadata route = route(id);
        if (route.activeHost().equals(self)) {
            return awaitHere(route.partition(), id, wanted, timeout);
        }
        try {
            return peers.awaitStatus(endpoint(route.activeHost()), id, wanted, timeout);
        } catch (UncheckedIOException unreachable) {
            return fromStandby(route, id, unreachable);
        }
    }

    private Optional<Order> awaitHere(int partition, OrderId id, OrderStatus wanted, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        CompletableFuture<Order> change = watchers.nextChange(id);
        try {
            Optional<Order> current = findHere(partition, id);
            if (current.isEmpty()) {
                return current;
            }
            while (!current.get().status().settles(wanted)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return current;
                }
                try {
                    change.get(left, TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    return current;
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
                // watch for the next change before reading, so none slips in between
                change = watchers.nextChange(id);
                current = readHere(() -> local.find(partition, id, false));
                if (current.isEmpty()) {
                    return current;
                }
            }
            return current;
        } finally {
            change.cancel(false);
        }
    }

    // ---- where the orders are ----

    /** Which partition an order is in and who holds it; waits while that is not known. */
    private KeyQueryMetadata route(OrderId id) {
        long deadline = System.nanoTime() + SETTLE_PATIENCE.toNanos();
        while (true) {
            KafkaStreams current = requireStarted();
            KeyQueryMetadata route = current.queryMetadataForKey(OrderViewTopology.ORDERS, id.toString(), KEYS);
            if (route != null && !KeyQueryMetadata.NOT_AVAILABLE.equals(route) && route.activeHost() != null
                    && route.activeHost().port() >= 0 && !route.activeHost().host().equals("unavailable")) {
                return route;
            }
            pauseOrGiveUp(deadline, "no instance holds the partition of order " + id + " yet");
        }
    }

    /** Every instance, once every partition has an active holder; waits while some has none. */
    private Collection<StreamsMetadata> settledMetadata() {
        long deadline = System.nanoTime() + SETTLE_PATIENCE.toNanos();
        while (true) {
            Collection<StreamsMetadata> instances = metadata();
            Set<Integer> held = new HashSet<>();
            instances.forEach(instance -> held.addAll(ordersPartitions(instance.topicPartitions())));
            if (held.size() >= partitions) {
                return instances;
            }
            pauseOrGiveUp(deadline, (partitions - held.size()) + " of " + partitions
                    + " partitions have no instance holding them yet");
        }
    }

    private Collection<StreamsMetadata> metadata() {
        return requireStarted().metadataForAllStreamsClients();
    }

    private Set<Integer> partitionsHere(Collection<StreamsMetadata> instances) {
        for (StreamsMetadata instance : instances) {
            if (instance.hostInfo().equals(self)) {
                return ordersPartitions(instance.topicPartitions());
            }
        }
        return Set.of();
    }

    private Set<Integer> ordersPartitions(Set<TopicPartition> topicPartitions) {
        Set<Integer> numbers = new HashSet<>();
        for (TopicPartition partition : topicPartitions) {
            if (partition.topic().equals(kafka.ordersTopic())) {
                numbers.add(partition.partition());
            }
        }
        return numbers;
    }

    /** Reads this instance's stores, waiting while they are not queryable (moving, restoring). */
    private <T> T readHere(java.util.function.Supplier<T> read) {
        long deadline = System.nanoTime() + SETTLE_PATIENCE.toNanos();
        while (true) {
            try {
                return read.get();
            } catch (InvalidStateStoreException e) {
                pauseOrGiveUp(deadline, e.getMessage());
            }
        }
    }

    private void pauseOrGiveUp(long deadline, String why) {
        Optional<String> notReady = notReady();
        if (System.nanoTime() + RETRY_PAUSE.toNanos() > deadline) {
            throw new OrderViewUnavailableException(notReady.orElse("the view of orders is rebalancing") + ": " + why);
        }
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrderViewUnavailableException("interrupted while waiting for the view", e);
        }
    }

    private KafkaStreams requireStarted() {
        KafkaStreams current = streams;
        if (current == null) {
            throw new OrderViewUnavailableException("the view of orders has not started");
        }
        return current;
    }

    private static String endpoint(HostInfo host) {
        return host.host() + ":" + host.port();
    }

    /** Leaves the group (so the other instances take its partitions at once) and closes the stores. */
    @Override
    public synchronized void close() {
        readiness.shutdownNow();
        askingPeers.shutdownNow();
        KafkaStreams current = streams;
        if (current != null) {
            current.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(10)));
        }
    }
}
