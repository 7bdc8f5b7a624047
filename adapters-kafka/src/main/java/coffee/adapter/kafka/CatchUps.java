package coffee.adapter.kafka;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The catch-ups an event feed has under way: each done once the consumer's position reaches
 * the end offsets found when it was taken. A feed that reads on demand pauses a partition again
 * once no catch-up still reads it. Used on the consumer's own thread only.
 */
final class CatchUps {

    private final Consumer<?, ?> consumer;
    private final boolean onDemand;
    private final List<CatchUp> underWay = new ArrayList<>();

    CatchUps(Consumer<?, ?> consumer, boolean onDemand) {
        this.consumer = consumer;
        this.onDemand = onDemand;
    }

    /** Completes {@code done} once the consumer has read each partition up to its end offset. */
    void add(Map<TopicPartition, Long> ends, CompletableFuture<Void> done) {
        underWay.add(new CatchUp(ends, done));
    }

    /** Completes the catch-ups whose end offsets the consumer has reached. */
    void completeReached() {
        for (Iterator<CatchUp> it = underWay.iterator(); it.hasNext(); ) {
            CatchUp catchUp = it.next();
            catchUp.ends.entrySet().removeIf(end -> {
                boolean reached = consumer.position(end.getKey()) >= end.getValue();
                if (reached && onDemand && !stillWanted(end.getKey(), catchUp)) {
                    consumer.pause(List.of(end.getKey()));
                }
                return reached;
            });
            if (catchUp.ends.isEmpty()) {
                catchUp.done.complete(null);
                it.remove();
            }
        }
    }

    /** Fails every catch-up under way: the feed is closing. */
    void failAll() {
        underWay.forEach(c -> c.done.completeExceptionally(new IllegalStateException("feed closed")));
    }

    /** Whether another catch-up still reads this partition (then it must not be paused yet). */
    private boolean stillWanted(TopicPartition partition, CatchUp finished) {
        for (CatchUp other : underWay) {
            if (other != finished && other.ends.containsKey(partition)) {
                return true;
            }
        }
        return false;
    }

    /** A request to be told when these end offsets are reached. */
    private record CatchUp(Map<TopicPartition, Long> ends, CompletableFuture<Void> done) {
    }
}
