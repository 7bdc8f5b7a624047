package coffee.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * {@code coffee broker --nodes 3} as a test drives it: started as a user would, each node's pid
 * read from what it prints, and the faults a machine can have: killed, stopped, frozen. A node
 * killed or stopped is started again with the flags of one node of a quorum, as the cluster's
 * log says to.
 */
final class LocalCluster implements AutoCloseable {

    static final int NODES = 3;
    private static final Pattern NODE = Pattern.compile("Kafka node (\\d+) on ([^:]+):(\\d+), pid (\\d+)");
    private static final Pattern QUORUM = Pattern.compile("voters (\\S+), cluster id (\\S+);");
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    private final CoffeeProcess supervisor;
    private final Path dataDir;
    private final int firstPort;
    private final String voters;
    private final String clusterId;
    private final Map<Integer, Long> pids = new HashMap<>();
    /** Nodes this test started again itself, by id: the supervisor's own node of that id is gone. */
    private final Map<Integer, CoffeeProcess> restarted = new HashMap<>();
    private final List<CoffeeProcess> ended = new ArrayList<>();

    private LocalCluster(CoffeeProcess supervisor, Path dataDir, int firstPort) {
        this.supervisor = supervisor;
        this.dataDir = dataDir;
        this.firstPort = firstPort;
        Matcher quorum = QUORUM.matcher(supervisor.awaitLine(line -> QUORUM.matcher(line).find(), PATIENCE));
        quorum.find();
        this.voters = quorum.group(1);
        this.clusterId = quorum.group(2);
        for (String line : supervisor.output()) {
            Matcher node = NODE.matcher(line);
            if (node.find()) {
                pids.put(Integer.parseInt(node.group(1)), Long.parseLong(node.group(4)));
            }
        }
        if (pids.size() != NODES) {
            throw new AssertionError("expected the pid of each of " + NODES + " nodes: " + pids);
        }
    }

    static LocalCluster start(Path dataDir) {
        int firstPort = freeConsecutivePorts(NODES);
        CoffeeProcess supervisor = CoffeeProcess.start("cluster", Map.of(), "broker", "--nodes", Integer.toString(NODES),
                "--broker-port", Integer.toString(firstPort), "--data-dir", dataDir.resolve("kafka").toString());
        try {
            return new LocalCluster(supervisor, dataDir, firstPort);
        } catch (RuntimeException | Error e) {
            try {
                supervisor.close();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            throw e;
        }
    }

    String bootstrapServers() {
        return java.util.stream.IntStream.range(0, NODES).mapToObj(i -> "127.0.0.1:" + (firstPort + i))
                .collect(Collectors.joining(","));
    }

    CoffeeProcess supervisor() {
        return supervisor;
    }

    long pid(int node) {
        return restarted.containsKey(node) ? restarted.get(node).pid() : pids.get(node);
    }

    /** SIGKILL: the node gets no chance to hand anything over. */
    void kill(int node) throws InterruptedException {
        ProcessHandle process = handle(node);
        process.destroyForcibly();
        awaitEnd(process);
    }

    /** SIGTERM: a controlled shutdown, leadership moved away first. */
    void stop(int node) throws InterruptedException {
        ProcessHandle process = handle(node);
        process.destroy();
        awaitEnd(process);
    }

    /** SIGSTOP: the node is there, holds its connections, and answers nothing. */
    void freeze(int node) throws IOException, InterruptedException {
        signal("-STOP", pid(node));
    }

    /** SIGCONT. */
    void thaw(int node) throws IOException, InterruptedException {
        signal("-CONT", pid(node));
    }

    /** Starts a node that ended again, with the flags of one node of a quorum, and waits until it is up. */
    void restart(int node) {
        CoffeeProcess previous = restarted.remove(node);
        if (previous != null) {
            ended.add(previous);
        }
        String controllerPort = voters.split(",")[node - 1].replaceAll(".*:", "");
        CoffeeProcess process = CoffeeProcess.start("node-" + node, Map.of(), "broker", "--nodes", "1",
                "--node-id", Integer.toString(node), "--host", "127.0.0.1",
                "--broker-port", Integer.toString(firstPort + node - 1), "--controller-port", controllerPort,
                "--voters", voters, "--cluster-id", clusterId,
                "--data-dir", dataDir.resolve("kafka-" + node).toString());
        restarted.put(node, process);
        process.awaitLine(line -> line.contains("Kafka node " + node + " (of a quorum of 3) ready"), PATIENCE);
    }

    /** The node that leads most partitions of {@code topic}. */
    int leaderOfMostPartitions(String topic) throws Exception {
        return leaderOfMostPartitions(topic, Set.of());
    }

    /** The same among the nodes not excluded (one that leads nothing counts, with none). */
    int leaderOfMostPartitions(String topic, Set<Integer> excluded) throws Exception {
        try (Admin admin = admin()) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get(topic);
            Map<Integer, Long> led = new HashMap<>();
            for (int node = 1; node <= NODES; node++) {
                led.put(node, 0L);
            }
            description.partitions().forEach(p -> led.merge(p.leader().id(), 1L, Long::sum));
            return led.entrySet().stream().filter(entry -> !excluded.contains(entry.getKey()))
                    .max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        }
    }

