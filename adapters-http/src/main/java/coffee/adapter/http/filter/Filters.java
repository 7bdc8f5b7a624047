package coffee.adapter.http.filter;

import io.helidon.webserver.http.Filter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The middleware, in the order it must run (the first is outermost). */
public final class Filters {

    private Filters() {
    }

    /** Only the date, for a server without the API's middleware (the consumer's management port). */
    public static Filter dated() {
        return new DateFilter();
    }

    /**
     * Request id first, so everything after it can name the request; then the date (every
     * answer carries it, however it ends); then the access log,
     * which sees the final status; then recover, guarding what follows; then CORS (a browser's
     * preflight carries no credentials, so it is answered before the key is asked for); then
     * the API key, when there is one.
     */
    public static List<Filter> inOrder(List<String> corsAllowedOrigins, Optional<String> apiKey) {
        List<Filter> filters = new ArrayList<>(List.of(new RequestIdFilter(), new DateFilter(), new AccessLogFilter(),
                new RecoverFilter(), new CorsFilter(corsAllowedOrigins)));
        apiKey.ifPresent(key -> filters.add(new ApiKeyFilter(key)));
        return List.copyOf(filters);
    }
}
