package coffee.adapter.http.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coffee.adapter.http.Answer;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.helidon.webserver.testing.junit5.Socket;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ApiKeyFilter}: with a key configured, requests that change something need it as a
 * bearer token; reads and CORS preflights do not. Without one (the {@code open} routing),
 * nothing is asked.
 */
@RoutingTest
class ApiKeyFilterTest {

    private static final String KEY = "s3cret-key";
    private final DirectClient keyed;
    private final DirectClient open;

    ApiKeyFilterTest(DirectClient keyed, @Socket("open") DirectClient open) {
        this.keyed = keyed;
        this.open = open;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        BehindTheFilters.routing(routing, List.of("*"), Optional.of(KEY));
    }

    @SetUpRoute("open")
    static void openRouting(HttpRouting.Builder routing) {
        BehindTheFilters.routing(routing);
    }

    private Answer send(DirectClient client, String method, String authorization) {
        Http1ClientRequest request = client.method(Method.create(method)).path(BehindTheFilters.PROBE);
        if (authorization != null) {
            request.header(HeaderNames.AUTHORIZATION, authorization);
        }
        return Answer.of(request.request());
    }

    private static void assertRefused(Answer answer) {
        answer.assertProblem(401, "This API needs a key: send Authorization: Bearer <key>");
        assertEquals(Optional.of("Bearer"), answer.header("WWW-Authenticate"));
    }

    private static void assertThrough(Answer answer) {
        assertEquals(200, answer.status(), answer::toString);
        assertTrue(answer.body().startsWith("through "), answer::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "PATCH", "DELETE"})
    void a_change_without_the_key_is_refused_with_a_401_problem(String method) {
        assertRefused(send(keyed, method, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer wrong", "Bearer " + KEY + "x", "Bearer", "Basic " + KEY, "Bearer" + KEY, KEY,
        "Bearer s3cret-KEY"})
    void a_change_with_another_key_or_scheme_is_refused(String authorization) {
        assertRefused(send(keyed, "POST", authorization));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer " + KEY, "bearer " + KEY, "BEARER " + KEY, "Bearer    " + KEY})
    void a_change_with_the_key_goes_through_whatever_the_case_of_the_scheme(String authorization) {
        assertThrough(send(keyed, "POST", authorization));
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "OPTIONS"})
    void a_read_needs_no_key(String method) {
        assertThrough(send(keyed, method, null));
    }

    @Test
    void a_cors_preflight_needs_no_key_as_browsers_send_it_without() {
        Answer answer = Answer.of(keyed.method(Method.OPTIONS).path(BehindTheFilters.PROBE)
                .header(HeaderNames.ORIGIN, "https://shop.example")
                .header(HeaderNames.ACCESS_CONTROL_REQUEST_METHOD, "POST").request());

        assertEquals(204, answer.status(), answer::toString);
    }

    @Test
    void without_a_configured_key_a_change_needs_none() {
        assertThrough(send(open, "POST", null));
        assertThrough(send(open, "DELETE", "Bearer anything"));
    }
}
