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
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real, single-node Kafka broker (KRaft: broker and controller in one) running inside this
 * process. It is Kafka's own server code, not a mock: what works against it works against a
 * cluster. Used by {@code coffee serve}, {@code coffee broker} and the integration tests.
 *
 * <p>Data lives in the given directory and survives restarts, so orders do too.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EmbeddedKafkaBroker.class.getName());

    private final KafkaRaftServer server;
    private final int port;
    private final Path dataDir;

    private EmbeddedKafkaBroker(KafkaRaftServer server, int port, Path dataDir) {
        this.server = server;
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
        int clientPort = port == 0 ? freePort() : port;
        // the controller port may change between runs: the quorum is static, not stored
        int controllerPort = freePort();
        try {
            Files.createDirectories(dataDir);
            Path logDir = dataDir.resolve("data").toAbsolutePath();
            Path configFile = dataDir.resolve("server.properties");
            Properties properties = brokerProperties(logDir, clientPort, controllerPort);
            try (var out = Files.newOutputStream(configFile)) {
                properties.store(out, "written by coffee at every start; edits are overwritten");
            }
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(configFile);
            }
            requirePortFree(clientPort);
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
            server.startup();
            LOG.log(System.Logger.Level.DEBUG, "embedded Kafka broker started on 127.0.0.1:{0}", clientPort);
            return new EmbeddedKafkaBroker(server, clientPort, dataDir);
        } catch (IOException e) {
            throw new BrokerStartException("cannot prepare Kafka data directory " + dataDir + ": " + e.getMessage(), e);
        } catch (BrokerStartException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BrokerStartException("embedded Kafka broker failed to start: " + e.getMessage(), e);
        }
    }

    private static Properties brokerProperties(Path logDir, int clientPort, int controllerPort) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", logDir.toString());
        // one node: every internal topic has exactly one replica
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // topics are created by the application with the right settings, never by accident
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("log.cleaner.backoff.ms", "5000");
        return p;
    }

    /** Prepares empty storage, once: formatting again would give the data a new cluster id. */
    private static void format(Path configFile) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int status;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            status = StorageTool.execute(new String[] {
                "format", "--config", configFile.toString(),
                "--cluster-id", Uuid.randomUuid().toString(),
                "--ignore-formatted"}, out);
        }
        if (status != 0) {
            throw new BrokerStartException("formatting Kafka storage failed: "
                    + output.toString(StandardCharsets.UTF_8).strip(), null);
        }
    }

    private static void requirePortFree(int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
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

    /** Where clients connect: {@code 127.0.0.1:<port>}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
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
