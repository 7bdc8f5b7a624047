package coffee.adapter.kafka.broker;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** Whether a cluster whose nodes run in other processes is up: every node registered, and a controller elected. */
public final class ClusterProbe {

    private ClusterProbe() {
    }

    /**
     * Waits until the cluster at {@code bootstrapServers} reports {@code nodes} brokers and a
     * controller; false if it does not within {@code patience}, or as soon as {@code hopeless}
     * says it never will (a node's process ended).
     */
    public static boolean await(String bootstrapServers, int nodes, Duration patience, BooleanSupplier hopeless)
            throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        try (Admin admin = admin(bootstrapServers)) {
            while (System.nanoTime() < deadline && !hopeless.getAsBoolean()) {
                try {
                    var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000));
                    if (cluster.nodes().get(2, TimeUnit.SECONDS).size() >= nodes
                            && cluster.controller().get(2, TimeUnit.SECONDS) != null) {
                        return true;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    // not up yet
                }
                Thread.sleep(200);
            }
            return false;
        }
    }

    private static Admin admin(String bootstrapServers) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000));
    }
}
