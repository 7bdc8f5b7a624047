package coffee.adapter.http.filter;

import coffee.adapter.http.support.RequestIds;
import coffee.domain.RequestId;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Gives every request an id, first of all, so every later log line and error carries it: a
 * sane incoming {@code X-Request-ID} is kept (bounded, no spaces or line breaks, so it cannot
 * forge log lines), anything else is replaced. The id is echoed on every response.
 */
final class RequestIdFilter implements Filter {

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        RequestId id = RequestId.reuseOrGenerate(req.headers().first(RequestIds.HEADER).orElse(null));
        req.context().register(id);
        res.header(RequestIds.HEADER, id.value());
        chain.proceed();
    }
}
