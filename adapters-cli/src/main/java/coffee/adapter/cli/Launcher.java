package coffee.adapter.cli;

import coffee.application.port.in.PlaceOrder;
import coffee.application.port.in.ProjectOrderEvents;
import coffee.application.port.in.WatchOrder;
import java.util.Map;

/**
 * What the CLI needs from whoever wires the system (bootstrap): starting roles and reaching
 * the application core. Settings are passed as given on the command line, by setting key
 * (for example {@code server.port}); the launcher validates them and merges them with the
 * environment, the config file and the defaults.
 */
public interface Launcher {

    /**
     * Runs a role until the process is asked to stop (SIGINT/SIGTERM), then shuts it down in
     * order and returns.
     *
     * @throws CommandFailedException with a one-line message when the role cannot start
     */
    void serve(Role role, Map<String, String> settings) throws Exception;

    /**
     * Connects the ordering use cases directly to Kafka (no HTTP). Statuses published from
     * now on are followed, so {@link Ordering#watchOrder()} sees an order placed afterwards.
     */
    Ordering openOrdering(Map<String, String> settings) throws Exception;

    /**
     * Follows the status topic from now on and hands every status change to {@code sink}, on
     * one thread, until closed. Returns once it is positioned at the end of the topic, so every
     * status published after it returns reaches the sink.
     *
     * @throws CommandFailedException with a one-line message when Kafka cannot be reached
     */
    AutoCloseable followStatuses(Map<String, String> settings, ProjectOrderEvents sink) throws Exception;

    /**
     * Where the producer's API is, for the commands that talk HTTP and were given no {@code
     * --url}: the URL the producer would listen on with these settings ({@code server.port},
     * {@code server.host} when it names one host), on this machine unless the host says otherwise.
     *
     * @throws CommandFailedException with a one-line message when the settings are invalid or
     *     name no port to call (port 0: a free one, chosen at start-up)
     */
    String producerUrl(Map<String, String> settings);

    /** The long-running roles. */
    enum Role {
        /** Embedded broker (unless brokers are configured), producer and consumer in one process. */
        ALL_IN_ONE,
        PRODUCER,
        CONSUMER,
        BROKER
    }

    /**
     * Ordering through the application core, for as long as it is open.
     *
     * @param onClose what closing it releases (its Kafka clients)
     */
    record Ordering(PlaceOrder placeOrder, WatchOrder watchOrder, Runnable onClose) implements AutoCloseable {

        @Override
        public void close() {
            onClose.run();
        }
    }
}
