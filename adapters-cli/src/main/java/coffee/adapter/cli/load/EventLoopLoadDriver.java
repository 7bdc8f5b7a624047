package coffee.adapter.cli.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;

/**
 * Drives the connections from a few threads, each running a selector over its share of them,
 * as wrk does: a thread is woken once for all the answers that arrived together, instead of one
 * thread per connection each woken (and scheduled) for its own. Measured against the same
 * server in the same run, see docs/performance.md ("coffee load against wrk").
 */
public final class EventLoopLoadDriver implements LoadDriver {

    private static final ThreadFactory LOOP_THREADS = Thread.ofPlatform().daemon().name("load-loop-", 0).factory();

    private final List<EventLoop> loops = new ArrayList<>();

    /**
     * @param loops how many threads (each with its selector) share the connections
     */
    public EventLoopLoadDriver(InetSocketAddress address, byte[] request, int connections, int loops) {
        int threads = Math.max(1, Math.min(loops, connections));
        for (int loop = 0; loop < threads; loop++) {
            List<LoopConnection> share = new ArrayList<>();
            for (int i = loop; i < connections; i += threads) {
                share.add(new LoopConnection(address, request));
            }
            this.loops.add(new EventLoop(share));
        }
    }

    /** As many loops as cores, as wrk is run with one thread per core. */
    public static int defaultLoops() {
        return Runtime.getRuntime().availableProcessors();
    }

    @Override
    public void connectAll() throws IOException {
        for (EventLoop loop : loops) {
            loop.connectAll();
        }
    }

    @Override
    public long run(LoadSchedule schedule, LoadStats stats, EndToEndTracker tracker) {
        PhaseThreads.runEach(loops, LOOP_THREADS, loop -> loop.run(schedule, stats, tracker));
        return System.nanoTime() - schedule.startNanos();
    }

    @Override
    public void close() {
        loops.forEach(EventLoop::close);
    }

    /** One thread's selector and connections; used by one thread at a time (one phase after another). */
    private static final class EventLoop {

        /** How often answers are checked for {@link HttpLoadConnection#READ_TIMEOUT_MS} at the latest. */
        private static final long TIMEOUT_CHECK_NANOS = 100_000_000L;

        private final List<LoopConnection> connections;
        private final Selector selector;

        EventLoop(List<LoopConnection> connections) {
            this.connections = connections;
            try {
                this.selector = Selector.open();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open a selector", e);
            }
        }

        void connectAll() throws IOException {
            for (LoopConnection connection : connections) {
                connection.connectNow(selector);
            }
        }

        void run(LoadSchedule schedule, LoadStats stats, EndToEndTracker tracker) {
            Phase phase = new Phase(schedule, stats, tracker, selector);
            for (LoopConnection connection : connections) {
                phase.next(connection, System.nanoTime());
            }
            long nextTimeoutCheck = System.nanoTime() + TIMEOUT_CHECK_NANOS;
            while (phase.unfinished() > 0) {
                long now = phase.sendDue(System.nanoTime());
                long wait = Math.min(phase.untilNextDue(now), nextTimeoutCheck - now);
                select(wait);
                now = System.nanoTime();
                for (SelectionKey key : selector.selectedKeys()) {
                    phase.ready((LoopConnection) key.attachment(), key, now);
                }
                selector.selectedKeys().clear();
                if (now - nextTimeoutCheck >= 0) {
                    for (LoopConnection connection : connections) {
                        phase.checkTimeouts(connection, now);
                    }
                    nextTimeoutCheck = now + TIMEOUT_CHECK_NANOS;
                }
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
            }
        }

        private void select(long waitNanos) {
            try {
                if (waitNanos <= 0) {
                    selector.selectNow();
                } else {
                    // select takes milliseconds: round up, or a due request would spin the loop
                    selector.select(Math.max(1, (waitNanos + 999_999) / 1_000_000));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("the selector failed", e);
            }
        }

        void close() {
            connections.forEach(LoopConnection::close);
            try {
                selector.close();
            } catch (IOException e) {
                // closing is best effort
            }
        }
    }

