package coffee.adapter.http.support;

import coffee.domain.RequestId;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** Every error answer has one shape: {@code {"error": "...", "request_id": "..."}}. */
public final class ApiErrors {

    private ApiErrors() {
    }

    /** The body of an error answer; {@code field} names the offending input, when there is one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record ErrorBody(
            @JsonProperty("error") String error,
            @JsonProperty("request_id") String requestId,
            @JsonProperty("field") String field) {
    }

    public static void send(ServerRequest req, ServerResponse res, Status status, String message) {
        send(req, res, status, message, null);
    }

    /** A {@code HEAD} gets the same answer without its body: the headers, {@code Content-Length} included. */
    public static void send(ServerRequest req, ServerResponse res, Status status, String message, String field) {
        RequestId id = RequestIds.of(req);
        res.header(RequestIds.HEADER, id.value());
        byte[] body = Json.bytes(new ErrorBody(message, id.value(), field));
        if (req.prologue().method() == Method.HEAD) {
            res.status(status);
            res.header(HeaderValues.CONTENT_TYPE_JSON);
            res.headers().contentLength(body.length);
            res.send();
        } else {
            Json.sendEncoded(res, status, body);
        }
    }

    public static byte[] body(String message, RequestId id) {
        return Json.bytes(new ErrorBody(message, id.value(), null));
    }
}
