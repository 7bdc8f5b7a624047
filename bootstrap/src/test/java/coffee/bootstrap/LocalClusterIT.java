package coffee.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code coffee broker --nodes 3} as a user runs it: three node processes, each one's port and
 * pid printed, data in a directory per node, and SIGTERM (as Ctrl+C) stopping all of them.
 * In the cluster profile with {@link ClusterFaultIT}: {@code ./mvnw verify -Pcluster}.
 */
class LocalClusterIT {

    private static final Pattern NODE = Pattern.compile("Kafka node (\\d+) on 127\\.0\\.0\\.1:(\\d+), pid (\\d+), data in (\\S+)");

    @TempDir
    Path dir;

    @Test
    void three_nodes_each_in_its_own_process_on_consecutive_ports_and_sigterm_stops_them_all() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(dir)) {
            CoffeeProcess supervisor = cluster.supervisor();
            List<Long> pids = new ArrayList<>();
            List<Integer> ports = new ArrayList<>();
            for (String line : supervisor.output()) {
                Matcher node = NODE.matcher(line);
                if (node.find()) {
                    ports.add(Integer.parseInt(node.group(2)));
                    pids.add(Long.parseLong(node.group(3)));
                    assertEquals(dir.resolve("kafka-" + node.group(1)).toString(), node.group(4));
                    assertTrue(Files.isRegularFile(dir.resolve("kafka-" + node.group(1)).resolve("data")
                            .resolve("meta.properties")), "formatted storage of node " + node.group(1));
                }
            }
            assertEquals(3, pids.size(), "a port and pid line per node");
            assertEquals(List.of(ports.get(0), ports.get(0) + 1, ports.get(0) + 2), ports, "consecutive ports");
            assertEquals(3, pids.stream().distinct().count(), "a process per node");
            assertTrue(pids.stream().noneMatch(pid -> pid == supervisor.pid()), "none in the supervisor's process");

            assertEquals(0, supervisor.stop(), "SIGTERM stops the cluster cleanly");
            for (long pid : pids) {
                assertTrue(ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true), "node pid " + pid + " stopped");
            }
            assertTrue(supervisor.output().stream().anyMatch(line -> line.contains("Kafka cluster stopped")));
            assertEquals(3, supervisor.output().stream()
                    .filter(line -> line.matches(".*Kafka node \\d \\(of a quorum of 3\\) stopped.*")).count(),
                    "each node stopped in order:\n" + String.join("\n", supervisor.output()));
        }
    }

    @Test
    void a_port_of_any_node_in_use_is_said_at_once_naming_the_node() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int firstPort = taken.getLocalPort() - 1;
            CoffeeProcess broker = CoffeeProcess.start("cluster-port-taken", Map.of(), "broker", "--nodes", "3",
                    "--broker-port", Integer.toString(firstPort), "--data-dir", dir.resolve("kafka").toString());

            assertEquals(4, broker.awaitExit(Duration.ofSeconds(60)));
            // node 2's port, unless node 1's (the port before) is taken by someone else too
            assertTrue(broker.output().stream().anyMatch(line -> line.contains("port " + taken.getLocalPort()
                    + " (node 2) is in use") || line.contains("port " + firstPort + " (node 1) is in use")),
                    String.join("\n", broker.output()));
        }
    }
}
