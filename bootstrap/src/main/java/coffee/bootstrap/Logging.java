package coffee.bootstrap;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Sets up logging for the whole process, in code (no XML to drift from the settings): one
 * line per event on stderr, text or JSON, written by a background thread so request threads
 * never wait on the console. Kafka's own logging stays at WARN.
 */
final class Logging {

    private static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{0} - %msg%n%ex";
    /** Enough room for bursts of access-log lines; a full queue slows writers rather than losing lines. */
    private static final int QUEUE_SIZE = 16_384;
    /** The parent of this system's loggers: each is named after its class. */
    private static final String OWN_LOGGERS = "coffee";

    private Logging() {
    }

    /** Long-running roles: this system's logs at {@code level}, libraries quieter. */
    static void forService(String level, String format) {
        Level ours = Level.toLevel(level.toUpperCase(Locale.ROOT), Level.INFO);
        configure(ours, format, Level.WARN);
        if (ours.isGreaterOrEqual(Level.WARN)) {
            // where a role listens, and that it stopped, shows at every level (Lifecycle.ANNOUNCE)
            context().getLogger(Lifecycle.class.getName()).setLevel(Level.INFO);
        }
    }

    /**
     * One-shot commands (`coffee order`): only warnings, and nothing from Kafka's clients short
     * of an error, so a failure reads as one line of the command's own. {@code debug} and
     * {@code trace} are asked for to see more: then this system's own logs at that level (the
     * failure's stack trace among them) and Kafka's warnings, not the JDK's and libraries' debug
     * chatter. Lenient: the level may come straight from the environment, before the
     * configuration is checked; anything else is the quiet default.
     */
    static void forCommandLineTool(String level, String format) {
        Level wanted = level == null ? Level.WARN : Level.toLevel(level.strip().toUpperCase(Locale.ROOT), Level.WARN);
        if (wanted.isGreaterOrEqual(Level.INFO)) {
            configure(wanted.isGreaterOrEqual(Level.WARN) ? wanted : Level.WARN, format, Level.ERROR);
        } else {
            configure(Level.WARN, format, Level.WARN);
            context().getLogger(OWN_LOGGERS).setLevel(wanted);
        }
    }

    /**
     * Logback's context. While SLF4J initialises on another thread, it hands out a stand-in
     * instead: SIGTERM in the first second of a start makes the JDK log {@code Runtime.exit} from
     * the signal's thread, and casting the stand-in ended the start with a stack trace.
     */
    private static LoggerContext context() {
        return firstOfType(LoggerFactory::getILoggerFactory, LoggerContext.class, SLF4J_PATIENCE);
    }

    private static final Duration SLF4J_PATIENCE = Duration.ofSeconds(10);

    /** Asks {@code source} until it gives a {@code type}, for up to {@code patience}. */
    static <T> T firstOfType(Supplier<?> source, Class<T> type, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Object given = source.get();
            if (type.isInstance(given)) {
                return type.cast(given);
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("logging did not start: " + given.getClass().getName()
                        + " where " + type.getName() + " was expected");
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    private static void configure(Level level, String format, Level kafkaLevel) {
        LoggerContext context = context();
        context.reset();

        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        console.setTarget("System.err");
        console.setEncoder(encoder(context, format));
        console.start();

        AsyncAppender async = new AsyncAppender();
        async.setContext(context);
        async.setName("async");
        async.setQueueSize(QUEUE_SIZE);
        async.setDiscardingThreshold(0);
        async.setIncludeCallerData(false);
        async.addAppender(console);
        async.start();

        KafkaLogNoise kafkaNoise = new KafkaLogNoise(!level.isGreaterOrEqual(Level.INFO));
        kafkaNoise.setContext(context);
        kafkaNoise.start();
        context.addTurboFilter(kafkaNoise);

        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(level);
        root.addAppender(async);
        context.getLogger("org.apache.kafka").setLevel(kafkaLevel);
        context.getLogger("kafka").setLevel(kafkaLevel);
        context.getLogger("state.change.logger").setLevel(kafkaLevel);
        // the embedded broker's controller says at WARN that a fresh data directory is empty: it is meant to be
        context.getLogger("org.apache.kafka.controller.QuorumController").setLevel(Level.ERROR);
        context.getLogger("io.helidon").setLevel(level.isGreaterOrEqual(Level.WARN) ? level : Level.INFO);

        // anything still logging through java.util.logging lands here too
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }

    private static Encoder<ILoggingEvent> encoder(LoggerContext context, String format) {
        if ("json".equals(format)) {
            JsonLogLayout layout = new JsonLogLayout();
            layout.setContext(context);
            layout.start();
            LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
            encoder.setContext(context);
            encoder.setLayout(layout);
            encoder.start();
            return encoder;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(TEXT_PATTERN);
        encoder.start();
        return encoder;
    }

    /** Flushes what is queued; call before the process exits. */
    static void flush() {
        context().stop();
    }
}
