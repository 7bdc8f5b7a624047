package coffee.adapter.http.filter;

import coffee.adapter.http.support.ApiErrors;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * When an API key is configured, requests that change something (POST, PUT, PATCH, DELETE)
 * need {@code Authorization: Bearer <key>}; reads stay open. The scheme is case-insensitive, as
 * HTTP says ({@code bearer}, {@code BEARER}); the key is compared exactly, in constant time, and
 * never logged.
 */
final class ApiKeyFilter implements Filter {

    private static final Set<Method> MUTATING = Set.of(Method.POST, Method.PUT, Method.PATCH, Method.DELETE);
    private static final String BEARER = "Bearer";

    private final byte[] expected;

    ApiKeyFilter(String apiKey) {
        this.expected = apiKey.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (!MUTATING.contains(req.prologue().method())) {
            chain.proceed();
            return;
        }
        byte[] given = bearerToken(req.headers().first(HeaderNames.AUTHORIZATION).orElse(""))
                .getBytes(StandardCharsets.UTF_8);
        if (MessageDigest.isEqual(expected, given)) {
            chain.proceed();
            return;
        }
        res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer");
        ApiErrors.send(req, res, Status.UNAUTHORIZED_401,
                "This API needs a key: send Authorization: Bearer <key>");
    }

    /** The token of {@code Bearer <token>} (scheme in any case, one or more spaces), else empty. */
    private static String bearerToken(String authorization) {
        int space = authorization.indexOf(' ');
        if (space != BEARER.length() || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return "";
        }
        return authorization.substring(space).stripLeading();
    }
}
