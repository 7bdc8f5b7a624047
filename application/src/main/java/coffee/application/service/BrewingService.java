package coffee.application.service;

import coffee.application.port.in.IncomingOrderEvent;
import coffee.application.port.in.OrderProcessor;
import coffee.application.port.out.Barista;
import coffee.application.port.out.OrderMetrics;
import coffee.application.port.out.OrderPublisher;
import coffee.application.port.out.OrderRepository;
import coffee.application.service.BrewingPolicy.Decision;
import coffee.application.service.BrewingPolicy.Stage;
import coffee.domain.Order;
import coffee.domain.OrderCancelRequested;
import coffee.domain.OrderId;
import coffee.domain.OrderStatusChanged;
import coffee.domain.RequestId;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The baristas: a queue of placed orders and a fixed number of workers brewing them.
 *
 * <p>Each order's status is published as it changes ({@code processing}, then {@code
 * completed}, or {@code cancelled}); an event counts as handled only once those statuses are
 * acknowledged, so a consumer that commits after handling never loses an order. What to do
 * with each event (brew, skip, cancel, refuse) is {@link BrewingPolicy}'s to decide from what
 * is already known, since Kafka delivers at least once; this class carries it out.
 *
 * <p>{@code knownOrders} must hold the latest published status of the orders whose events
 * this service receives (the consumer side feeds it from the status topic before handing
 * over a partition); this service also writes its own statuses there as it publishes them.
 */
