package coffee.adapter.http;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coffee.application.port.out.OrderViewUnavailableException;
import coffee.domain.OrderId;
import coffee.domain.OrderStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Questions to another instance that answers too slowly: bounded, never a growing queue. */
class PeerViewClientTest {

    private static final Duration SLOW_PEER_TIMEOUT = Duration.ofMillis(500);

    private ServerSocket silentPeer;
    private final List<Socket> accepted = new ArrayList<>();
    private final CountDownLatch connected = new CountDownLatch(1);

    @BeforeEach
    void startAPeerThatNeverAnswers() throws IOException {
        silentPeer = new ServerSocket(0);
        Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    accepted.add(silentPeer.accept());
                    connected.countDown();
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
    }

    @AfterEach
    void stopThePeer() throws IOException {
        silentPeer.close();
        for (Socket socket : accepted) {
            socket.close();
        }
    }

    private String peer() {
        return "127.0.0.1:" + silentPeer.getLocalPort();
    }

    @Test
    void a_question_beyond_the_bound_is_refused_at_once_not_queued() throws Exception {
        PeerViewClient client = new PeerViewClient(SLOW_PEER_TIMEOUT, 1, 1);
        CompletableFuture<?> first = CompletableFuture.runAsync(() -> client.find(peer(), OrderId.random()));
        assertTrue(connected.await(10, TimeUnit.SECONDS), "the first question reached the peer");

        long started = System.nanoTime();
        OrderViewUnavailableException refused = assertThrows(OrderViewUnavailableException.class,
                () -> client.find(peer(), OrderId.random()));

        assertTrue(System.nanoTime() - started < SLOW_PEER_TIMEOUT.toNanos(), "refused before the first timed out");
        assertTrue(refused.getMessage().contains("retry shortly"), refused.getMessage());
        Throwable timedOut = assertThrows(Exception.class, first::join).getCause();
        assertTrue(timedOut instanceof UncheckedIOException, "the slow peer counts as unreachable: " + timedOut);
    }

    @Test
    void blocking_reads_have_their_own_bound_and_do_not_starve_plain_questions() throws Exception {
        PeerViewClient client = new PeerViewClient(SLOW_PEER_TIMEOUT, 1, 1);
        CompletableFuture<?> waiting = CompletableFuture.runAsync(
                () -> client.awaitStatus(peer(), OrderId.random(), OrderStatus.COMPLETED, Duration.ofMillis(200)));
        assertTrue(connected.await(10, TimeUnit.SECONDS), "the blocking read reached the peer");

        assertThrows(OrderViewUnavailableException.class,
                () -> client.awaitStatus(peer(), OrderId.random(), OrderStatus.COMPLETED, Duration.ofMillis(200)),
                "a second blocking read is beyond its bound");
        assertThrows(UncheckedIOException.class, () -> client.find(peer(), OrderId.random()),
                "a plain question still goes out (and times out on this silent peer)");
        assertThrows(Exception.class, waiting::join);
    }
}
