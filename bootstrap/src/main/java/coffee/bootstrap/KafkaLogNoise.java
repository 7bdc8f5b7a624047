package coffee.bootstrap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Drops Kafka client warnings that say nothing this system does not say better, before they
 * cost anything: while a broker is unreachable, every client's network thread warns at each
 * reconnect ("Connection to node -1 ... could not be established", "Bootstrap broker ...
 * disconnected"), a couple of hundred lines a minute. The roles say it once per attempt
 * ("waiting for Kafka") or once per outage ("Kafka is not usable"). At {@code LOG_LEVEL=debug}
 * they are kept, for whoever digs into a connection problem.
 *
 * <p>And one warning is always dropped: on every stop of {@code serve} and {@code broker}, the
 * embedded broker's shutdown (Kafka 4.4) closes the NetworkClient of its controller
 * registration channel once more after it is closed, which warns "Attempting to close
 * NetworkClient that has already been closed." The second close does nothing, and the line
 * says nothing a user can act on.
 *
 * <p>And the two lines a KRaft node that leads its quorum writes when it stops while the other
 * voters stop too (Ctrl+C on {@code coffee broker --nodes 3} signals every node at once): it
 * waits 5 s for a successor that never comes, warns "Graceful shutdown timed out" and logs the
 * timeout again as an error with a stack trace. Its data is safe; it stops right after.
 *
 * <p>And two of Kafka Streams' (the producers' view): "Processing exception handler is not
 * enabled for the GlobalThread", which its internal clients repeat although the view enables it
 * and runs no global thread; and "Using an OS temp directory in the state.dir property" for the
 * throwaway state directories a producer on a free port (0) makes itself, which are meant to go.
 */
final class KafkaLogNoise extends TurboFilter {

    private static final String NETWORK_CLIENT = "org.apache.kafka.clients.NetworkClient";
    private static final String STREAMS_CONFIG = "org.apache.kafka.streams.StreamsConfig";
    private static final String RAFT_CLIENT = "org.apache.kafka.raft.KafkaRaftClient";
    private static final String RAFT_DRIVER = "org.apache.kafka.raft.KafkaRaftClientDriver";
    private static final String STATE_DIRECTORY = "org.apache.kafka.streams.processor.internals.StateDirectory";
    /** The prefix of the state directories ProducerRole makes for a producer on a free port. */
    static final String THROWAWAY_STATE = "coffee-view-";

    private final boolean keepConnectionAttempts;

    KafkaLogNoise(boolean keepConnectionAttempts) {
        this.keepConnectionAttempts = keepConnectionAttempts;
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        // format is null when a logger only asks whether a level is enabled: the hot path
        if (format == null) {
            return FilterReply.NEUTRAL;
        }
        if (STREAMS_CONFIG.equals(logger.getName())) {
            return format.contains("not enabled for the GlobalThread") ? FilterReply.DENY : FilterReply.NEUTRAL;
        }
        if (RAFT_CLIENT.equals(logger.getName()) || RAFT_DRIVER.equals(logger.getName())) {
            return format.contains("Graceful shutdown") ? FilterReply.DENY : FilterReply.NEUTRAL;
        }
        if (STATE_DIRECTORY.equals(logger.getName())) {
            return format.contains("OS temp directory") && mentions(format, params, THROWAWAY_STATE)
                    ? FilterReply.DENY : FilterReply.NEUTRAL;
        }
        if (!NETWORK_CLIENT.equals(logger.getName())) {
            return FilterReply.NEUTRAL;
        }
        if (!keepConnectionAttempts && isConnectionAttempt(format)) {
            return FilterReply.DENY;
        }
        if (format.contains("Attempting to close NetworkClient that has already been closed")) {
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }

    /** Whether the message, put together or in its parameters, contains {@code text}. */
    private static boolean mentions(String format, Object[] params, String text) {
        if (format.contains(text)) {
            return true;
        }
        if (params != null) {
            for (Object param : params) {
                if (String.valueOf(param).contains(text)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isConnectionAttempt(String format) {
        return format.contains("could not be established") || format.contains("Bootstrap broker");
    }
}
