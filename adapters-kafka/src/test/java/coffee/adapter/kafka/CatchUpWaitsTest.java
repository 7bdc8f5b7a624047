package coffee.adapter.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coffee.application.port.out.OrderViewUnavailableException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class CatchUpWaitsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(5);

    private final ViewProgress folded = new ViewProgress();

    /** Where each partition ends, as Kafka would answer (0 for a partition not named). */
    private static IntFunction<CompletableFuture<Long>> ends(Map<Integer, Long> offsets) {
        return partition -> CompletableFuture.completedFuture(offsets.getOrDefault(partition, 0L));
    }

    @Test
    void a_read_returns_once_the_partition_is_folded_as_far_as_kafka_had_it() throws Exception {
        CatchUpWaits waits = new CatchUpWaits(ends(Map.of(0, 5L)), folded, Optional::empty, PATIENCE, 8);

        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> waits.untilFolded(0));
        folded.processed(0, 3);
        Thread.sleep(50);
        assertFalse(waiting.isDone(), "record 4 is not folded yet");

        folded.processed(0, 4);
        waiting.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void a_read_in_a_partition_kafka_holds_nothing_of_does_not_wait() {
        CatchUpWaits waits = new CatchUpWaits(ends(Map.of(0, 0L)), folded, Optional::empty, PATIENCE, 8);

        waits.untilFolded(0);
        waits.untilFolded(1);
    }

    @Test
    void a_read_waits_only_for_its_own_partition_while_another_has_no_leader_to_answer() {
        CompletableFuture<Long> leaderless = new CompletableFuture<>();
        CatchUpWaits waits = new CatchUpWaits(partition -> partition == 0 ? leaderless : ends(Map.of()).apply(partition),
                folded, Optional::empty, PATIENCE, 8);

        waits.untilFolded(1);

        assertFalse(leaderless.isDone());
    }

    @Test
    void a_view_behind_kafka_past_the_patience_is_a_503() {
        CatchUpWaits waits = new CatchUpWaits(ends(Map.of(0, 5L)), folded, Optional::empty,
                Duration.ofMillis(100), 8);

        OrderViewUnavailableException unavailable = assertThrows(OrderViewUnavailableException.class,
                () -> waits.untilFolded(0));

        assertEquals("the view of orders is behind Kafka (partition 0 not caught up within 100 ms); retry shortly",
                unavailable.getMessage());
    }

    @Test
    void a_kafka_that_cannot_say_where_the_topic_ends_is_a_503() {
        CatchUpWaits waits = new CatchUpWaits(
                partition -> CompletableFuture.failedFuture(new IllegalStateException("no broker")), folded,
                Optional::empty, PATIENCE, 8);

        OrderViewUnavailableException unavailable = assertThrows(OrderViewUnavailableException.class,
                () -> waits.untilFolded(0));

        assertEquals("cannot ask Kafka how far the orders topic goes: no broker", unavailable.getMessage());
    }

    @Test
    void beyond_the_bound_of_waiting_reads_a_read_is_refused_at_once_and_a_finished_wait_frees_its_place()
            throws Exception {
        CountDownLatch asked = new CountDownLatch(1);
        CatchUpWaits counting = new CatchUpWaits(partition -> {
            asked.countDown();
            return ends(Map.of(0, 1L)).apply(partition);
        }, folded, Optional::empty, PATIENCE, 1);

        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> counting.untilFolded(0));
        assertTrue(asked.await(5, TimeUnit.SECONDS));
        long refusedAt = System.nanoTime();
        OrderViewUnavailableException refused = assertThrows(OrderViewUnavailableException.class,
                () -> counting.untilFolded(0));
        assertTrue(System.nanoTime() - refusedAt < Duration.ofSeconds(1).toNanos(), "at once");
        assertEquals("too many reads are waiting for the view of orders to catch up with Kafka; retry shortly",
                refused.getMessage());

        folded.processed(0, 0);
        first.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        counting.untilFolded(0);
    }

    @Test
    void a_listing_after_a_start_waits_until_the_view_has_folded_what_the_topics_held_then() {
        AtomicInteger looks = new AtomicInteger();
        CatchUpWaits waits = new CatchUpWaits(ends(Map.of()), folded,
                () -> looks.incrementAndGet() < 4 ? Optional.of("3 records to fold") : Optional.empty(), PATIENCE, 8);

        waits.untilStartFolded();

        assertEquals(4, looks.get());
    }

    @Test
    void a_listing_after_a_start_that_does_not_catch_up_in_time_says_how_far_behind_it_is() {
        CatchUpWaits waits = new CatchUpWaits(ends(Map.of()), folded,
                () -> Optional.of("the view of orders is catching up with Kafka: 3 records to fold"),
                Duration.ofMillis(100), 8);

        OrderViewUnavailableException unavailable = assertThrows(OrderViewUnavailableException.class,
                waits::untilStartFolded);

        assertEquals("the view of orders is catching up with Kafka: 3 records to fold; retry shortly",
                unavailable.getMessage());
    }
}
