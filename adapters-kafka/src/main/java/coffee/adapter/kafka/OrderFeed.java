package coffee.adapter.kafka;

import java.time.Duration;

/** A running reader of whole topics that keeps a view of orders up to date. */
public interface OrderFeed extends AutoCloseable {

    /**
     * Waits until the view holds everything that was in the topics when this was called.
     *
     * @throws KafkaUnavailableException if that did not happen within {@code timeout}
     */
    void awaitCaughtUp(Duration timeout) throws InterruptedException;

    /** How many records the feed has read since it started. */
    long recordsRead();

    @Override
    void close();
}
