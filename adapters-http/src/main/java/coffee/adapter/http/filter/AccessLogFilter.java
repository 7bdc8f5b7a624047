package coffee.adapter.http.filter;

import coffee.adapter.http.support.RequestIds;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.lang.System.Logger.Level;
import java.util.Locale;

/**
 * One log line per request: method, path, status, duration and request id. Written to the
 * {@code coffee.access} logger, which the logging setup makes asynchronous so a busy server
 * does not wait on the console.
 */
final class AccessLogFilter implements Filter {

    private static final System.Logger ACCESS = System.getLogger("coffee.access");
    private static final int MAX_PATH = 200;

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long started = System.nanoTime();
        try {
            chain.proceed();
        } finally {
            if (ACCESS.isLoggable(Level.INFO)) {
                double millis = (System.nanoTime() - started) / 1_000_000.0;
                ACCESS.log(Level.INFO, String.format(Locale.ROOT,
                        "method=%s path=%s status=%d duration_ms=%.2f request_id=%s",
                        req.prologue().method().text(), path(req), res.status().code(), millis, RequestIds.of(req)));
            }
        }
    }

    private static String path(RoutingRequest req) {
        String path = req.path().rawPath();
        return path.length() <= MAX_PATH ? path : path.substring(0, MAX_PATH) + "...";
    }
}
