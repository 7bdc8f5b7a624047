package coffee.adapter.http;

import coffee.adapter.http.support.ApiErrors;
import coffee.adapter.http.support.RequestIds;
import coffee.application.port.out.OrderViewUnavailableException;
import coffee.domain.InvalidOrderException;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.webserver.http.ErrorHandler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;

/**
 * Turns whatever a handler throws into the JSON error answer: client mistakes into their
 * {@code 4xx}, Helidon's own (such as {@code 404} for an unknown route) keep their status,
 * and anything else is a {@code 500}, logged with the request id. Never a stack trace. The one
 * exception that is no error, the static content's {@code 304 Not Modified}, goes out bodiless.
 */
final class ErrorHandling implements ErrorHandler<Throwable> {

    private static final System.Logger LOG = System.getLogger(ErrorHandling.class.getName());

    @Override
    public void handle(ServerRequest req, ServerResponse res, Throwable error) {
        switch (error) {
            case ApiProblem problem -> {
                problem.headers().forEach((name, value) -> res.header(name, value));
                ApiErrors.send(req, res, problem.status(), problem.getMessage(), problem.field());
            }
            case OrderViewUnavailableException unavailable -> {
                // not an answer about the order: a retry shortly gets one
                LOG.log(Level.WARNING, () -> "request_id=" + RequestIds.of(req) + " view unavailable: "
                        + unavailable.getMessage());
                res.header(HeaderNames.RETRY_AFTER, "1");
                ApiErrors.send(req, res, Status.SERVICE_UNAVAILABLE_503,
                        "The view of orders is not available right now; retry shortly");
            }
            case InterruptedException interrupted -> {
                // the server is stopping under a waiting read
                Thread.currentThread().interrupt();
                res.header(HeaderNames.RETRY_AFTER, "1");
                ApiErrors.send(req, res, Status.SERVICE_UNAVAILABLE_503, "The server is stopping; retry shortly");
            }
            case InvalidOrderException invalid -> ApiErrors.send(req, res, Status.BAD_REQUEST_400,
                    ApiFields.message(invalid), ApiFields.name(invalid.field()));
            case HttpException http when http.status().code() == Status.NOT_MODIFIED_304.code() -> {
                // the static content's answer to a conditional GET: not an error, and HTTP forbids a body
                http.headers().forEach(res::header);
                res.status(http.status()).send();
            }
            case HttpException http -> ApiErrors.send(req, res, http.status(), describe(http.status()));
            case UncheckedIOException broken ->
                    ApiErrors.send(req, res, Status.BAD_REQUEST_400, "Request body could not be read");
            default -> {
                LOG.log(Level.ERROR, "request_id=" + RequestIds.of(req) + " failed", error);
                ApiErrors.send(req, res, Status.INTERNAL_SERVER_ERROR_500, "Internal server error");
            }
        }
    }

    static String describe(Status status) {
        return status.code() == 404 ? "Not found" : status.reasonPhrase();
    }
}
