package coffee.adapter.http;

import io.helidon.http.HeaderName;
import io.helidon.http.Status;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the API answers with an error status: thrown by handlers, turned into the JSON
 * error body by the routing's error handler.
 */
final class ApiProblem extends RuntimeException {

    private final Status status;
    private final String field;
    private final Map<HeaderName, String> headers = new LinkedHashMap<>();

    ApiProblem(Status status, String message) {
        this(status, message, null);
    }

    ApiProblem(Status status, String message, String field) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
    }

    ApiProblem withHeader(HeaderName name, String value) {
        headers.put(name, value);
        return this;
    }

    Status status() {
        return status;
    }

    String field() {
        return field;
    }

    Map<HeaderName, String> headers() {
        return headers;
    }
}
