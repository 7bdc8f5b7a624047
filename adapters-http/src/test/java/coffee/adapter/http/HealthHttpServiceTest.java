package coffee.adapter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link HealthHttpService}, in the routing production serves: liveness at {@code /health}. */
@RoutingTest
class HealthHttpServiceTest {

    private static final InMemoryBackend BACKEND = new InMemoryBackend();
    private final DirectClient client;

    HealthHttpServiceTest(DirectClient client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        BACKEND.routing(routing, HttpSettings.defaults());
    }

    @Test
    void a_live_server_answers_200_ok_in_json() {
        Answer answer = Answer.of(client.get("/health").request());

        assertEquals(200, answer.status(), answer::toString);
        assertEquals("{\"status\":\"ok\"}", answer.json().toString());
        assertEquals(Optional.of("application/json"), answer.header("Content-Type"));
    }

    @Test
    void head_answers_as_get_without_the_body() {
        Answer get = Answer.of(client.get("/health").request());
        Answer head = Answer.headersOf(client.head("/health").request());

        assertEquals(200, get.status(), get::toString);
        head.assertHeadOf(get);
    }

    @Test
    void another_method_is_a_405_problem_that_says_which_are_allowed() {
        Answer answer = Answer.of(client.post("/health").request());

        answer.assertProblem(405, "Method POST is not allowed here; use GET or HEAD");
        assertEquals(Optional.of("GET, HEAD, OPTIONS"), answer.header("Allow"));
    }

    @Test
    void options_says_which_methods_are_allowed() {
        Answer answer = Answer.of(client.method(Method.OPTIONS).path("/health").request());

        assertEquals(204, answer.status(), answer::toString);
        assertEquals(Optional.of("GET, HEAD, OPTIONS"), answer.header("Allow"));
    }
}
