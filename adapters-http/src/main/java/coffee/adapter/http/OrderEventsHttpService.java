package coffee.adapter.http;

import coffee.adapter.http.support.RequestIds;
import coffee.application.port.in.FollowOrders;
import coffee.domain.FollowedOrders;
import coffee.domain.Order;
import coffee.domain.OrderChange;
import coffee.domain.OrderId;
import coffee.domain.OrderQuery;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.sse.SseSink;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The order API's server-sent event streams (Helidon's {@link SseSink}):
 * <ul>
 *   <li>{@code GET /order/{id}/events}: the order as it is, at once, then each change; the
 *       stream ends after a final status. Events are named after the status, their data is the
 *       order's JSON as {@code GET /order/{id}} answers it, their id the step the order has
 *       reached ({@code 1} pending, {@code 2} processing, {@code 3} completed or cancelled).</li>
 *   <li>{@code GET /orders/events}, with the filters of {@code GET /orders}: every change of
 *       every (matching) order from now on, for boards. The id is the position of the change
 *       in Kafka, the same on every instance.</li>
 * </ul>
 * Either resumes after the id in {@code Last-Event-ID} (or {@code last_event_id}): what the
 * client missed comes first, nothing twice. A comment keeps a quiet stream open. Each client
 * has a bounded buffer; one that falls behind is cut off, never the server or another client.
 */
final class OrderEventsHttpService implements HttpService {

    private static final System.Logger LOG = System.getLogger(OrderEventsHttpService.class.getName());
    static final HeaderName LAST_EVENT_ID = HeaderNames.create("Last-Event-ID");
    static final String ORDER_EVENTS = "/order/{id}/events";
    static final String ALL_EVENTS = "/orders/events";
    private static final int FINAL_STEP = 3;

    private final OrderUseCases useCases;
    private final EventStreamSettings settings;
    private final Set<EventSubscriber> open = ConcurrentHashMap.newKeySet();

    OrderEventsHttpService(OrderUseCases useCases, EventStreamSettings settings) {
        this.useCases = useCases;
        this.settings = settings;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get(ORDER_EVENTS, this::orderEvents)
                .any(ORDER_EVENTS, Routes.onlyAllow("GET"))
                .get(ALL_EVENTS, this::allEvents)
                .any(ALL_EVENTS, Routes.onlyAllow("GET"));
    }

