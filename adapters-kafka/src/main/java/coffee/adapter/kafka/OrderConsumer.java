package coffee.adapter.kafka;

import java.util.Map;
import java.util.Set;

/** A running member of the baristas' consumer group. */
public interface OrderConsumer extends AutoCloseable {

    /** Partitions of the orders topic this consumer owns right now. */
    Set<Integer> assignedPartitions();

    /**
     * Records not yet consumed, per partition this consumer owns, as of its last poll: how far
     * behind the baristas are.
     */
    Map<Integer, Long> lag();

    /**
     * Status records read since start to learn which orders are done: those of the partitions'
     * recent past when it takes them over, not their whole history.
     */
    long statusesRead();

    /** False once the loop has stopped, by {@link #close()} or because of a fatal error. */
    boolean isRunning();

    /** Stops polling, lets brews under way finish, commits what was handled and leaves the group. */
    @Override
    void close();
}
