package coffee.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Finding Logback's context while SLF4J may still be starting on another thread. */
class LoggingTest {

    @Test
    void a_stand_in_handed_out_while_logging_starts_elsewhere_is_waited_out() {
        StringBuilder context = new StringBuilder("the real one");
        Iterator<Object> answers = List.<Object>of("a stand-in", "a stand-in", context).iterator();

        assertSame(context, Logging.firstOfType(answers::next, StringBuilder.class, Duration.ofSeconds(5)));
        assertTrue(!answers.hasNext(), "asked until the real one came");
    }

    @Test
    void a_stand_in_that_never_goes_is_a_clear_error_not_a_class_cast() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Logging.firstOfType(() -> "a stand-in", StringBuilder.class, Duration.ofMillis(20)));

        assertEquals("logging did not start: java.lang.String where java.lang.StringBuilder was expected", e.getMessage());
    }
}
