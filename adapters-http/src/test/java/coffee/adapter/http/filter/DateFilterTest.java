package coffee.adapter.http.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coffee.adapter.http.Answer;
import coffee.adapter.http.support.HttpDates;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link DateFilter}: every answer is dated as HTTP says, two-digit day and GMT, however it
 * ends, including answers a later filter gives itself. (Without the filter, Helidon dates the
 * answer itself: these tests tell the two apart on days 1 to 9 of a month, when Helidon writes
 * a one-digit day, and on a machine whose time zone is not UTC.)
 */
@RoutingTest
class DateFilterTest {

    /** IMF-fixdate, {@code Thu, 03 Dec 2026 07:05:09 GMT}. */
    private static final Pattern IMF_FIXDATE =
            Pattern.compile("(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");

    private final DirectClient client;

    DateFilterTest(DirectClient client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        BehindTheFilters.routing(routing, List.of("https://shop.example"), Optional.of("s3cret"));
    }

    /** The answer's date, checked to be now (the second the request went out, or one after). */
    private static Answer assertDatedNow(Supplier<Answer> send) {
        long before = Instant.now().getEpochSecond();
        Answer answer = send.get();
        long after = Instant.now().getEpochSecond();

        String date = answer.header("Date").orElseThrow(() -> new AssertionError("no Date: " + answer));
        assertTrue(IMF_FIXDATE.matcher(date).matches(), date);
        boolean now = false;
        for (long second = before; second <= after; second++) {
            now |= date.equals(HttpDates.format(Instant.ofEpochSecond(second)));
        }
        assertTrue(now, date + " is not between " + before + " and " + after);
        return answer;
    }

    @Test
    void an_answer_of_a_route_is_dated_now_in_imf_fixdate() {
        assertDatedNow(() -> Answer.of(client.get(BehindTheFilters.PROBE).request()));
    }

    @Test
    void an_answer_a_later_filter_gives_itself_is_dated_too() {
        // refused by the API key filter, and by CORS, before any route runs
        assertEquals(401, assertDatedNow(() -> Answer.of(client.post(BehindTheFilters.PROBE).request())).status());
        assertEquals(403, assertDatedNow(() -> Answer.of(client.method(Method.OPTIONS).path(BehindTheFilters.PROBE)
                .header(HeaderNames.ORIGIN, "https://elsewhere.example")
                .header(HeaderNames.ACCESS_CONTROL_REQUEST_METHOD, "POST").request())).status());
    }

    @Test
    void a_path_no_route_serves_is_dated_too() {
        Answer answer = assertDatedNow(() -> Answer.of(client.get("/nothing-here").request()));

        assertEquals(404, answer.status(), answer::toString);
    }
}
