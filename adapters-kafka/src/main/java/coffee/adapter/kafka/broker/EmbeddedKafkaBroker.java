package coffee.adapter.kafka.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.utils.Time;

/**
 * A real Kafka broker (KRaft: broker and controller in one) running inside this process: a
 * single node, or one node of a quorum ({@link BrokerNode}). It is Kafka's own server code, not
 * a mock: what works against it works against a cluster. Used by {@code coffee serve}, {@code
 * coffee broker} (one node, or each node of {@code --nodes 3} in its own process) and the
 * integration tests.
 *
 * <p>Data lives in the given directory and survives restarts, so orders do too.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EmbeddedKafkaBroker.class.getName());

    /**
     * Nodes of a quorum notice a dead or frozen peer after this long (Kafka's default is 9 s):
     * its partitions get new leaders within seconds, which bounds the producers' {@code 503}s.
     * Heartbeats every 250 ms leave six chances to miss before a node is fenced. 1.5 s (was 3 s)
     * took a controller kill's refused orders from 88-200 to 1-27 (docs/operations.md).
     */
    private static final String SESSION_TIMEOUT_MS = "1500";
    private static final String HEARTBEAT_INTERVAL_MS = "250";
    /**
     * When the node that dies also leads the metadata quorum, nobody can fence it until the
     * others elect a new quorum leader: they wait this long without a fetch answered (Kafka's
     * default 2 s), then up to the election timeout (1 s), before the 1.5 s above even starts.
     * That was the slow leader kills: new partition leaders 4.7 s after the kill, against
     * 1.4-1.5 s when the victim did not lead the quorum (docs/operations.md, ninth run).
     */
    private static final String QUORUM_FETCH_TIMEOUT_MS = "1000";
    private static final String QUORUM_ELECTION_TIMEOUT_MS = "500";
    /**
     * A follower that fetches nothing for this long leaves the in-sync replicas, so writes
     * with acks=all stop waiting for it (Kafka's default is 30 s).
     */
    private static final String REPLICA_LAG_MS = "10000";

    private final KafkaRaftServer server;
    private final String host;
    private final int port;
    private final Path dataDir;

    private EmbeddedKafkaBroker(KafkaRaftServer server, String host, int port, Path dataDir) {
        this.server = server;
        this.host = host;
        this.port = port;
        this.dataDir = dataDir;
    }

    /**
     * Formats {@code dataDir} on first use, starts the broker and returns once it accepts
     * clients.
     *
     * @param port the client port; 0 picks a free one
     * @throws BrokerStartException if the broker cannot start (for example, port in use)
     */
    public static EmbeddedKafkaBroker start(Path dataDir, int port) {
        return start(BrokerNode.single(dataDir, port));
    }

    /**
     * Formats the node's storage on first use, starts it and returns once it accepts clients;
     * a node of a quorum returns once enough of the other voters are up to elect a controller.
     *
     * @throws BrokerStartException if the node cannot start (for example, port in use)
     */
    public static EmbeddedKafkaBroker start(BrokerNode node) {
        Path dataDir = node.dataDir();
        int clientPort = node.clientPort() == 0 ? freePort() : node.clientPort();
        // a single node's controller port may change between runs: the quorum is static, not stored
        int controllerPort = node.controllerPort() == 0 ? freePort() : node.controllerPort();
        try {
            Files.createDirectories(dataDir);
            Path logDir = dataDir.resolve("data").toAbsolutePath();
            Path configFile = dataDir.resolve("server.properties");
            Properties properties = brokerProperties(node, logDir, clientPort, controllerPort);
            try (var out = Files.newOutputStream(configFile)) {
                properties.store(out, "written by coffee at every start; edits are overwritten");
            }
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(configFile, node.clusterIdToFormat());
            }
            requirePortFree(node.host(), clientPort);
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
            server.startup();
            LOG.log(System.Logger.Level.DEBUG, "embedded Kafka node {0} started on {1}:{2}",
                    node.nodeId(), node.host(), Integer.toString(clientPort));
            return new EmbeddedKafkaBroker(server, node.host(), clientPort, dataDir);
        } catch (IOException e) {
            throw new BrokerStartException("cannot prepare Kafka data directory " + dataDir + ": " + e.getMessage(), e);
        } catch (BrokerStartException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BrokerStartException("embedded Kafka broker failed to start: " + e.getMessage(), e);
        }
    }

    static Properties brokerProperties(BrokerNode node, Path logDir, int clientPort, int controllerPort) {
        String host = listenerHost(node.host());
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", Integer.toString(node.nodeId()));
        p.setProperty("controller.quorum.voters", node.voters().isEmpty()
                ? node.nodeId() + "@" + host + ":" + controllerPort
                : String.join(",", node.voters()));
        p.setProperty("listeners", "PLAINTEXT://" + host + ":" + clientPort + ",CONTROLLER://" + host + ":" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://" + host + ":" + clientPort);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", logDir.toString());
        // internal topics: as many replicas as there are nodes, up to 3; with 3, one may be lost
        String replicas = Integer.toString(Math.min(3, node.quorumSize()));
        String minInSync = node.quorumSize() >= 3 ? "2" : "1";
        p.setProperty("offsets.topic.replication.factor", replicas);
        p.setProperty("offsets.topic.num.partitions", node.quorumSize() > 1 ? "3" : "1");
        p.setProperty("transaction.state.log.replication.factor", replicas);
        p.setProperty("transaction.state.log.min.isr", minInSync);
        p.setProperty("share.coordinator.state.topic.replication.factor", replicas);
        p.setProperty("share.coordinator.state.topic.min.isr", minInSync);
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        if (node.quorumSize() > 1) {
            // topics created without a replication factor (Kafka Streams' changelogs of the view) are kept as safe
            p.setProperty("default.replication.factor", replicas);
            p.setProperty("min.insync.replicas", minInSync);
            p.setProperty("broker.heartbeat.interval.ms", HEARTBEAT_INTERVAL_MS);
            p.setProperty("broker.session.timeout.ms", SESSION_TIMEOUT_MS);
            p.setProperty("controller.quorum.fetch.timeout.ms", QUORUM_FETCH_TIMEOUT_MS);
            p.setProperty("controller.quorum.election.timeout.ms", QUORUM_ELECTION_TIMEOUT_MS);
            p.setProperty("controller.quorum.election.backoff.max.ms", QUORUM_ELECTION_TIMEOUT_MS);
            p.setProperty("replica.lag.time.max.ms", REPLICA_LAG_MS);
        }
        // topics are created by the application with the right settings, never by accident
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("log.cleaner.backoff.ms", "5000");
        // the cleaner's buffer is taken from the heap at start (Kafka's default 128 MiB): a node of
        // a local cluster runs in a small heap (256 MiB in the tests), where it failed to start
        // with OutOfMemoryError. 16 MiB still dedupes some 600,000 order ids per pass
        p.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(16 << 20));
        return p;
    }

    /** Prepares empty storage, once: formatting again would give the data a new cluster id. */
    private static void format(Path configFile, String clusterId) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int status;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            status = StorageTool.execute(new String[] {
                "format", "--config", configFile.toString(),
                "--cluster-id", clusterId,
                "--ignore-formatted"}, out);
        }
        if (status != 0) {
            throw new BrokerStartException("formatting Kafka storage failed: "
                    + output.toString(StandardCharsets.UTF_8).strip(), null);
        }
    }

    private static void requirePortFree(String host, int port) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (java.net.UnknownHostException e) {
            throw new BrokerStartException("the broker's host " + host + " does not resolve", e);
        }
        try (ServerSocket probe = new ServerSocket(port, 1, address)) {
            probe.setReuseAddress(true);
        } catch (IOException e) {
            throw new BrokerStartException("port " + port + " is in use; is another Kafka broker running there? "
                    + "Point KAFKA_BROKERS at it, or pick another port", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    /** IPv6 literals go in brackets in a listener's address. */
    private static String listenerHost(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** Where clients connect: {@code <host>:<port>}, {@code 127.0.0.1:<port>} for the local broker. */
    public String bootstrapServers() {
        return listenerHost(host) + ":" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Stops the broker and waits until it has; its data stays for the next start. */
    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    /** The broker could not start; the message says why in words. */
    public static final class BrokerStartException extends RuntimeException {

        public BrokerStartException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
