package coffee.adapter.cli.load;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;

/**
 * Drives a set of keep-alive connections through load phases: one thread per connection, each
 * claiming the next request from the phase's {@link LoadSchedule}, sending it when due and
 * recording the outcome. The connections stay open from one phase to the next, so the measured
 * phase does not pay for the warm-up's connects.
 */
public final class LoadGenerator implements LoadDriver {

    /** What kind of thread drives each connection. */
    public enum Threads {
        /**
         * An OS thread blocked in {@code read} is woken by the kernel directly when the answer
         * arrives. Against a trivial keep-alive server sharing 2 cores this drove 15% (machine
         * otherwise idle) to 75% (machine busy) more requests a second than virtual threads, with
         * no more CPU per request; the default.
         */
        PLATFORM(Thread.ofPlatform().daemon().name("load-", 0)),
        /**
         * A virtual thread's blocked {@code read} goes through the JDK's poller and scheduler,
         * which costs more per request, but thousands of them cost little memory.
         */
        VIRTUAL(Thread.ofVirtual().name("load-", 0));

        private final Thread.Builder builder;

        Threads(Thread.Builder builder) {
            this.builder = builder;
        }

        ThreadFactory factory() {
            return builder.factory();
        }
    }

    /** After a failed connect, so a server that is down is not hammered with connects in a tight loop. */
    static final long PAUSE_AFTER_CONNECT_FAILURE_MS = 100;

    private final List<HttpLoadConnection> connections = new ArrayList<>();
    private final Threads threads;

    public LoadGenerator(InetSocketAddress address, byte[] request, int connections, Threads threads) {
        this.threads = threads;
        for (int i = 0; i < connections; i++) {
            this.connections.add(new HttpLoadConnection(address, request));
        }
    }

    @Override
    public void connectAll() throws IOException {
        for (HttpLoadConnection connection : connections) {
            connection.connect();
        }
    }

    @Override
    public long run(LoadSchedule schedule, LoadStats stats, EndToEndTracker tracker) {
        PhaseThreads.runEach(connections, threads.factory(), connection -> drive(connection, schedule, stats, tracker));
        return System.nanoTime() - schedule.startNanos();
    }

    private static void drive(HttpLoadConnection connection, LoadSchedule schedule, LoadStats stats,
            EndToEndTracker tracker) {
        long request;
        while ((request = schedule.claim()) != LoadSchedule.DONE) {
            long latencyFrom = schedule.awaitDue(request);
            stats.sent();
            int status;
            try {
                status = connection.exchange();
            } catch (SocketTimeoutException e) {
                stats.failed(LoadStats.Failure.TIMEOUT);
                continue;
            } catch (ProtocolException e) {
                stats.failed(LoadStats.Failure.INVALID_RESPONSE);
                continue;
            } catch (IOException e) {
                stats.failed(LoadStats.Failure.CONNECTION);
                if (e instanceof ConnectException) {
                    pause(PAUSE_AFTER_CONNECT_FAILURE_MS);
                }
                continue;
            }
            long answeredAt = System.nanoTime();
            stats.answered(status, answeredAt - latencyFrom);
            if (tracker != null && status == 201 && connection.findOrderId()) {
                tracker.accepted(connection.orderIdHigh(), connection.orderIdLow(), answeredAt);
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        connections.forEach(HttpLoadConnection::close);
    }
}
