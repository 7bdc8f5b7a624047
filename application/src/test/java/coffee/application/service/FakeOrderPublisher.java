package coffee.application.service;

import coffee.application.port.out.OrderPublisher;
import coffee.application.port.out.OrderRepository;
import coffee.application.port.out.PublishFailedException;
import coffee.domain.Order;
import coffee.domain.OrderEvent;
import coffee.domain.OrderId;
import coffee.domain.OrderStatus;
import coffee.domain.OrderStatusChanged;
import coffee.domain.RequestId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An in-memory stand-in for Kafka: records what is published, fails on request, and (when
 * {@link #feeding feeding} a view) brings what it accepted into the view, as Kafka's consumers
 * of the topics do in production.
 */
public final class FakeOrderPublisher implements OrderPublisher {

    /** One publication as it was sent. */
    public record Published(OrderEvent event, RequestId requestId) {
    }

    private final List<Published> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresToInject = new AtomicInteger();
    private volatile boolean unavailable;
    private volatile Consumer<OrderEvent> onPublish = event -> { };
    private final OrderRepository view;

    public FakeOrderPublisher() {
        this(null);
    }

    private FakeOrderPublisher(OrderRepository view) {
        this.view = view;
    }

    /** A Kafka whose every acknowledged order and status reaches {@code view} before the acknowledgement. */
    public static FakeOrderPublisher feeding(OrderRepository view) {
        return new FakeOrderPublisher(view);
    }

    @Override
    public CompletionStage<Void> publish(OrderEvent event, RequestId requestId) {
        if (unavailable || failuresToInject.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return CompletableFuture.failedFuture(
                    new PublishFailedException("Kafka did not acknowledge in time", null));
        }
        published.add(new Published(event, requestId));
        if (view != null) {
            new OrderProjection(view).project(event);
        }
        onPublish.accept(event);
        return CompletableFuture.completedFuture(null);
    }

    /** Every publication fails until {@link #recover()}. */
    public void breakDown() {
        unavailable = true;
    }

    public void recover() {
        unavailable = false;
    }

    /** The next {@code count} publications fail, then it works again. */
    public void failNext(int count) {
        failuresToInject.set(count);
    }

    /** Runs after each successful publication, for example to play the consumer's part. */
    public void whenPublished(Consumer<OrderEvent> reaction) {
        this.onPublish = reaction;
    }

    public List<Published> published() {
        return List.copyOf(published);
    }

    public List<OrderEvent> events() {
        return published.stream().map(Published::event).toList();
    }

    /** The statuses published for one order, in order. */
    public List<OrderStatus> statusesOf(OrderId id) {
        return published.stream()
                .map(Published::event)
                .filter(event -> event instanceof OrderStatusChanged && event.orderId().equals(id))
                .map(event -> ((OrderStatusChanged) event).order().status())
                .toList();
    }

    public List<Order> snapshotsOf(OrderId id) {
        return published.stream()
                .map(Published::event)
                .filter(event -> event instanceof OrderStatusChanged && event.orderId().equals(id))
                .map(event -> ((OrderStatusChanged) event).order())
                .toList();
    }
}