    /** The node leading the metadata quorum: the active controller. */
    int activeController() throws Exception {
        try (Admin admin = admin()) {
            return admin.describeMetadataQuorum().quorumInfo().get(10, TimeUnit.SECONDS).leaderId();
        }
    }

    /** Waits until every partition of the topics has all its replicas in sync again. */
    void awaitAllInSync(Collection<String> topics) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        String last = "not asked yet";
        while (System.nanoTime() < deadline) {
            try (Admin admin = admin()) {
                Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames()
                        .get(5, TimeUnit.SECONDS);
                List<String> short_ = new ArrayList<>();
                for (TopicDescription description : descriptions.values()) {
                    for (TopicPartitionInfo partition : description.partitions()) {
                        if (partition.isr().size() < partition.replicas().size() || partition.leader() == null) {
                            short_.add(description.name() + "-" + partition.partition() + " isr " + partition.isr());
                        }
                    }
                }
                if (short_.isEmpty()) {
                    return;
                }
                last = short_.toString();
            } catch (ExecutionException | TimeoutException e) {
                last = e.toString();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("replicas not back in sync within " + PATIENCE.toSeconds() + " s: " + last);
    }

    /** The topic's replication factor and its min.insync.replicas. */
    Map<String, String> replication(String topic) throws Exception {
        try (Admin admin = admin()) {
            var resource = new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic);
            String minInSync = admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource)
                    .get("min.insync.replicas").value();
            int replicas = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic)
                    .partitions().get(0).replicas().size();
            return Map.of("replicas", Integer.toString(replicas), "min.insync.replicas", minInSync);
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000));
    }

    private ProcessHandle handle(int node) {
        return ProcessHandle.of(pid(node)).orElseThrow(() -> new AssertionError("node " + node + " is not running"));
    }

    private static void awaitEnd(ProcessHandle process) throws InterruptedException {
        try {
            process.onExit().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("pid " + process.pid() + " did not end", e);
        }
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        int exit = new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start().waitFor();
        if (exit != 0) {
            throw new AssertionError("kill " + signal + " " + pid + " exited with " + exit);
        }
    }

    /** A first port with the next {@code count - 1} free too, for nodes on consecutive ports. */
    private static int freeConsecutivePorts(int count) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int first;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                first = probe.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (first + count > 65_535) {
                continue;
            }
            boolean allFree = true;
            for (int port = first; port < first + count && allFree; port++) {
                try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                    probe.setReuseAddress(true);
                } catch (IOException e) {
                    allFree = false;
                }
            }
            if (allFree) {
                return first;
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free ports");
    }

    /**
     * Stops the cluster as a user does (SIGTERM to the supervisor, which stops its nodes), and
     * the nodes this test started again, all at once: stopped one after the other, the last
     * ones would wait for a quorum that is gone. Those still running after a while are killed.
     */
    @Override
    public void close() throws InterruptedException {
        // a node left frozen by a failed test would not hear the SIGTERM
        for (int node = 1; node <= NODES; node++) {
            thawQuietly(pid(node));
        }
        List<ProcessHandle> stopping = new ArrayList<>();
        ProcessHandle.of(supervisor.pid()).ifPresent(stopping::add);
        restarted.values().forEach(node -> ProcessHandle.of(node.pid()).ifPresent(stopping::add));
        stopping.forEach(ProcessHandle::destroy);
        for (ProcessHandle process : stopping) {
            try {
                process.onExit().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                process.destroyForcibly();
            }
        }
        supervisor.close();
        for (CoffeeProcess node : restarted.values()) {
            node.close();
        }
        for (CoffeeProcess node : ended) {
            node.close();
        }
    }

    private static void thawQuietly(long pid) {
        try {
            signal("-CONT", pid);
        } catch (IOException | InterruptedException | AssertionError e) {
            // it ended meanwhile
        }
    }
}
