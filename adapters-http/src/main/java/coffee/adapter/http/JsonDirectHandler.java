package coffee.adapter.http;

import coffee.adapter.http.support.ApiErrors;
import coffee.adapter.http.support.RequestIds;
import coffee.domain.RequestId;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;

/**
 * Answers what Helidon rejects before routing (a malformed request line or header, a body
 * over the server's limit) in the same JSON shape as every other error.
 */
final class JsonDirectHandler implements DirectHandler {

    private final String tooLarge;

    JsonDirectHandler(int maxBodyBytes) {
        this.tooLarge = "Request body is larger than " + maxBodyBytes + " bytes";
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
            ServerResponseHeaders headers, String message) {
        RequestId id = RequestId.reuseOrGenerate(request.headers().first(RequestIds.HEADER).orElse(null));
        return TransportResponse.builder()
                .status(status)
                .headers(headers)
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .header(RequestIds.HEADER, id.value())
                .entity(ApiErrors.body(status.code() == 413 ? tooLarge : ErrorHandling.describe(status), id))
                .keepAlive(eventType.keepAlive())
                .build();
    }
}
