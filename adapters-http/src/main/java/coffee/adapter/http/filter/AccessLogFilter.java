package coffee.adapter.http.filter;

import coffee.adapter.http.support.LatencyBuckets;
import coffee.adapter.http.support.RequestIds;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;
import io.helidon.webserver.ServerConnectionException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One log line per request: method, path, status, duration and request id. Written to the
 * {@code coffee.access} logger, which the logging setup makes asynchronous so a busy server
 * does not wait on the console. The same duration goes into a histogram by method, route
 * pattern (not the raw path: ids would make endless series) and status; {@code 499} when the
 * client hung up before its answer was written.
 */
final class AccessLogFilter implements Filter {

    private static final System.Logger ACCESS = System.getLogger("coffee.access");
    private static final int MAX_PATH = 200;
    /** What nginx logs for a client that closed the connection before its answer was sent. */
    static final int CLIENT_CLOSED_REQUEST = 499;
    private final Map<String, Timer> durations = new ConcurrentHashMap<>();

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long started = System.nanoTime();
        boolean clientGone = false;
        try {
            chain.proceed();
        } catch (ServerConnectionException e) {
            // writing the answer failed: the client hung up (a reset or a broken pipe)
            clientGone = true;
            throw e;
        } finally {
            long nanos = System.nanoTime() - started;
            String method = req.prologue().method().text();
            int status = clientGone ? CLIENT_CLOSED_REQUEST : res.status().code();
            durations.computeIfAbsent(method + " " + route(req) + " " + status, key -> timer(method, route(req), status))
                    .record(nanos, TimeUnit.NANOSECONDS);
            if (ACCESS.isLoggable(Level.INFO)) {
                // built by hand: String.format costs a noticeable share of a request at full load
                long hundredths = (nanos + 5_000) / 10_000;
                StringBuilder line = new StringBuilder(160).append("method=").append(method)
                        .append(" path=").append(path(req)).append(" status=").append(status)
                        .append(" duration_ms=").append(hundredths / 100).append('.');
                long fraction = hundredths % 100;
                line.append(fraction < 10 ? "0" : "").append(fraction).append(" request_id=").append(RequestIds.of(req));
                ACCESS.log(Level.INFO, line.toString());
            }
        }
    }

    private static Timer timer(String method, String route, int status) {
        return Metrics.globalRegistry().getOrCreate(Timer.builder("coffee_http_request_duration")
                .description("HTTP requests by method, route and status")
                .tags(List.of(Tag.create("method", method), Tag.create("route", route),
                        Tag.create("status", Integer.toString(status))))
                .buckets(LatencyBuckets.ALL)
                .percentiles(LatencyBuckets.NO_PERCENTILES));
    }

    /** The route that matched, such as {@code /order/{id}}; unknown paths all count as one. */
    private static String route(RoutingRequest req) {
        return req.matchingPattern().orElse("unmatched");
    }

    private static String path(RoutingRequest req) {
        String path = req.path().rawPath();
        return path.length() <= MAX_PATH ? path : path.substring(0, MAX_PATH) + "...";
    }
}
