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

/**
 * {@link CorsFilter}, with the default (any origin) and with a list of origins (the
 * {@code shop} routing): preflights answered by the filter, real answers marked for the browser.
 */
@RoutingTest
class CorsFilterTest {

    private static final String SHOP = "https://shop.example";
    private final DirectClient anyOrigin;
    private final DirectClient shopOnly;

    CorsFilterTest(DirectClient anyOrigin, @Socket("shop") DirectClient shopOnly) {
        this.anyOrigin = anyOrigin;
        this.shopOnly = shopOnly;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        BehindTheFilters.routing(routing);
    }

    @SetUpRoute("shop")
    static void shopRouting(HttpRouting.Builder routing) {
        BehindTheFilters.routing(routing, List.of(SHOP), Optional.empty());
    }

    private static Http1ClientRequest preflight(DirectClient client, String origin) {
        return client.method(Method.OPTIONS).path(BehindTheFilters.PROBE)
                .header(HeaderNames.ORIGIN, origin)
                .header(HeaderNames.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HeaderNames.ACCESS_CONTROL_REQUEST_HEADERS, "Content-Type, Idempotency-Key");
    }

    @Test
    void a_preflight_is_answered_204_by_the_filter_with_what_a_page_may_send() {
        Answer answer = Answer.of(preflight(anyOrigin, "https://anywhere.example").request());

        assertEquals(204, answer.status(), answer::toString);
        assertEquals("", answer.body(), "the route behind never ran");
        assertEquals(Optional.of("*"), answer.header("Access-Control-Allow-Origin"));
        assertEquals(Optional.of("GET, POST, DELETE, OPTIONS"), answer.header("Access-Control-Allow-Methods"));
        assertEquals(Optional.of("Content-Type, Idempotency-Key, X-Request-ID, Authorization"),
                answer.header("Access-Control-Allow-Headers"));
        assertEquals(Optional.of("600"), answer.header("Access-Control-Max-Age"));
    }

    @Test
    void a_request_from_any_origin_goes_through_marked_for_the_browser() {
        Answer answer = Answer.of(anyOrigin.get(BehindTheFilters.PROBE)
                .header(HeaderNames.ORIGIN, "https://anywhere.example").request());

        assertEquals(200, answer.status(), answer::toString);
        assertTrue(answer.body().startsWith("through "), answer::toString);
        assertEquals(Optional.of("*"), answer.header("Access-Control-Allow-Origin"));
        assertEquals(Optional.of("X-Request-ID, Location, Retry-After"), answer.header("Access-Control-Expose-Headers"));
        assertEquals(Optional.empty(), answer.header("Vary"), "the answer is the same for every origin");
    }

    @Test
    void a_request_without_an_origin_is_left_alone() {
        Answer answer = Answer.of(anyOrigin.get(BehindTheFilters.PROBE).request());

        assertEquals(200, answer.status(), answer::toString);
        assertEquals(Optional.empty(), answer.header("Access-Control-Allow-Origin"), answer::toString);
        assertEquals(Optional.empty(), answer.header("Access-Control-Expose-Headers"));
    }

    @Test
    void a_plain_options_without_an_origin_is_no_preflight_and_goes_through() {
        Answer answer = Answer.of(anyOrigin.method(Method.OPTIONS).path(BehindTheFilters.PROBE)
                .header(HeaderNames.ACCESS_CONTROL_REQUEST_METHOD, "POST").request());

        assertEquals(200, answer.status(), answer::toString);
        assertTrue(answer.body().startsWith("through "), answer::toString);
    }

    @Test
    void a_listed_origin_is_named_back_and_the_answer_varies_by_origin() {
        Answer preflight = Answer.of(preflight(shopOnly, SHOP).request());
        Answer request = Answer.of(shopOnly.get(BehindTheFilters.PROBE).header(HeaderNames.ORIGIN, SHOP).request());

        assertEquals(204, preflight.status(), preflight::toString);
        assertEquals(Optional.of(SHOP), preflight.header("Access-Control-Allow-Origin"));
        assertEquals(Optional.of("Origin"), preflight.header("Vary"));
        assertEquals(200, request.status(), request::toString);
        assertEquals(Optional.of(SHOP), request.header("Access-Control-Allow-Origin"));
        assertEquals(Optional.of("Origin"), request.header("Vary"));
    }

    @Test
    void a_preflight_from_an_origin_not_listed_is_refused_with_a_403_problem() {
        Answer answer = Answer.of(preflight(shopOnly, "https://evil.example").request());

        answer.assertProblem(403, "Origin https://evil.example is not allowed");
        assertEquals(Optional.empty(), answer.header("Access-Control-Allow-Origin"), answer::toString);
    }

    @Test
    void a_request_from_an_origin_not_listed_goes_through_unmarked_so_the_browser_withholds_it() {
        Answer answer = Answer.of(shopOnly.get(BehindTheFilters.PROBE)
                .header(HeaderNames.ORIGIN, "https://evil.example").request());

        assertEquals(200, answer.status(), answer::toString);
        assertEquals(Optional.empty(), answer.header("Access-Control-Allow-Origin"), answer::toString);
        assertEquals(Optional.empty(), answer.header("Access-Control-Expose-Headers"));
    }
}
