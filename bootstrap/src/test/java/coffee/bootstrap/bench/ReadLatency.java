package coffee.bootstrap.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Bench tool (never part of the product): reads at a fixed rate (open loop: each request is due
 * at its time whether or not the ones before were answered, and its latency counts from then)
 * and prints the latency percentiles as one JSON line.
 *
 * <p>Usage: {@code ReadLatency <base url> <path or template> <rate/s> <seconds> [ids file]}. A
 * template with {@code {id}} takes the ids of the file in turn, for example
 * {@code /order/{id}}. A {@code 200} counts as an answer, anything else as an error. The same
 * reads run for a third of the time first, unmeasured: both JVMs warm up.
 */
public final class ReadLatency {

    private ReadLatency() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String template = args[1];
        int rate = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        List<String> ids = args.length > 4 ? Files.readAllLines(Path.of(args[4])) : List.of("");
        List<URI> targets = new ArrayList<>();
        for (String id : ids) {
            if (!id.isBlank() || !template.contains("{id}")) {
                targets.add(URI.create(base + template.replace("{id}", id.strip())));
            }
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        read(http, targets, rate, Math.max(1, seconds / 3), new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(30), 3),
                new AtomicLong());
        Histogram latencies = new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(30), 3);
        AtomicLong errors = new AtomicLong();
        long total = read(http, targets, rate, seconds, latencies, errors);
        System.out.println(String.format(Locale.ROOT,
                "{\"path\":\"%s\",\"rate\":%d,\"requests\":%d,\"errors\":%d,\"p50_ms\":%.3f,\"p99_ms\":%.3f,"
                        + "\"p999_ms\":%.3f,\"max_ms\":%.3f}",
                template, rate, total, errors.get(), ms(latencies.getValueAtPercentile(50)),
                ms(latencies.getValueAtPercentile(99)), ms(latencies.getValueAtPercentile(99.9)),
                ms(latencies.getMaxValue())));
    }

    /** Sends {@code rate} reads a second for {@code seconds}, each timed from when it was due. */
    private static long read(HttpClient http, List<URI> targets, int rate, int seconds, Histogram latencies,
            AtomicLong errors) throws Exception {
        long total = (long) rate * seconds;
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            HttpRequest request = HttpRequest.newBuilder(targets.get((int) (i % targets.size())))
                    .timeout(Duration.ofSeconds(30)).GET().build();
            inFlight.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, failure) -> {
                        latencies.recordValue(Math.max(0, System.nanoTime() - due));
                        if (failure != null || response.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    }));
            if (inFlight.size() > 10_000) {
                inFlight.removeIf(CompletableFuture::isDone);
            }
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        return total;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
