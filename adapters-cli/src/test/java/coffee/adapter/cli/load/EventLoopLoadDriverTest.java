package coffee.adapter.cli.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.InetSocketAddress;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Every test of the thread-per-connection generator, on the event loops; and what only they do. */
class EventLoopLoadDriverTest extends LoadGeneratorTest {

    private final FakeProducer server = FakeProducer.start();

    @Override
    LoadDriver generatorFor(String url, int connections) {
        return driver(url, connections, 2);
    }

    private static LoadDriver driver(String url, int connections, int loops) {
        URI uri = URI.create(url);
        return new EventLoopLoadDriver(new InetSocketAddress(uri.getHost(), uri.getPort()),
                LoadTarget.parse(url).orderRequest("Load Tester", "Latte", null), connections, loops);
    }

    @Test
    void one_loop_keeps_all_its_connections_in_flight_at_once() {
        // the server answers none of the 8 until all 8 are there: a loop that waited for one
        // answer before sending the next request would wait 10 s for each
        server.holdingUntil(8);
        LoadStats stats = new LoadStats();
        try (LoadDriver generator = driver(server.url(), 8, 1)) {
            generator.run(LoadSchedule.closedLoopOf(System.nanoTime(), 8), stats, null);
        }

        assertEquals(8, stats.succeededCount());
        assertFalse(server.heldInVain(), "all 8 requests were in flight together");
    }

    @Override
    void stop() {
        super.stop();
        server.close();
    }
}
