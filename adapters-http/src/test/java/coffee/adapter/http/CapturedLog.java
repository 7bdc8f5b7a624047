package coffee.adapter.http;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/**
 * What one logger writes while a test runs, kept instead of printed: the logger is set to
 * {@code level} and stops passing its lines on to the console; {@link #close()} puts both back.
 * A line written after the answer has gone out (the access log's) is waited for with
 * {@link #await}, which returns as soon as it is there.
 */
public final class CapturedLog implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final Logger logger;
    private final Level levelBefore;
    private final boolean additiveBefore;
    private final List<ILoggingEvent> events = new ArrayList<>();
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            synchronized (events) {
                events.add(event);
                events.notifyAll();
            }
        }
    };

    private CapturedLog(String name, Level level) {
        logger = (Logger) LoggerFactory.getLogger(name);
        levelBefore = logger.getLevel();
        additiveBefore = logger.isAdditive();
        appender.setContext(logger.getLoggerContext());
        appender.start();
        logger.addAppender(appender);
        logger.setAdditive(false);
        logger.setLevel(level);
    }

    public static CapturedLog of(String loggerName, Level level) {
        return new CapturedLog(loggerName, level);
    }

    /** Every line so far, as {@code LEVEL message}. */
    public List<String> lines() {
        synchronized (events) {
            return events.stream().map(event -> event.getLevel() + " " + event.getFormattedMessage()).toList();
        }
    }

    /** The first line that matches, waiting for it a while; empty if none came. */
    public Optional<String> await(Predicate<String> matching) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        synchronized (events) {
            while (true) {
                Optional<String> found = lines().stream().filter(matching).findFirst();
                long left = deadline - System.nanoTime();
                if (found.isPresent() || left <= 0) {
                    return found;
                }
                events.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
        logger.setLevel(levelBefore);
        logger.setAdditive(additiveBefore);
    }
}
