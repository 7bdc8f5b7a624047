package coffee.adapter.cli.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LoadScheduleTest {

    private static final long START = 1_000_000_000L;

    private static int claimAll(LoadSchedule schedule) {
        int claimed = 0;
        while (schedule.claim() != LoadSchedule.DONE) {
            claimed++;
        }
        return claimed;
    }

    @Test
    void in_an_open_loop_request_i_is_due_at_start_plus_i_over_the_rate() {
        LoadSchedule schedule = LoadSchedule.openLoopOf(START, 10, 400);

        assertEquals(START, schedule.intendedNanos(0));
        assertEquals(START + 2_500_000, schedule.intendedNanos(1));
        assertEquals(START + 1_000_000_000, schedule.intendedNanos(400));
    }

    @Test
    void an_open_loop_for_a_duration_sends_exactly_duration_times_rate_requests() {
        // whatever the clock says: which requests exist depends only on their intended times
        LoadSchedule schedule = LoadSchedule.openLoopFor(System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(250), 1000);

        assertEquals(250, claimAll(schedule));
    }

    @Test
    void a_count_stops_both_loops_after_that_many_requests() {
        assertEquals(7, claimAll(LoadSchedule.openLoopOf(START, 7, 1e6)));
        assertEquals(7, claimAll(LoadSchedule.closedLoopOf(System.nanoTime(), 7)));
    }

    @Test
    void a_closed_loop_for_a_duration_stops_once_the_time_is_up() {
        LoadSchedule over = LoadSchedule.closedLoopFor(System.nanoTime() - TimeUnit.SECONDS.toNanos(2),
                TimeUnit.SECONDS.toNanos(1));
        LoadSchedule running = LoadSchedule.closedLoopFor(System.nanoTime(), TimeUnit.HOURS.toNanos(1));

        assertEquals(LoadSchedule.DONE, over.claim());
        assertEquals(0, running.claim());
        assertEquals(1, running.claim());
    }

    @Test
    void an_open_loop_counts_latency_from_the_intended_time_even_when_it_has_passed() {
        long longAgo = System.nanoTime() - TimeUnit.SECONDS.toNanos(5);
        LoadSchedule schedule = LoadSchedule.openLoopOf(longAgo, 10, 10);

        assertEquals(longAgo + TimeUnit.MILLISECONDS.toNanos(300), schedule.awaitDue(3));
    }

    @Test
    void an_open_loop_waits_until_a_request_is_due() {
        long start = System.nanoTime();
        LoadSchedule schedule = LoadSchedule.openLoopOf(start, 10, 20);

        long due = schedule.awaitDue(1);

        assertEquals(start + TimeUnit.MILLISECONDS.toNanos(50), due);
        assertTrue(System.nanoTime() - due >= 0, "returned before the request was due");
    }

    @Test
    void a_closed_loop_counts_latency_from_the_actual_send() {
        LoadSchedule schedule = LoadSchedule.closedLoopOf(System.nanoTime() - TimeUnit.SECONDS.toNanos(5), 10);
        long before = System.nanoTime();

        long from = schedule.awaitDue(3);

        assertTrue(from - before >= 0, "latency would count from before the send");
    }
}