    private void orderEvents(ServerRequest req, ServerResponse res) {
        requireEventStreamAccepted(req);
        OrderId id = OrderHttpService.orderId(req).orElseThrow(Routes::orderNotFound);
        int seen = lastEventId(req).map(OrderEventsHttpService::step).orElse(0);
        try (EventSubscriber subscriber = admit(req);
                FollowOrders.Following following = useCases.followOrders()
                        .follow(Optional.empty(), true, FollowedOrders.one(id), subscriber::offer)) {
            // watching before reading, so no change slips in between
            Optional<Order> current = useCases.findOrders().find(id);
            if (current.isEmpty()) {
                throw Routes.orderNotFound();
            }
            // what this instance remembers of the order may be ahead of the view, or behind it
            List<Order> known = new ArrayList<>();
            following.replay().forEach(change -> known.add(change.order()));
            known.add(current.get());
            known.sort(Comparator.comparingInt(OrderEventsHttpService::step));
            subscriber.open(res);
            for (Order order : known) {
                seen = sendIfNew(subscriber, order, seen);
            }
            while (seen < FINAL_STEP) {
                Optional<OrderChange> change = subscriber.next(settings.heartbeat());
                if (change.isEmpty()) {
                    if (subscriber.ended()) {
                        if (subscriber.cutOff()) {
                            logCutOff(req, Integer.toString(seen));
                        }
                        return;
                    }
                    subscriber.heartbeat();
                } else {
                    seen = sendIfNew(subscriber, change.get().order(), seen);
                }
            }
        } catch (EventSubscriber.Gone gone) {
            if (gone.cutOff()) {
                logCutOff(req, Integer.toString(seen));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void allEvents(ServerRequest req, ServerResponse res) {
        requireEventStreamAccepted(req);
        FollowedOrders which = FollowedOrders.matching(OrderHttpService.filters(req, OrderQuery.newest(1)));
        Optional<String> after = lastEventId(req);
        String seen = after.orElse("");
        try (EventSubscriber subscriber = admit(req);
                FollowOrders.Following following = follow(after, which, subscriber)) {
            subscriber.open(res);
            for (OrderChange change : following.replay()) {
                subscriber.send(change.order(), change.position());
                seen = change.position();
            }
            while (true) {
                Optional<OrderChange> change = subscriber.next(settings.heartbeat());
                if (change.isEmpty()) {
                    if (subscriber.ended()) {
                        if (subscriber.cutOff()) {
                            logCutOff(req, seen);
                        }
                        return;
                    }
                    subscriber.heartbeat();
                } else {
                    subscriber.send(change.get().order(), change.get().position());
                    seen = change.get().position();
                }
            }
        } catch (EventSubscriber.Gone gone) {
            if (gone.cutOff()) {
                logCutOff(req, seen);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private FollowOrders.Following follow(Optional<String> after, FollowedOrders which, EventSubscriber subscriber) {
        try {
            return useCases.followOrders().follow(after, false, which, subscriber::offer);
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(Status.BAD_REQUEST_400, "Last-Event-ID is not the id of an event of this stream",
                    LAST_EVENT_ID.defaultCase());
        }
    }

    /** Helidon opens an event stream only for a client that accepts one: a 406 rather than a 500. */
    private static void requireEventStreamAccepted(ServerRequest req) {
        if (!req.headers().isAccepted(MediaTypes.TEXT_EVENT_STREAM)) {
            throw new ApiProblem(Status.NOT_ACCEPTABLE_406, "This is an event stream: Accept must allow "
                    + "text/event-stream");
        }
    }

    /** Sends the order if it is a step further than {@code seen}; returns the step reached. */
    private static int sendIfNew(EventSubscriber subscriber, Order order, int seen) {
        int step = step(order);
        if (step <= seen) {
            return seen;
        }
        subscriber.send(order, Integer.toString(step));
        return step;
    }

    /** How far along its life an order is: the id of its events in its own stream. */
    static int step(Order order) {
        return switch (order.status()) {
            case PENDING -> 1;
            case PROCESSING -> 2;
            case COMPLETED, CANCELLED -> FINAL_STEP;
        };
    }

    /** The id of a per-order event seen before: a step, 0 to 3. */
    private static int step(String lastEventId) {
        if (lastEventId.length() == 1 && lastEventId.charAt(0) >= '0' && lastEventId.charAt(0) <= '3') {
            return lastEventId.charAt(0) - '0';
        }
        throw new ApiProblem(Status.BAD_REQUEST_400, "Last-Event-ID is not the id of an event of this stream",
                LAST_EVENT_ID.defaultCase());
    }

    /** The header wins over the parameter (for clients that cannot set headers, such as EventSource). */
    private static Optional<String> lastEventId(ServerRequest req) {
        Optional<String> header = req.headers().first(LAST_EVENT_ID).filter(text -> !text.isBlank());
        return header.isPresent() ? header.map(String::strip)
                : req.query().first("last_event_id").asOptional().filter(text -> !text.isBlank()).map(String::strip);
    }

    private EventSubscriber admit(ServerRequest req) {
        EventSubscriber subscriber = new EventSubscriber(settings.subscriberBuffer(), open::remove);
        open.add(subscriber);
        if (open.size() > settings.maxSubscribers()) {
            subscriber.close();
            throw new ApiProblem(Status.SERVICE_UNAVAILABLE_503, "Too many event streams are open on this server; "
                    + "retry shortly or on another instance").withHeader(HeaderNames.RETRY_AFTER, "5");
        }
        return subscriber;
    }

    private static void logCutOff(ServerRequest req, String resumeId) {
        LOG.log(Level.WARNING, () -> "request_id=" + RequestIds.of(req) + " event stream " + req.path().rawPath()
                + " cut off: the client fell behind; it resumes with Last-Event-ID " + (resumeId.isEmpty() ? "(none)"
                : resumeId));
    }

    /** Closes every open stream: the server is stopping, and clients will resume elsewhere. */
    void closeAll() {
        open.forEach(EventSubscriber::close);
    }

    /** An event of either stream: named after the status, the order's JSON (as GET /order/{id}) as data. */
    static SseEvent event(Order order, String id) {
        return SseEvent.builder().id(id).name(order.status().wireName()).data(OrderJson.order(order)).build();
    }
}
