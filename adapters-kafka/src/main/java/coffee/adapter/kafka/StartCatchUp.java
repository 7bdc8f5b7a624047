package coffee.adapter.kafka;

import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * How far the view must fold after a start before it answers reads, and how far it still is:
 * where the orders topic and the status topic ended, per partition held here, when it first ran
 * (a first start on a long history folds it all first; a restart, what was written while it was
 * down). Once reached, nobody looks at the targets again.
 */
final class StartCatchUp {

    private static final System.Logger LOG = System.getLogger(StartCatchUp.class.getName());

    private final Admin admin;
    private final String applicationId;
    private final String ordersTopic;
    private final String statusTopic;
    private final int partitions;
    private final ViewProgress ordersFolded;
    private final ViewProgress statusesFolded;
    private final LatestOffsets ordersEnds;
    private final LatestOffsets statusEnds;
    private final Supplier<Set<Integer>> partitionsHere;
    /** Null until asked. */
    private volatile CatchUpTargets targets;
    private volatile boolean caughtUp;

    /**
     * @param ordersFolded how far the view has folded each partition of the orders topic
     * @param statusesFolded the same for the status topic
     * @param partitionsHere the partitions this instance holds (active) now
     */
    StartCatchUp(Admin admin, KafkaSettings kafka, String applicationId, int partitions, ViewProgress ordersFolded,
            ViewProgress statusesFolded, LatestOffsets ordersEnds, Supplier<Set<Integer>> partitionsHere) {
        this.admin = admin;
        this.applicationId = applicationId;
        this.ordersTopic = kafka.ordersTopic();
        this.statusTopic = kafka.statusTopic();
        this.partitions = partitions;
        this.ordersFolded = ordersFolded;
        this.statusesFolded = statusesFolded;
        this.ordersEnds = ordersEnds;
        this.statusEnds = new LatestOffsets(admin, statusTopic, partitions);
        this.partitionsHere = partitionsHere;
    }

    /**
     * Everything before the committed offset of a partition is in its restored stores, even if
     * this process folds no new record of it: knowing that, a read of an unknown order in an
     * idle partition need not wait for a record that will not come.
     *
     * @return completes with whether the positions were learned (Kafka may not say)
     */
    CompletableFuture<Boolean> learnCommittedPositions() {
        return admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().toCompletionStage()
                .toCompletableFuture().handle((committed, failure) -> {
                    if (failure != null) {
                        LOG.log(Level.DEBUG, () -> "reading the view's committed offsets failed: " + failure);
                        return false;
                    }
                    committed.forEach((partition, offset) -> {
                        if (offset != null && partition.topic().equals(ordersTopic)) {
                            ordersFolded.processed(partition.partition(), offset.offset() - 1);
                        } else if (offset != null && partition.topic().equals(statusTopic)) {
                            statusesFolded.processed(partition.partition(), offset.offset() - 1);
                        }
                    });
                    return true;
                });
    }

    boolean targetsKnown() {
        return targets != null;
    }

    /**
     * Asks Kafka where the topics end now, and keeps that as the targets of the partitions held
     * here.
     *
     * @return completes with whether the targets were learned: not when the view stopped or is
     *     rebalancing meanwhile (the next time it runs asks again); fails when Kafka cannot say
     */
    CompletableFuture<Boolean> learnTargets() {
        return ordersEnds.ask().thenCombine(statusEnds.ask(), CatchUpTargets::new)
                .thenCompose(this::withoutEmptyPartitions)
                .thenApply(ends -> {
                    try {
                        targets = ends.only(partitionsHere.get());
                        return true;
                    } catch (RuntimeException e) {
                        return false;
                    }
                });
    }

    private CompletableFuture<CatchUpTargets> withoutEmptyPartitions(CatchUpTargets ends) {
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        for (int partition = 0; partition < partitions; partition++) {
            earliest.put(new TopicPartition(ordersTopic, partition), OffsetSpec.earliest());
            earliest.put(new TopicPartition(statusTopic, partition), OffsetSpec.earliest());
        }
        return admin.listOffsets(earliest).all().toCompletionStage().toCompletableFuture().thenApply(starts -> {
            Map<Integer, Long> ordersStarts = new HashMap<>();
            Map<Integer, Long> statusStarts = new HashMap<>();
            starts.forEach((partition, start) -> (partition.topic().equals(ordersTopic) ? ordersStarts : statusStarts)
                    .put(partition.partition(), start.offset()));
            return ends.withoutEmptyPartitions(ordersStarts, statusStarts);
        });
    }

    /** Why the view has not folded what the two topics held when it started; empty once it has. */
    Optional<String> behind() {
        if (caughtUp) {
            return Optional.empty();
        }
        CatchUpTargets known = targets;
        if (known == null) {
            return Optional.of("the view of orders is catching up with Kafka (asking where the topics end)");
        }
        long behind = known.behind(ordersFolded, statusesFolded);
        if (behind > 0) {
            return Optional.of(String.format(Locale.ROOT,
                    "the view of orders is catching up with Kafka: %,d records to fold", behind));
        }
        caughtUp = true;
        return Optional.empty();
    }
}
