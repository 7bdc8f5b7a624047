package coffee.adapter.http.support;

import coffee.domain.RequestId;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/** Where a request's id lives while it is handled: in the request's context. */
public final class RequestIds {

    public static final HeaderName HEADER = HeaderNames.create("X-Request-ID");

    private RequestIds() {
    }

    /** The id the request-id filter gave this request; a new one if it never ran. */
    public static RequestId of(ServerRequest req) {
        return req.context().get(RequestId.class).orElseGet(() -> {
            RequestId generated = RequestId.reuseOrGenerate(req.headers().first(HEADER).orElse(null));
            req.context().register(generated);
            return generated;
        });
    }
}
