package coffee.adapter.http.filter;

import io.helidon.webserver.http.Filter;
import java.util.List;

/** The middleware, in the order it must run (the first is outermost). */
public final class Filters {

    private Filters() {
    }

    /**
     * Request id first, so everything after it can name the request; then the access log,
     * which sees the final status; then recover, guarding what follows; then CORS.
     */
    public static List<Filter> inOrder(List<String> corsAllowedOrigins) {
        return List.of(new RequestIdFilter(), new AccessLogFilter(), new RecoverFilter(),
                new CorsFilter(corsAllowedOrigins));
    }
}
