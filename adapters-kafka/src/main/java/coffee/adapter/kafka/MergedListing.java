package coffee.adapter.kafka;

import coffee.application.port.out.OrderViewUnavailableException;
import coffee.domain.Order;
import coffee.domain.OrderQuery;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.streams.StreamsMetadata;

/**
 * A listing of orders across every instance: each is asked in parallel for its share, what
 * instances that cannot be reached hold is read from standby copies kept here, and the answers
 * are merged newest first, the limit applied after the merge.
 */
final class MergedListing implements AutoCloseable {

    private final ViewRouting routing;
    private final LocalReads local;
    private final ViewPeers peers;
    private final ExecutorService askingPeers = Executors.newVirtualThreadPerTaskExecutor();

    MergedListing(ViewRouting routing, LocalReads local, ViewPeers peers) {
        this.routing = routing;
        this.local = local;
        this.peers = peers;
    }

    List<Order> list(OrderQuery query) {
        Collection<StreamsMetadata> instances = routing.settledInstances();
        List<Future<List<Order>>> answers = new ArrayList<>();
        for (StreamsMetadata instance : instances) {
            if (routing.isHere(instance.hostInfo())) {
                answers.add(CompletableFuture.completedFuture(local.list(query)));
            } else {
                String peer = ViewRouting.endpoint(instance.hostInfo());
                answers.add(askingPeers.submit(() -> peers.list(peer, query)));
            }
        }
        List<Order> merged = new ArrayList<>();
        List<StreamsMetadata> away = new ArrayList<>();
        int next = 0;
        for (StreamsMetadata instance : instances) {
            try {
                merged.addAll(answers.get(next++).get());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UncheckedIOException)) {
                    throw e.getCause() instanceof RuntimeException runtime ? runtime
                            : new IllegalStateException(e.getCause());
                }
                away.add(instance);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OrderViewUnavailableException("interrupted while asking the other instances", e);
            }
        }
        if (!away.isEmpty()) {
            merged.addAll(standbyListing(away, query));
        }
        merged.sort(ViewKeys.NEWEST_FIRST);
        return merged.size() <= query.limit() ? merged : List.copyOf(merged.subList(0, query.limit()));
    }

    /** The part of a listing that instances which cannot be reached hold, from standbys kept here. */
    private List<Order> standbyListing(List<StreamsMetadata> away, OrderQuery query) {
        Set<Integer> missing = new HashSet<>();
        away.forEach(instance -> missing.addAll(routing.ordersPartitions(instance.topicPartitions())));
        if (!routing.standbysHere().containsAll(missing)) {
            throw new OrderViewUnavailableException("instances " + away.stream()
                    .map(instance -> ViewRouting.endpoint(instance.hostInfo())).toList()
                    + " cannot be reached and no standby here holds their partitions");
        }
        return local.listInStandbys(missing, query);
    }

    /** Stops asking other instances: questions under way are interrupted. */
    @Override
    public void close() {
        askingPeers.shutdownNow();
    }
}
