package coffee.adapter.http.support;

import java.time.Duration;

/** Histogram buckets for every latency this system reports: from a fast write to a slow brew. */
public final class LatencyBuckets {

    public static final Duration[] ALL = {
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
        Duration.ofSeconds(10)};

    /**
     * Percentiles are computed from the buckets where the metrics are read; computing them
     * in-process as well costs every recording twice as much.
     */
    public static final double[] NO_PERCENTILES = {};

    private LatencyBuckets() {
    }
}