public final class BrewingService implements OrderProcessor, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(BrewingService.class.getName());

    /** Publishes each status until Kafka acknowledges it. */
    private final RetryingOrderPublisher statuses;
    private final OrderRepository knownOrders;
    private final Barista barista;
    private final Clock clock;
    private final OrderMetrics metrics;
    /** Orders admitted and waiting, and the baristas (at most {@code concurrency}) brewing them. */
    private final WorkQueue<BrewTicket> baristas;
    /** Orders received and not yet fully handled, by id: at most one ticket per order. */
    private final ConcurrentHashMap<OrderId, BrewTicket> active = new ConcurrentHashMap<>();

    public BrewingService(OrderPublisher publisher, OrderRepository knownOrders, Barista barista, Clock clock,
            int concurrency) {
        this(publisher, knownOrders, barista, clock, concurrency, OrderMetrics.none());
    }

    public BrewingService(OrderPublisher publisher, OrderRepository knownOrders, Barista barista, Clock clock,
            int concurrency, OrderMetrics metrics) {
        this(publisher, knownOrders, barista, clock, concurrency, metrics,
                Thread.ofVirtual().name("barista-", 1).factory());
    }

    /** With the threads baristas work on made by {@code baristaThreads}, so a test can count them. */
    BrewingService(OrderPublisher publisher, OrderRepository knownOrders, Barista barista, Clock clock,
            int concurrency, OrderMetrics metrics, ThreadFactory baristaThreads) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        }
        this.statuses = new RetryingOrderPublisher(publisher);
        this.knownOrders = knownOrders;
        this.barista = barista;
        this.clock = clock;
        this.metrics = metrics;
        this.baristas = new WorkQueue<>(concurrency, baristaThreads, this::brew);
    }

    @Override
    public List<Handling> handle(List<IncomingOrderEvent> batch) {
        List<Handling> handlings = new ArrayList<>(batch.size());
        List<BrewTicket> admitted = new ArrayList<>();
        for (IncomingOrderEvent incoming : batch) {
            OrderId id = incoming.event().orderId();
            handlings.add(carryOut(incoming, active.get(id), knownOrders.find(id), admitted));
        }
        // Baristas start only after the whole batch is read, so a cancel request polled in
        // the same batch as its order always finds the order still waiting.
        baristas.addAll(admitted);
        handlings.forEach(handling -> handling.completion()
                .thenAccept(outcome -> HandlingCount.of(outcome).ifPresent(metrics::handled)));
        return handlings;
    }

    /** How many orders are waiting or being brewed right now. */
    public int inProgress() {
        return active.size();
    }

    /**
     * Does what the policy decides for {@code incoming}, given the ticket held for its order (or
     * null) and what is known of it. Where the ticket changed between deciding and doing,
     * decides again on the ticket as it is now.
     */
    private Handling carryOut(IncomingOrderEvent incoming, BrewTicket ticket, Optional<Order> known,
            List<BrewTicket> admitted) {
        RequestId requestId = incoming.requestId();
        OrderId id = incoming.event().orderId();
        Optional<BrewingPolicy.ActiveTicket> held = Optional.ofNullable(ticket).map(BrewTicket::state);
        return switch (BrewingPolicy.decide(incoming.event(), held, known)) {
            case Decision.Admit admit -> {
                BrewTicket admittedTicket = new BrewTicket(admit.order(), requestId, admit.cancellable(),
                        done -> active.remove(done.order.id(), done));
                BrewTicket earlier = active.putIfAbsent(id, admittedTicket);
                if (earlier != null) {
                    // placed twice at the same time: the other one is brewed
                    yield carryOut(incoming, earlier, known, admitted);
                }
                admitted.add(admittedTicket);
                yield admittedTicket;
            }
            case Decision.CancelWaiting cancel -> ticket.stage.compareAndSet(Stage.QUEUED, Stage.CANCELLED)
                    ? cancelWaiting(ticket, requestId)
                    // a barista took it (or it was withdrawn) meanwhile
                    : carryOut(incoming, ticket, known, admitted);
            case Decision.CancelKnown cancel -> cancelKnown(cancel.pending(), requestId);
            case Decision.AlreadyCancelled cancelled -> FinishedHandling.with(Outcome.CANCELLED);
            case Decision.Duplicate duplicate -> duplicate(id, requestId, duplicate.why());
            case Decision.RejectCancel reject -> rejectCancel(id, requestId, reject.why());
            case Decision.Ignore ignore -> ignore(incoming, ignore.why());
        };
    }

    private Handling duplicate(OrderId id, RequestId requestId, String why) {
        LOG.log(Level.INFO, () -> String.format(Locale.ROOT,
                "order_id=%s request_id=%s outcome=duplicate skipped: %s",
                id, requestId, why));
        return FinishedHandling.with(Outcome.DUPLICATE);
    }

    private Handling ignore(IncomingOrderEvent incoming, String why) {
        if (incoming.event() instanceof OrderCancelRequested) {
            LOG.log(Level.WARNING, () -> String.format(Locale.ROOT,
                    "order_id=%s request_id=%s cancel ignored: %s",
                    incoming.event().orderId(), incoming.requestId(), why));
        } else {
            LOG.log(Level.WARNING, () -> String.format(Locale.ROOT,
                    "order_id=%s ignored: %s",
                    incoming.event().orderId(), why));
        }
        return FinishedHandling.with(Outcome.IGNORED);
    }

    private Handling cancelWaiting(BrewTicket ticket, RequestId requestId) {
        Order cancelled = ticket.order.cancel(clock.instant());
        knownOrders.save(cancelled);
        CompletableFuture<Outcome> published = publishUntilAcknowledged(cancelled, requestId)
                .thenApply(ignored -> Outcome.CANCELLED);
        // the placed event is handled only once the cancellation is stored: committing past it
        // earlier could lose an order that is neither brewed nor cancelled
        published.whenComplete((outcome, failure) -> ticket.finish(outcome, failure));
        LOG.log(Level.INFO, () -> String.format(Locale.ROOT,
                "order_id=%s request_id=%s drink=%s outcome=cancelled skipped: cancelled while waiting",
                ticket.order.id(), requestId, ticket.order.drink().displayName()));
        return FinishedHandling.after(published);
    }

    private Handling cancelKnown(Order pending, RequestId requestId) {
        Order cancelled = pending.cancel(clock.instant());
        knownOrders.save(cancelled);
        LOG.log(Level.INFO, () -> String.format(Locale.ROOT,
                "order_id=%s request_id=%s outcome=cancelled",
                pending.id(), requestId));
        return FinishedHandling.after(publishUntilAcknowledged(cancelled, requestId).thenApply(ignored -> Outcome.CANCELLED));
    }

    private Handling rejectCancel(OrderId id, RequestId requestId, String why) {
        LOG.log(Level.INFO, () -> String.format(Locale.ROOT,
                "order_id=%s request_id=%s cancel rejected: %s",
                id, requestId, why));
        return FinishedHandling.with(Outcome.CANCEL_REJECTED);
    }

    private void brew(BrewTicket ticket) {
        if (!ticket.stage.compareAndSet(Stage.QUEUED, Stage.BREWING)) {
            return; // cancelled or withdrawn while waiting
        }
        long started = System.nanoTime();
        try {
            Order processing = ticket.order.startBrewing(clock.instant());
            knownOrders.save(processing);
            CompletableFuture<Void> announced = publishUntilAcknowledged(processing, ticket.requestId);
            barista.brew(processing);
            Order completed = processing.complete(clock.instant());
            knownOrders.save(completed);
            // on a compacted topic the last record wins: "completed" must never land before "processing"
            announced.thenCompose(ignored -> publishUntilAcknowledged(completed, ticket.requestId))
                    .whenComplete((ignored, failure) -> {
                        if (failure == null) {
                            metrics.brewed(completed.drink(), Duration.ofNanos(System.nanoTime() - started));
                            long brewMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                            LOG.log(Level.INFO, () -> "order_id=" + completed.id() + " request_id=" + ticket.requestId
                                    + " drink=" + completed.drink().displayName() + " outcome=completed brew_ms="
                                    + brewMillis);
                        }
                        ticket.finish(Outcome.BREWED, failure);
                    });
        } catch (InterruptedException e) {
            // shutting down mid-brew: not handled, so not committed; the next consumer brews it again
            ticket.finish(null, e);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "order_id=" + ticket.order.id() + " request_id=" + ticket.requestId
                    + " brewing failed", e);
            ticket.finish(null, e);
        }
    }

    /** Publishes a status snapshot; the handling waits for Kafka's acknowledgement, however long. */
    private CompletableFuture<Void> publishUntilAcknowledged(Order snapshot, RequestId requestId) {
        return statuses.publish(new OrderStatusChanged(snapshot), requestId);
    }

    /**
     * Stops taking work: brews under way finish (their statuses are published), waiting orders
     * are left for whoever consumes next. Call after the consumer stopped feeding events.
     */
    @Override
    public void close() throws InterruptedException {
        active.values().forEach(BrewTicket::withdraw);
        baristas.shutdown(Duration.ofSeconds(30));
        if (!statuses.awaitAcknowledgements(Duration.ofSeconds(10))) {
            LOG.log(Level.WARNING, () -> String.format(Locale.ROOT,
                    "%s status updates were not acknowledged before shutdown; "
                    + "their orders will be handled again by the next consumer",
                    statuses.unacknowledged()));
        }
        statuses.close("baristas stopped before Kafka acknowledged the status");
    }
}
