package coffee.bootstrap;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What a failed start means: the role's own failure, or the stop the user asked for. */
class LifecycleTest {

    @Test
    void a_start_that_fails_while_the_process_stops_was_stopped_not_failed() {
        // what SIGTERM during a producer's start did: Helidon's web client could not add its hook
        Error helidonsLastWords = new ExceptionInInitializerError(new IllegalStateException("Shutdown in progress"));

        assertTrue(Lifecycle.stoppedWhileStarting(helidonsLastWords, true));
        assertTrue(Lifecycle.stoppedWhileStarting(new IllegalStateException("Shutdown in progress"), true));
    }

    @Test
    void a_start_that_fails_with_nobody_asking_to_stop_failed() {
        assertFalse(Lifecycle.stoppedWhileStarting(new IllegalStateException("port taken"), false));
    }

    @Test
    void a_wait_for_kafka_ended_by_a_stop_is_a_stop() {
        assertTrue(Lifecycle.stoppedWhileStarting(new Lifecycle.StoppedWhileStarting(), false));
    }
}
