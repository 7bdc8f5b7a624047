package coffee.bootstrap;

import coffee.adapter.cli.CommandFailedException;
import coffee.adapter.cli.ExitCodes;
import coffee.adapter.kafka.broker.BrokerNode;
import coffee.adapter.kafka.broker.EmbeddedKafkaBroker;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The embedded Kafka broker as a role of its own (`coffee broker`, and inside `coffee serve`):
 * a single node, or one node of a quorum named by {@code broker.voters}.
 */
final class BrokerRole implements AutoCloseable {

    private final EmbeddedKafkaBroker broker;
    private final String name;

    private BrokerRole(EmbeddedKafkaBroker broker, String name) {
        this.broker = broker;
        this.name = name;
    }

    static BrokerRole start(Configuration config) {
        long started = System.nanoTime();
        BrokerNode node = node(config);
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(node);
        String name = node.quorumSize() == 1 ? "Kafka broker"
                : "Kafka node " + node.nodeId() + " (of a quorum of " + node.quorumSize() + ")";
        Lifecycle.ANNOUNCE.log(Level.INFO, String.format(Locale.ROOT,
                "%s ready in %s ms on %s, pid %d, data in %s", name,
                Duration.ofNanos(System.nanoTime() - started).toMillis(), broker.bootstrapServers(),
                ProcessHandle.current().pid(), node.dataDir()));
        return new BrokerRole(broker, name);
    }

    /** The node the settings describe; settings that contradict each other are a configuration error. */
    static BrokerNode node(Configuration config) {
        Path dataDir = config.get(Settings.BROKER_DATA_DIR).toAbsolutePath().normalize();
        List<String> voters = config.get(Settings.BROKER_VOTERS);
        try {
            return new BrokerNode(config.get(Settings.BROKER_NODE_ID), config.get(Settings.BROKER_HOST),
                    config.get(Settings.BROKER_PORT), config.get(Settings.BROKER_CONTROLLER_PORT), voters,
                    config.get(Settings.BROKER_CLUSTER_ID), dataDir);
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException(ExitCodes.CONFIGURATION, "invalid " + Settings.BROKER_VOTERS.names()
                    + " with " + Settings.BROKER_NODE_ID.names() + " and " + Settings.BROKER_CONTROLLER_PORT.names()
                    + ": " + e.getMessage(), e);
        }
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    public void close() {
        broker.close();
        Lifecycle.ANNOUNCE.log(Level.INFO, name + " stopped");
    }
}
