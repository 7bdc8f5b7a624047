package coffee.adapter.kafka;

import coffee.application.port.out.OrderViewUnavailableException;
import coffee.domain.OrderId;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Where the orders are, from Kafka Streams' metadata: which partition an order is in and which
 * instance holds it (active, standbys), which instances there are and what each holds. While
 * partitions have no holder yet (start-up, rebalancing) it waits for them ({@link Settling}).
 */
final class ViewRouting {

    private static final StringSerializer KEYS = new StringSerializer();

    private final KafkaStreams streams;
    private final HostInfo self;
    private final String ordersTopic;
    private final int partitions;
    private final Settling settling;

    /** @param self how this instance advertises itself to the others */
    ViewRouting(KafkaStreams streams, HostInfo self, String ordersTopic, int partitions, Settling settling) {
        this.streams = streams;
        this.self = self;
        this.ordersTopic = ordersTopic;
        this.partitions = partitions;
        this.settling = settling;
    }

    /** Which partition an order is in and who holds it; waits while that is not known. */
    KeyQueryMetadata route(OrderId id) {
        long deadline = settling.deadline();
        while (true) {
            KeyQueryMetadata route = streams.queryMetadataForKey(OrderViewTopology.ORDERS, id.toString(), KEYS);
            if (route != null && !KeyQueryMetadata.NOT_AVAILABLE.equals(route) && route.activeHost() != null
                    && route.activeHost().port() >= 0 && !route.activeHost().host().equals("unavailable")) {
                return route;
            }
            settling.pauseOrGiveUp(deadline, "no instance holds the partition of order " + id + " yet");
        }
    }

    /**
     * The partition of an order another instance asked about, when this instance holds it. When
     * it does not (the partition moved since the asker looked), the answer is at once that it
     * cannot answer: waiting to catch up on a partition folded elsewhere would only time out.
     */
    int partitionHeldHere(OrderId id) {
        KeyQueryMetadata route = route(id);
        if (!isHere(route.activeHost())) {
            throw new OrderViewUnavailableException("order " + id + " is held by instance "
                    + endpoint(route.activeHost()) + " now, not by this one; retry shortly");
        }
        return route.partition();
    }

    /** Every instance, once every partition has an active holder; waits while some has none. */
    Collection<StreamsMetadata> settledInstances() {
        long deadline = settling.deadline();
        while (true) {
            Collection<StreamsMetadata> instances = instances();
            Set<Integer> held = new HashSet<>();
            instances.forEach(instance -> held.addAll(ordersPartitions(instance.topicPartitions())));
            if (held.size() >= partitions) {
                return instances;
            }
            settling.pauseOrGiveUp(deadline, (partitions - held.size()) + " of " + partitions
                    + " partitions have no instance holding them yet");
        }
    }

    /** The partitions of the orders topic this instance holds (active) now. */
    Set<Integer> partitionsHere() {
        for (StreamsMetadata instance : instances()) {
            if (isHere(instance.hostInfo())) {
                return ordersPartitions(instance.topicPartitions());
            }
        }
        return Set.of();
    }

    /** The partitions of the orders topic this instance keeps standby copies of now. */
    Set<Integer> standbysHere() {
        StreamsMetadata here = instances().stream().filter(instance -> isHere(instance.hostInfo()))
                .findFirst().orElse(null);
        return here == null ? Set.of() : ordersPartitions(here.standbyTopicPartitions());
    }

    /** The partition numbers of the orders topic among these (the status topic's are alike). */
    Set<Integer> ordersPartitions(Set<TopicPartition> topicPartitions) {
        Set<Integer> numbers = new HashSet<>();
        for (TopicPartition partition : topicPartitions) {
            if (partition.topic().equals(ordersTopic)) {
                numbers.add(partition.partition());
            }
        }
        return numbers;
    }

    boolean isHere(HostInfo host) {
        return host.equals(self);
    }

    private Collection<StreamsMetadata> instances() {
        return streams.metadataForAllStreamsClients();
    }

    /** How the view's peers are asked for an instance: {@code host:port}. */
    static String endpoint(HostInfo host) {
        return host.host() + ":" + host.port();
    }
}
