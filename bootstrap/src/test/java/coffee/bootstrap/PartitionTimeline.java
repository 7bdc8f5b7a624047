package coffee.bootstrap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * What a fault does to a topic's partitions, as it happens: asks the cluster every 200 ms for
 * each partition's leader and in-sync replicas and notes every change with its time since the
 * start. A partition without a leader, or with fewer in-sync replicas than
 * {@code min.insync.replicas}, refuses publishes until it has them again: the timeline says
 * for how long, next to the window of 503s.
 */
final class PartitionTimeline implements AutoCloseable {

    private final Admin admin;
    private final String topic;
    private final long started = System.nanoTime();
    private final List<String> changes = new ArrayList<>();
    private final Map<Integer, String> last = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    PartitionTimeline(String bootstrapServers, String topic) {
        this.topic = topic;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 1500));
        look();
        this.thread = Thread.ofPlatform().name("partition-timeline").daemon().start(this::run);
    }

    /** Seconds since the timeline started, for lining other events up with it. */
    String since(long nanoTime) {
        return String.format(Locale.ROOT, "+%.1f s", (nanoTime - started) / 1e9);
    }

    private void run() {
        while (running) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
            look();
        }
    }

    private void look() {
        String now = since(System.nanoTime());
        try {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(1500, TimeUnit.MILLISECONDS).get(topic);
            for (TopicPartitionInfo partition : description.partitions()) {
                String state = "leader " + (partition.leader() == null ? "none" : partition.leader().id()) + " isr "
                        + partition.isr().stream().map(node -> Integer.toString(node.id())).toList();
                if (!state.equals(last.put(partition.partition(), state))) {
                    note(now + " " + topic + "-" + partition.partition() + " " + state);
                }
            }
        } catch (Exception e) {
            note(now + " not answered: " + e.getClass().getSimpleName());
        }
    }

    private synchronized void note(String change) {
        changes.add(change);
    }

    /** Every change noted, oldest first. */
    synchronized List<String> changes() {
        return List.copyOf(changes);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(1));
    }
}
