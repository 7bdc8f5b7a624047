package coffee.adapter.cli.load;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Once a second while a phase runs, one line on stderr: elapsed time, requests sent, answered
 * 2xx, errors, the 2xx rate over the last second, and p99 latency so far. Plain lines rather
 * than one line redrawn with {@code \r}: they read the same in a terminal, a CI log or a file.
 */
public final class ProgressLine {

    private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final PrintWriter err;
    private final String phase;
    private final LoadStats stats;
    private final long startNanos;
    private final Thread thread;

    private ProgressLine(PrintWriter err, String phase, LoadStats stats, long startNanos) {
        this.err = err;
        this.phase = phase;
        this.stats = stats;
        this.startNanos = startNanos;
        this.thread = Thread.ofPlatform().daemon().name("load-progress").unstarted(this::run);
    }

    /** Starts printing; {@code phase} names it on every line ({@code warmup}, {@code load}). */
    public static ProgressLine start(PrintWriter err, String phase, LoadStats stats, long startNanos) {
        ProgressLine line = new ProgressLine(err, phase, stats, startNanos);
        line.thread.start();
        return line;
    }

    private void run() {
        long lastNanos = startNanos;
        long lastSucceeded = 0;
        for (long tick = 1; ; tick++) {
            long wait = startNanos + tick * INTERVAL_NANOS - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
            long now = System.nanoTime();
            long succeeded = stats.succeededCount();
            double rate = (succeeded - lastSucceeded) * 1e9 / Math.max(1, now - lastNanos);
            err.println(format(phase, now - startNanos, stats.sentCount(), succeeded, stats.errorCount(), rate,
                    stats.p99SoFarMicros()));
            err.flush();
            lastNanos = now;
            lastSucceeded = succeeded;
        }
    }

    static String format(String phase, long elapsedNanos, long sent, long succeeded, long errors, double rate,
            long p99Micros) {
        return String.format(Locale.ROOT, "%-6s %4ds  sent %,d  ok %,d  errors %,d  rate %,.0f/s  p99 %.3f ms",
                phase, TimeUnit.NANOSECONDS.toSeconds(elapsedNanos), sent, succeeded, errors, rate, p99Micros / 1000.0);
    }

    /** Stops printing; returns once the last line is out. */
    public void stop() {
        thread.interrupt();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
