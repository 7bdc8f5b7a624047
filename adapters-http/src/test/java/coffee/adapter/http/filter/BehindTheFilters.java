package coffee.adapter.http.filter;

import coffee.adapter.http.support.RequestIds;
import io.helidon.webserver.http.HttpRouting;
import java.util.List;
import java.util.Optional;

/**
 * A routing for filter tests: the middleware as production registers it ({@link Filters#inOrder}),
 * in front of one stand-in route, {@code /probe}, that takes every method and answers
 * {@code 200} with the request id it sees, so a test can tell the filters let a request through.
 */
final class BehindTheFilters {

    static final String PROBE = "/probe";

    private BehindTheFilters() {
    }

    static void routing(HttpRouting.Builder routing, List<String> corsAllowedOrigins, Optional<String> apiKey) {
        Filters.inOrder(corsAllowedOrigins, apiKey).forEach(routing::addFilter);
        routing.any(PROBE, (req, res) -> res.send("through " + RequestIds.of(req).value()));
    }

    /** With the defaults: any origin, no API key. */
    static void routing(HttpRouting.Builder routing) {
        routing(routing, List.of("*"), Optional.empty());
    }
}
