package coffee.adapter.http.filter;

import coffee.adapter.http.support.ApiErrors;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Lets browsers on the allowed origins call the API: answers preflight {@code OPTIONS}
 * requests itself ({@code 204}) and marks real responses with the CORS headers. With the
 * default {@code *}, any origin may call; requests without an {@code Origin} pass untouched.
 */
final class CorsFilter implements Filter {

    private static final String ALLOWED_METHODS = "GET, POST, DELETE, OPTIONS";
    private static final String ALLOWED_HEADERS = "Content-Type, Idempotency-Key, X-Request-ID, Authorization";
    private static final String EXPOSED_HEADERS = "X-Request-ID, Location, Retry-After";
    private static final String MAX_AGE_SECONDS = "600";

    private final boolean anyOrigin;
    private final Set<String> allowedOrigins;

    CorsFilter(List<String> allowedOrigins) {
        this.anyOrigin = allowedOrigins.contains("*");
        this.allowedOrigins = Set.copyOf(allowedOrigins);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Optional<String> origin = req.headers().first(HeaderNames.ORIGIN);
        if (origin.isEmpty()) {
            chain.proceed();
            return;
        }
        boolean allowed = anyOrigin || allowedOrigins.contains(origin.get());
        boolean preflight = req.prologue().method() == Method.OPTIONS && req.headers().contains(HeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
        if (!allowed) {
            if (preflight) {
                ApiErrors.send(req, res, Status.FORBIDDEN_403, "Origin " + origin.get() + " is not allowed");
            } else {
                chain.proceed(); // no CORS headers: the browser keeps the answer from the page
            }
            return;
        }
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, anyOrigin ? "*" : origin.get());
        if (!anyOrigin) {
            res.header(HeaderNames.VARY, "Origin");
        }
        if (preflight) {
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS);
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS);
            res.header(HeaderNames.ACCESS_CONTROL_MAX_AGE, MAX_AGE_SECONDS);
            res.status(Status.NO_CONTENT_204).send();
            return;
        }
        res.header(HeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
        chain.proceed();
    }
}
