package coffee.bootstrap;

import coffee.adapter.kafka.broker.ClusterProbe;
import coffee.adapter.kafka.broker.EmbeddedKafkaBroker.BrokerStartException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.Uuid;

/**
 * {@code coffee broker --nodes 3}: a local KRaft cluster of that many nodes, each broker and
 * controller, each in a process of its own so that one can be killed like a machine failing.
 * Node {@code n} listens for clients on {@code broker.port + n - 1} and keeps its data in
 * {@code <broker.data_dir>-<n>}. A node that ends is not restarted (the others keep serving);
 * stopping this process stops every node still running.
 */
final class LocalClusterRole implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LocalClusterRole.class.getName());
    /** The environment variable that tells a node to stop when the process that started it ends. */
    static final String STOP_WITH_PID = "COFFEE_STOP_WITH_PID";
    /** Three JVMs starting at once on two cores take a while; a node that cannot start ends sooner. */
    private static final Duration START_PATIENCE = Duration.ofSeconds(120);
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(60);

    private final List<Node> nodes;
    private volatile boolean stopping;

    private LocalClusterRole(List<Node> nodes) {
        this.nodes = nodes;
    }

    /** One node: its id, its command line and its process. */
    private record Node(int id, int clientPort, List<String> arguments, Process process) {
    }

    static LocalClusterRole start(Configuration config) throws InterruptedException {
        long started = System.nanoTime();
        int count = config.get(Settings.BROKER_NODES);
        String host = config.get(Settings.BROKER_HOST);
        int firstPort = config.get(Settings.BROKER_PORT);
        if (firstPort == 0) {
            throw new BrokerStartException(Settings.BROKER_PORT.names() + " is 0: a local cluster needs a first port, "
                    + "its nodes listen on the ones after it", null);
        }
        Path dataDir = config.get(Settings.BROKER_DATA_DIR).toAbsolutePath().normalize();
        List<Integer> controllerPorts = IntStream.range(0, count).mapToObj(i -> freePort()).toList();
        String voters = IntStream.range(0, count)
                .mapToObj(i -> (i + 1) + "@" + host + ":" + controllerPorts.get(i)).collect(Collectors.joining(","));
        String clusterId = existingClusterId(dataDir, count).orElseGet(() -> Uuid.randomUuid().toString());

        for (int i = 0; i < count; i++) {
            requirePortFree(firstPort + i, i + 1);
        }
        List<Node> nodes = new ArrayList<>();
        String brokers = IntStream.range(0, count).mapToObj(i -> host + ":" + (firstPort + i))
                .collect(Collectors.joining(","));
        LocalClusterRole cluster = new LocalClusterRole(nodes);
        try {
            for (int i = 0; i < count; i++) {
                int id = i + 1;
                List<String> arguments = List.of("broker", "--nodes", "1", "--node-id", Integer.toString(id),
                        "--host", host, "--broker-port", Integer.toString(firstPort + i),
                        "--controller-port", Integer.toString(controllerPorts.get(i)), "--voters", voters,
                        "--cluster-id", clusterId, "--data-dir", nodeDataDir(dataDir, id).toString());
                nodes.add(new Node(id, firstPort + i, arguments, launch(arguments)));
            }
            nodes.forEach(cluster::reportWhenEnded);
            if (!ClusterProbe.await(brokers, count, START_PATIENCE,
                    () -> nodes.stream().anyMatch(node -> !node.process().isAlive()))) {
                String ended = nodes.stream().filter(node -> !node.process().isAlive())
                        .map(node -> "node " + node.id() + " ended with exit code " + node.process().exitValue())
                        .collect(Collectors.joining(", "));
                throw new BrokerStartException(ended.isEmpty()
                        ? "the local Kafka cluster did not come up within " + START_PATIENCE.toSeconds()
                                + " s; each node's output above says why"
                        : "the local Kafka cluster did not come up: " + ended + "; its output above says why", null);
            }
            for (Node node : nodes) {
                Lifecycle.ANNOUNCE.log(Level.INFO, String.format(Locale.ROOT, "Kafka node %d on %s:%d, pid %d, data in %s",
                        node.id(), host, node.clientPort(), node.process().pid(), nodeDataDir(dataDir, node.id())));
            }
            Lifecycle.ANNOUNCE.log(Level.INFO, String.format(Locale.ROOT,
                    "Kafka cluster of %d nodes ready in %d ms: KAFKA_BROKERS=%s (voters %s, cluster id %s; Ctrl+C stops all)",
                    count, Duration.ofNanos(System.nanoTime() - started).toMillis(), brokers, voters, clusterId));
            return cluster;
        } catch (RuntimeException | InterruptedException e) {
            cluster.close();
            throw e;
        }
    }

    static Path nodeDataDir(Path dataDir, int nodeId) {
        return dataDir.resolveSibling(dataDir.getFileName() + "-" + nodeId);
    }

    /**
     * The id the nodes' storage was formatted with, if any was: a cluster started again keeps
     * its data (formatting with another id would not match it).
     */
    private static Optional<String> existingClusterId(Path dataDir, int count) {
        for (int id = 1; id <= count; id++) {
            Path meta = nodeDataDir(dataDir, id).resolve("data").resolve("meta.properties");
            if (Files.isRegularFile(meta)) {
                Properties properties = new Properties();
                try (InputStream in = Files.newInputStream(meta)) {
                    properties.load(in);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + meta, e);
                }
                Optional<String> found = Optional.ofNullable(properties.getProperty("cluster.id"));
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static Process launch(List<String> arguments) {
        ProcessBuilder builder = new ProcessBuilder(CoffeeJvm.command(arguments)).inheritIO();
        // a node outlives nothing: if this process is killed, its nodes stop by themselves
        builder.environment().put(STOP_WITH_PID, Long.toString(ProcessHandle.current().pid()));
        try {
            return builder.start();
        } catch (IOException e) {
            throw new BrokerStartException("cannot start a Kafka node process: " + e.getMessage(), e);
        }
    }

    private void reportWhenEnded(Node node) {
        node.process().onExit().thenAccept(process -> {
            if (!stopping) {
                LOG.log(Level.WARNING, () -> String.format(Locale.ROOT,
                        "Kafka node %d (pid %d) ended with exit code %d; the other nodes keep running. "
                                + "Start it again with: coffee %s", node.id(), process.pid(), process.exitValue(),
                        String.join(" ", node.arguments())));
            }
        });
    }

    private static void requirePortFree(int port, int nodeId) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            probe.setReuseAddress(true);
        } catch (IOException e) {
            throw new BrokerStartException("port " + port + " (node " + nodeId + ") is in use; is another Kafka "
                    + "broker running there? Pick other ports with --broker-port", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    /**
     * Asks every node still running to stop (SIGTERM), all at once as Ctrl+C in a terminal
     * does, and waits for them. The quorum's leader, left without voters to hand over to, waits
     * 5 s for a successor before it stops (its data is safe): stopping it first would not
     * help, as the next leader would wait the same.
     */
    @Override
    public void close() {
        stopping = true;
        nodes.stream().map(Node::process).filter(Process::isAlive).forEach(process -> process.toHandle().destroy());
        nodes.forEach(LocalClusterRole::stop);
        Lifecycle.ANNOUNCE.log(Level.INFO, "Kafka cluster stopped");
    }

    /** SIGTERM, then waits for the node to end; kills it if it does not within the patience. */
    private static void stop(Node node) {
        node.process().toHandle().destroy();
        try {
            if (!node.process().waitFor(STOP_PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "Kafka node " + node.id() + " did not stop within "
                        + STOP_PATIENCE.toSeconds() + " s: killed");
                node.process().toHandle().destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            node.process().toHandle().destroyForcibly();
        }
    }
}
