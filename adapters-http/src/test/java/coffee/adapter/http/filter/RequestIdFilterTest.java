package coffee.adapter.http.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coffee.adapter.http.Answer;
import coffee.adapter.http.support.RequestIds;
import coffee.domain.RequestId;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link RequestIdFilter}: every request has an id, the handlers see it, the answer echoes it. */
@RoutingTest
class RequestIdFilterTest {

    private final DirectClient client;

    RequestIdFilterTest(DirectClient client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        BehindTheFilters.routing(routing);
    }

    private Answer probe(String requestId) {
        Http1ClientRequest request = client.get(BehindTheFilters.PROBE);
        if (requestId != null) {
            request.header(RequestIds.HEADER, requestId);
        }
        return Answer.of(request.request());
    }

    @Test
    void a_sane_request_id_is_kept_and_echoed() {
        Answer answer = probe("req-42.a_b:c@d/e+f=g");

        assertEquals(200, answer.status(), answer::toString);
        assertEquals("req-42.a_b:c@d/e+f=g", answer.header("X-Request-ID").orElseThrow());
        assertEquals("through req-42.a_b:c@d/e+f=g", answer.body(), "the handler sees the same id");
    }

    @Test
    void a_request_without_an_id_gets_a_new_one_echoed() {
        Answer answer = probe(null);

        String id = answer.header("X-Request-ID").orElseThrow(() -> new AssertionError("no id echoed: " + answer));
        assertTrue(RequestId.isValid(id), id);
        assertEquals("through " + id, answer.body(), "the handler sees the id the client is told");
    }

    @Test
    void requests_without_an_id_each_get_their_own() {
        assertNotEquals(probe(null).header("X-Request-ID"), probe(null).header("X-Request-ID"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"two words", "quote\"d", "line\tbreak",
        "x12345678901234567890123456789012345678901234567890123456789012345"})
    void an_id_that_could_forge_a_log_line_is_replaced(String unsafe) {
        Answer answer = probe(unsafe);

        String id = answer.header("X-Request-ID").orElseThrow();
        assertNotEquals(unsafe, id);
        assertTrue(RequestId.isValid(id), id);
        assertEquals("through " + id, answer.body());
    }
}
