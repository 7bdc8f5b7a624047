package coffee.adapter.kafka;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the topics this system needs when they are missing, and checks they are there. */
final class KafkaTopics {

    private static final System.Logger LOG = System.getLogger(KafkaTopics.class.getName());

    private final Admin admin;
    private final KafkaSettings settings;

    KafkaTopics(Admin admin, KafkaSettings settings) {
        this.admin = admin;
        this.settings = settings;
    }

    /**
     * Creates whichever of the three topics does not exist yet; leaves existing ones alone.
     *
     * @param answerWithin how long to wait for Kafka to list its topics (creating them, once it
     *     answers, may take up to the timeout)
     * @throws TopicSettingsException when the cluster cannot keep the replicas asked for
     */
    void ensureExist(Duration answerWithin) {
        Set<String> existing = existingTopics(answerWithin);
        if (existing.containsAll(List.of(settings.ordersTopic(), settings.statusTopic(), settings.deadLetterTopic()))) {
            return;
        }
        TopicReplication replication = TopicReplication.decide(brokerCount(answerWithin), settings.replicationFactor(),
                settings.minInSyncReplicas());
        List<NewTopic> missing = new ArrayList<>();
        for (NewTopic topic : wanted(replication)) {
            if (!existing.contains(topic.name())) {
                missing.add(topic);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        try {
            admin.createTopics(missing).values().forEach((name, creation) -> {
                try {
                    creation.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
                    LOG.log(Level.INFO, () -> String.format(Locale.ROOT, "created topic %s", name));
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw unavailable("cannot create topic " + name + ": " + e.getCause().getMessage(), e.getCause());
                    }
                } catch (TimeoutException e) {
                    throw unavailable("creating topic " + name + " timed out", e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw unavailable("interrupted while creating topic " + name, e);
                }
            });
        } catch (RuntimeException e) {
            if (e instanceof KafkaUnavailableException) {
                throw e;
            }
            throw unavailable("cannot create topics: " + e.getMessage(), e);
        }
    }

    /** Why the cluster is not usable right now, if it is not: unreachable or a topic missing. */
    Optional<String> problem() {
        return problem(settings.timeout());
    }

    /** Like {@link #problem()}, giving up after {@code timeout}. */
    Optional<String> problem(Duration timeout) {
        try {
            Set<String> existing = existingTopics(timeout);
            for (String topic : List.of(settings.ordersTopic(), settings.statusTopic(), settings.deadLetterTopic())) {
                if (!existing.contains(topic)) {
                    return Optional.of("topic " + topic + " is missing");
                }
            }
            return Optional.empty();
        } catch (KafkaUnavailableException e) {
            return Optional.of(e.getMessage());
        }
    }

    private Set<String> existingTopics(Duration timeout) {
        try {
            return admin.listTopics(new ListTopicsOptions().timeoutMs((int) timeout.toMillis())).names()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw notReachable(e.getCause(), timeout);
            }
            throw unavailable("Kafka at " + String.join(",", settings.brokers()) + " refused: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw notReachable(e, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while asking Kafka for its topics", e);
        }
    }

    /** How many brokers the cluster has now: the most replicas a new topic can have. */
    private int brokerCount(Duration timeout) {
        try {
            return admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis())).nodes()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
        } catch (ExecutionException e) {
            throw unavailable("Kafka at " + String.join(",", settings.brokers()) + " did not say its brokers: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw notReachable(e, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while asking Kafka for its brokers", e);
        }
    }

    private List<NewTopic> wanted(TopicReplication replication) {
        Optional<Short> replicas = Optional.of(replication.replicationFactor());
        Optional<Integer> partitions = Optional.of(settings.partitions());
        Map<String, String> compacted = new HashMap<>(replication.topicConfigs());
        // compacted: the latest snapshot of every order is kept forever, older ones go
        compacted.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        return List.of(
                new NewTopic(settings.ordersTopic(), partitions, replicas).configs(replication.topicConfigs()),
                new NewTopic(settings.statusTopic(), partitions, replicas).configs(compacted),
                new NewTopic(settings.deadLetterTopic(), Optional.of(1), replicas).configs(replication.topicConfigs()));
    }

    private KafkaUnavailableException notReachable(Throwable cause, Duration timeout) {
        return unavailable("Kafka at " + String.join(",", settings.brokers()) + " is not reachable (no answer within "
                + timeout.toMillis() + " ms)", cause);
    }

    private static KafkaUnavailableException unavailable(String message, Throwable cause) {
        return new KafkaUnavailableException(message, cause);
    }
}