    /** One phase's progress on one loop: which connections wait for their next request's due time. */
    private static final class Phase {

        private final LoadSchedule schedule;
        private final LoadStats stats;
        private final EndToEndTracker tracker;
        private final Selector selector;
        private final java.util.PriorityQueue<LoopConnection> waiting =
                new java.util.PriorityQueue<>((a, b) -> Long.compare(a.dueNanos - b.dueNanos, 0));
        private int unfinished;

        Phase(LoadSchedule schedule, LoadStats stats, EndToEndTracker tracker, Selector selector) {
            this.schedule = schedule;
            this.stats = stats;
            this.tracker = tracker;
            this.selector = selector;
        }

        int unfinished() {
            return unfinished + waiting.size();
        }

        /** Claims the connection's next request and queues it for its due time; or the connection is done. */
        void next(LoopConnection connection, long notBefore) {
            long request = schedule.claim();
            if (request == LoadSchedule.DONE) {
                return;
            }
            connection.intendedNanos = schedule.intendedNanos(request);
            connection.dueNanos = connection.intendedNanos - notBefore < 0 ? notBefore : connection.intendedNanos;
            waiting.add(connection);
        }

        /** Sends every request now due; returns the time it looked at. */
        long sendDue(long now) {
            LoopConnection first;
            while ((first = waiting.peek()) != null && first.dueNanos - now <= 0) {
                waiting.poll();
                unfinished++;
                // open loop: latency from the intended time, however late the send; closed: from the send
                first.latencyFromNanos = schedule.isOpenLoop() ? first.intendedNanos : now;
                stats.sent();
                try {
                    first.send(selector, now);
                } catch (ConnectException e) {
                    fail(first, LoadStats.Failure.CONNECTION, now, LoadGenerator.PAUSE_AFTER_CONNECT_FAILURE_MS);
                } catch (IOException e) {
                    fail(first, LoadStats.Failure.CONNECTION, now, 0);
                }
            }
            return now;
        }

        long untilNextDue(long now) {
            LoopConnection first = waiting.peek();
            return first == null ? Long.MAX_VALUE : first.dueNanos - now;
        }

        void ready(LoopConnection connection, SelectionKey key, long now) {
            try {
                int status = connection.onReady(key, now);
                if (status != HttpAnswerParser.INCOMPLETE) {
                    unfinished--;
                    stats.answered(status, now - connection.latencyFromNanos);
                    if (tracker != null && status == 201 && connection.answer.findOrderId()) {
                        tracker.accepted(connection.answer.orderIdHigh(), connection.answer.orderIdLow(), now);
                    }
                    next(connection, now);
                }
            } catch (java.net.ProtocolException e) {
                fail(connection, LoadStats.Failure.INVALID_RESPONSE, now, 0);
            } catch (ConnectException e) {
                fail(connection, LoadStats.Failure.CONNECTION, now, LoadGenerator.PAUSE_AFTER_CONNECT_FAILURE_MS);
            } catch (IOException e) {
                fail(connection, LoadStats.Failure.CONNECTION, now, 0);
            }
        }

        void checkTimeouts(LoopConnection connection, long now) {
            try {
                connection.checkTimeout(now);
            } catch (SocketTimeoutException e) {
                fail(connection, LoadStats.Failure.TIMEOUT, now, 0);
            } catch (ConnectException e) {
                fail(connection, LoadStats.Failure.CONNECTION, now, LoadGenerator.PAUSE_AFTER_CONNECT_FAILURE_MS);
            }
        }

        /** The exchange failed: counted, the connection closed (the next send reconnects), the next request claimed. */
        private void fail(LoopConnection connection, LoadStats.Failure failure, long now, long pauseMillis) {
            unfinished--;
            stats.failed(failure);
            connection.close();
            next(connection, now + pauseMillis * 1_000_000);
        }
    }
}
