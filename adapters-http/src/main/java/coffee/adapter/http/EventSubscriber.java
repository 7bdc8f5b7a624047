package coffee.adapter.http;

import coffee.domain.Order;
import coffee.domain.OrderChange;
import io.helidon.http.HeaderValues;
import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.sse.SseSink;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One client of an event stream: the changes waiting for it (a bounded buffer, filled by the
 * thread that reads Kafka, which never waits for a client) and its connection. A client whose
 * buffer is full has fallen behind: its connection is closed from outside, which also ends a
 * write it is stuck in.
 */
final class EventSubscriber implements AutoCloseable {

    private static final SseEvent HEARTBEAT = SseEvent.builder().comment("heartbeat").build();

    /** Put in the buffer to wake the client's thread when its stream is closed from outside. */
    private static final Object CLOSED = new Object();

    private final ArrayBlockingQueue<Object> waiting;
    private final Consumer<EventSubscriber> onClose;
    private final AtomicBoolean cutOff = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean sinkClosed = new AtomicBoolean();
    private volatile SseSink sink;

    EventSubscriber(int buffer, Consumer<EventSubscriber> onClose) {
        this.waiting = new ArrayBlockingQueue<>(buffer);
        this.onClose = onClose;
    }

    /** A change for this client; never blocks. */
    void offer(OrderChange change) {
        if (!waiting.offer(change) && cutOff.compareAndSet(false, true)) {
            // not on the caller's thread: closing a socket may take a moment
            Thread.startVirtualThread(this::closeSink);
        }
    }

    /**
     * Opens the stream on the response. The connection closes when the stream ends: a stream
     * cut off under a write cannot end cleanly, and no client reuses the connection of an
     * event stream anyway.
     */
    void open(ServerResponse res) {
        res.header(HeaderValues.CONNECTION_CLOSE);
        SseSink opened = res.sink(SseSink.TYPE);
        this.sink = opened;
        if (closing.get()) {
            closeSink();
        }
    }

    /** The next change, or empty after {@code patience} (or once the stream ended: see {@link #ended()}). */
    Optional<OrderChange> next(Duration patience) throws InterruptedException {
        if (ended()) {
            return Optional.empty();
        }
        Object next = waiting.poll(patience.toMillis(), TimeUnit.MILLISECONDS);
        return next instanceof OrderChange change ? Optional.of(change) : Optional.empty();
    }

    /** Whether the client fell behind and was cut off. */
    boolean cutOff() {
        return cutOff.get();
    }

    /** Whether the stream was cut off or closed from outside (the server stops). */
    boolean ended() {
        return cutOff.get() || closing.get();
    }

    void send(Order order, String id) {
        emit(OrderEventsHttpService.event(order, id));
    }

    void heartbeat() {
        emit(HEARTBEAT);
    }

    private void emit(SseEvent event) {
        try {
            sink.emit(event);
        } catch (RuntimeException e) {
            // the client went away, or was cut off while this write waited for it
            throw new Gone(cutOff.get(), e);
        }
    }

    private void closeSink() {
        SseSink current = sink;
        if (current != null && sinkClosed.compareAndSet(false, true)) {
            try {
                current.close();
            } catch (RuntimeException ignored) {
                // the connection is gone either way
            }
        }
    }

    /** Ends the stream (if it was opened) and forgets this client. */
    @Override
    public void close() {
        if (closing.compareAndSet(false, true)) {
            waiting.clear();
            waiting.offer(CLOSED);
        }
        closeSink();
        onClose.accept(this);
    }

    /** The connection ended under a write. */
    static final class Gone extends RuntimeException {

        private final boolean cutOff;

        Gone(boolean cutOff, Throwable cause) {
            super(cause.getMessage(), cause, false, false);
            this.cutOff = cutOff;
        }

        boolean cutOff() {
            return cutOff;
        }
    }
}
