package coffee.adapter.http.filter;

import coffee.adapter.http.support.ApiErrors;
import coffee.adapter.http.support.RequestIds;
import io.helidon.http.Status;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.lang.System.Logger.Level;

/**
 * Turns any exception from the filters after it into a JSON {@code 500} with the request id,
 * logged once. Exceptions of handlers never get here (Helidon answers them inside
 * {@code proceed()}); the routing's error handler covers those. A connection that ends under
 * an answer is no error of the server's: it is left to Helidon to close.
 */
final class RecoverFilter implements Filter {

    private static final System.Logger LOG = System.getLogger(RecoverFilter.class.getName());

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        try {
            chain.proceed();
        } catch (CloseConnectionException e) {
            // Helidon's way to end a connection that can carry no answer: the client hung up
            // while its answer was written, or a failure came after the answer had begun (Helidon
            // has logged that one). Helidon closes the connection; nothing is left to send.
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            LOG.log(Level.ERROR, "request_id=" + RequestIds.of(req) + " failed in a filter", e);
            if (!res.isSent()) {
                ApiErrors.send(req, res, Status.INTERNAL_SERVER_ERROR_500, "Internal server error");
            }
        }
    }
}
