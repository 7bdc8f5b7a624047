package coffee.adapter.http.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import coffee.adapter.http.Answer;
import coffee.adapter.http.CapturedLog;
import coffee.adapter.http.support.RequestIds;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link RecoverFilter}: an exception in a filter after it becomes the API's JSON {@code 500},
 * with the request id, logged once; the filters before it (id, date) still mark the answer.
 */
@RoutingTest
class RecoverFilterTest {

    private static final String FAILING = "/fails-in-a-filter";
    private final DirectClient client;

    RecoverFilterTest(DirectClient client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        BehindTheFilters.routing(routing);
        // after every production filter, so inside the recover filter, as CORS and the API key are
        routing.addFilter((chain, req, res) -> {
            if (req.path().rawPath().equals(FAILING)) {
                throw new IllegalStateException("a filter's own bug, with internals: /etc/secret");
            }
            chain.proceed();
        });
        routing.any(FAILING, (req, res) -> res.send("never reached"));
    }

    @Test
    void an_exception_in_a_later_filter_is_answered_with_the_json_500_problem() throws InterruptedException {
        Answer answer;
        List<String> logged;
        try (CapturedLog log = CapturedLog.of(RecoverFilter.class.getName(), Level.INFO)) {
            answer = Answer.of(client.get(FAILING).header(RequestIds.HEADER, "req-recover-1").request());
            logged = log.lines();
        }

        answer.assertProblem(500, "Internal server error");
        assertEquals("req-recover-1", answer.json().get("request_id").asText());
        assertTrue(answer.header("Date").isPresent(), "the date filter, outside, still dates it: " + answer);
        assertFalse(answer.body().contains("secret"), "no internals leak: " + answer);
        assertEquals(List.of("ERROR request_id=req-recover-1 failed in a filter"), logged, "logged once, with the id");
    }

    @Test
    void a_request_no_filter_fails_on_goes_through_untouched() {
        Answer answer = Answer.of(client.get(BehindTheFilters.PROBE).request());

        assertEquals(200, answer.status(), answer::toString);
    }
}
