package coffee.adapter.http.support;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import coffee.domain.RequestId;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** Every error answer has one shape: {@code {"error": "...", "request_id": "..."}}. */
public final class ApiErrors {

    private ApiErrors() {
    }

    /** The body of an error answer; {@code field} names the offending input, when there is one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ErrorBody(
            @JsonProperty("error") String error,
            @JsonProperty("request_id") String requestId,
            @JsonProperty("field") String field) {
    }

    public static void send(ServerRequest req, ServerResponse res, Status status, String message) {
        send(req, res, status, message, null);
    }

    public static void send(ServerRequest req, ServerResponse res, Status status, String message, String field) {
        RequestId id = RequestIds.of(req);
        res.header(RequestIds.HEADER, id.value());
        Json.send(res, status, new ErrorBody(message, id.value(), field));
    }

    public static byte[] body(String message, RequestId id) {
        return Json.bytes(new ErrorBody(message, id.value(), null));
    }
}
