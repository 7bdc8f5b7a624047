package coffee.adapter.kafka;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * What the view is restoring from its changelogs right now, for readiness and start-up logs:
 * a new instance restores its partitions' orders; one restarted with its state directory
 * restores only what it had not checkpointed.
 */
final class ViewRestoration implements StateRestoreListener {

    private final ConcurrentHashMap<TopicPartition, long[]> underWay = new ConcurrentHashMap<>();
    private final AtomicLong restored = new AtomicLong();

    @Override
    public void onRestoreStart(TopicPartition changelog, String store, long startingOffset, long endingOffset) {
        underWay.put(changelog, new long[] {0, endingOffset - startingOffset});
    }

    @Override
    public void onBatchRestored(TopicPartition changelog, String store, long batchEndOffset, long restoredInBatch) {
        long[] progress = underWay.get(changelog);
        if (progress != null) {
            progress[0] += restoredInBatch;
        }
        restored.addAndGet(restoredInBatch);
    }

    @Override
    public void onRestoreEnd(TopicPartition changelog, String store, long totalRestored) {
        underWay.remove(changelog);
    }

    @Override
    public void onRestoreSuspended(TopicPartition changelog, String store, long totalRestored) {
        underWay.remove(changelog);
    }

    boolean restoring() {
        return !underWay.isEmpty();
    }

    /** Records restored since start. */
    long restored() {
        return restored.get();
    }

    /** "12,000 of 40,000 records", over what restores now. */
    String progress() {
        long done = 0;
        long total = 0;
        for (long[] progress : underWay.values()) {
            done += progress[0];
            total += progress[1];
        }
        return String.format(java.util.Locale.ROOT, "%,d of %,d records", done, total);
    }
}
