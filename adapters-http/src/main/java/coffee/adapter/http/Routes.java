package coffee.adapter.http;

import coffee.adapter.http.support.ApiErrors;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import java.util.Set;

/** Answers shared by the resources. */
final class Routes {

    private Routes() {
    }

    /**
     * For a known path and a method it does not serve: {@code 405} with {@code Allow}; a plain
     * {@code OPTIONS} (not a CORS preflight, which the CORS filter answers) gets {@code 204}.
     */
    static Handler onlyAllow(String... methods) {
        String allow = String.join(", ", methods) + ", OPTIONS";
        return (req, res) -> {
            res.header(HeaderNames.ALLOW, allow);
            if (req.prologue().method() == Method.OPTIONS) {
                res.status(Status.NO_CONTENT_204).send();
                return;
            }
            ApiErrors.send(req, res, Status.METHOD_NOT_ALLOWED_405,
                    "Method " + req.prologue().method().text() + " is not allowed here; use " + String.join(" or ", methods));
        };
    }

    /**
     * For a path whose handler comes later in the routing (the static files, and Helidon's
     * features, which run after the API's routes): its own methods go on to that handler, any
     * other is answered like {@link #onlyAllow(String...)}, so these paths refuse a wrong method
     * with {@code 405} as the API's routes do, not with a {@code 404}.
     */
    static Handler onlyAllowServedLater(String... methods) {
        Set<String> served = Set.of(methods);
        Handler refuse = onlyAllow(methods);
        return (req, res) -> {
            if (served.contains(req.prologue().method().text())) {
                res.next();
            } else {
                refuse.handle(req, res);
            }
        };
    }

    static ApiProblem orderNotFound() {
        return new ApiProblem(Status.NOT_FOUND_404, "Order not found");
    }
}
