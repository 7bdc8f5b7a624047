package coffee.adapter.http;

import coffee.adapter.http.support.ApiErrors;
import coffee.adapter.http.support.HttpDates;
import coffee.adapter.http.support.RequestIds;
import coffee.domain.RequestId;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import java.lang.System.Logger.Level;

/**
 * Answers what Helidon rejects before routing (a malformed request line or header, a body
 * over the server's limit) in the same JSON shape as every other error.
 *
 * <p>Helidon's parser reports some malformed requests as an internal error (a non-ASCII byte
 * in a method or header name throws inside the parser), and hands them here without the cause.
 * Everything routed has its own error handling (the routing's error handler, the recover
 * filter), so a 500 arriving here comes from parsing what the client sent: it is answered as
 * a bad request, and logged at WARNING in case it ever is a real server fault.
 */
final class JsonDirectHandler implements DirectHandler {

    private static final System.Logger LOG = System.getLogger(JsonDirectHandler.class.getName());

    private final String tooLarge;

    JsonDirectHandler(int maxBodyBytes) {
        this.tooLarge = "Request body is larger than " + maxBodyBytes + " bytes";
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
            ServerResponseHeaders headers, String message) {
        RequestId id = RequestId.reuseOrGenerate(request.headers().first(RequestIds.HEADER).orElse(null));
        Status answer = status;
        if (status.code() >= 500) {
            LOG.log(Level.WARNING, () -> "request_id=" + id + " refused before routing as a bad request: "
                    + eventType + " " + message);
            answer = Status.BAD_REQUEST_400;
        }
        String error = answer.code() == 413 ? tooLarge : ErrorHandling.describe(answer);
        return TransportResponse.builder()
                .status(answer)
                .headers(headers)
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .header(RequestIds.HEADER, id.value())
                .header(HeaderNames.DATE, HttpDates.now())
                .entity(ApiErrors.body(error, id))
                .keepAlive(false)
                .build();
    }
}
