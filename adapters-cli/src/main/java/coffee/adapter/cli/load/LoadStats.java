package coffee.adapter.cli.load;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What one load phase counted and measured: requests sent, answers by status, failures by
 * kind, and the latency of every answer. Written by all connections at once, read by the
 * progress line and the final report.
 *
 * <p>Latencies go into an HdrHistogram {@link Recorder}: wait-free for the writers, and the
 * reader takes what was recorded since it last looked without stopping them. Counters are
 * {@link LongAdder}s, which stay cheap when many threads add to them.
 */
public final class LoadStats {

    /** Latencies above a minute are recorded as a minute: no HTTP answer here should take that long. */
    static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(1);
    static final int SIGNIFICANT_DIGITS = 3;

    /** Why a request got no HTTP answer. */
    enum Failure {
        /** The connection could not be made, or broke before the answer was complete. */
        CONNECTION("connection"),
        /** No answer within {@link HttpLoadConnection#READ_TIMEOUT_MS}. */
        TIMEOUT("timeout"),
        /** An answer this client cannot read as HTTP/1.x. */
        INVALID_RESPONSE("invalid_response");

        final String key;

        Failure(String key) {
            this.key = key;
        }
    }

    private final Recorder latencies = newRecorder();
    private final Histogram latencyTotal = newHistogram();
    private final Histogram latencyInterval = newHistogram();
    private final LongAdder sent = new LongAdder();
    private final LongAdder succeeded = new LongAdder();
    private final LongAdder failedTotal = new LongAdder();
    /** Answers that were not 2xx, by status code (which three digits always fit). */
    private final AtomicLongArray unsuccessfulByStatus = new AtomicLongArray(1000);
    private final LongAdder[] failures = new LongAdder[Failure.values().length];

    public LoadStats() {
        for (int i = 0; i < failures.length; i++) {
            failures[i] = new LongAdder();
        }
    }

    static Recorder newRecorder() {
        return new Recorder(HIGHEST_MICROS, SIGNIFICANT_DIGITS);
    }

    static Histogram newHistogram() {
        return new Histogram(HIGHEST_MICROS, SIGNIFICANT_DIGITS);
    }

    /** Nanoseconds as the microseconds the histograms hold, capped at the highest they track. */
    static long micros(long nanos) {
        return Math.min(Math.max(nanos / 1_000, 0), HIGHEST_MICROS);
    }

    void sent() {
        sent.increment();
    }

    /** An answer with {@code status} came {@code latencyNanos} after the request was due. */
    void answered(int status, long latencyNanos) {
        latencies.recordValue(micros(latencyNanos));
        if (status >= 200 && status < 300) {
            succeeded.increment();
        } else {
            unsuccessfulByStatus.incrementAndGet(status);
            failedTotal.increment();
        }
    }

    void failed(Failure failure) {
        failures[failure.ordinal()].increment();
        failedTotal.increment();
    }

    public long sentCount() {
        return sent.sum();
    }

    /** Answers with a 2xx status. */
    public long succeededCount() {
        return succeeded.sum();
    }

    /** Answers that were not 2xx, and requests without an answer. */
    long errorCount() {
        return failedTotal.sum();
    }

    /**
     * Every latency recorded so far (a copy). Only one thread at a time may take it: the
     * recorder hands each interval to one reader.
     */
    public synchronized Histogram latencies() {
        latencies.getIntervalHistogramInto(latencyInterval);
        latencyTotal.add(latencyInterval);
        return latencyTotal.copy();
    }

    /** The p99 latency so far in microseconds, 0 before any answer. */
    synchronized long p99SoFarMicros() {
        latencies.getIntervalHistogramInto(latencyInterval);
        latencyTotal.add(latencyInterval);
        return latencyTotal.getTotalCount() == 0 ? 0 : latencyTotal.getValueAtPercentile(99);
    }

    /** Errors by kind: status codes in ascending order, then the failures without an answer; none left out but zeros. */
    public Map<String, Long> errors() {
        Map<String, Long> errors = new LinkedHashMap<>();
        for (int status = 0; status < unsuccessfulByStatus.length(); status++) {
            long count = unsuccessfulByStatus.get(status);
            if (count > 0) {
                errors.put(Integer.toString(status), count);
            }
        }
        for (Failure failure : Failure.values()) {
            long count = failures[failure.ordinal()].sum();
            if (count > 0) {
                errors.put(failure.key, count);
            }
        }
        return errors;
    }
}
