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
 * need {@code Authorization: Bearer <key>}; reads stay open. The key is compared in constant
 * time and never logged.
 */
final class ApiKeyFilter implements Filter {

    private static final Set<Method> MUTATING = Set.of(Method.POST, Method.PUT, Method.PATCH, Method.DELETE);
    private static final String BEARER = "Bearer ";

    private final byte[] expected;

    ApiKeyFilter(String apiKey) {
        this.expected = (BEARER + apiKey).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (!MUTATING.contains(req.prologue().method())) {
            chain.proceed();
            return;
        }
        byte[] given = req.headers().first(HeaderNames.AUTHORIZATION).orElse("").getBytes(StandardCharsets.UTF_8);
        if (MessageDigest.isEqual(expected, given)) {
            chain.proceed();
            return;
        }
        res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer");
        ApiErrors.send(req, res, Status.UNAUTHORIZED_401,
                "This API needs a key: send Authorization: Bearer <key>");
    }
}
