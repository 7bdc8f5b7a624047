package coffee.adapter.cli.load;

import java.io.IOException;

/**
 * What sends a load phase's requests over a set of keep-alive connections and records each
 * outcome. The connections stay open from one phase to the next, so the measured phase does
 * not pay for the warm-up's connects.
 */
public interface LoadDriver extends AutoCloseable {

    /**
     * Opens every connection before any request, so connecting is not measured.
     *
     * @throws IOException the first connection that could not be opened
     */
    void connectAll() throws IOException;

    /**
     * Runs one phase to its end: until the schedule is done and every request sent has its
     * answer (or failed).
     *
     * @param tracker told of every order accepted; null when end-to-end latency is not measured
     * @return how long the phase took, in nanoseconds from the schedule's start
     */
    long run(LoadSchedule schedule, LoadStats stats, EndToEndTracker tracker);

    @Override
    void close();
}
