package coffee.adapter.http.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link AccessLogFilter}: one line per request on {@code coffee.access}, with the method, the
 * path, the final status (also of an answer a later filter gave), the duration and the id.
 */
@RoutingTest
class AccessLogFilterTest {

    private static final String ACCESS = "coffee.access";
    private final DirectClient client;

    AccessLogFilterTest(DirectClient client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        BehindTheFilters.routing(routing, List.of("*"), Optional.of("s3cret"));
    }

    /** The access lines of one request id; the line is written once the answer has gone out. */
    private static List<String> linesOf(CapturedLog log, String requestId) throws InterruptedException {
        log.await(line -> line.endsWith(" request_id=" + requestId));
        return log.lines().stream().filter(line -> line.endsWith(" request_id=" + requestId)).toList();
    }

    @Test
    void a_request_is_logged_in_one_line_with_method_path_status_duration_and_id() throws InterruptedException {
        List<String> lines;
        Answer answer;
        try (CapturedLog log = CapturedLog.of(ACCESS, Level.INFO)) {
            answer = Answer.of(client.get(BehindTheFilters.PROBE).queryParam("q", "not logged")
                    .header(RequestIds.HEADER, "req-access-1").request());
            lines = linesOf(log, "req-access-1");
        }

        assertEquals(200, answer.status(), answer::toString);
        assertEquals(1, lines.size(), lines::toString);
        assertTrue(Pattern.matches("INFO method=GET path=/probe status=200 duration_ms=\\d+\\.\\d{2} request_id=req-access-1",
                lines.get(0)), lines.get(0));
    }

    @Test
    void an_answer_a_later_filter_gives_is_logged_with_its_status() throws InterruptedException {
        List<String> lines;
        try (CapturedLog log = CapturedLog.of(ACCESS, Level.INFO)) {
            Answer.of(client.post(BehindTheFilters.PROBE).header(RequestIds.HEADER, "req-access-2").request());
            lines = linesOf(log, "req-access-2");
        }

        assertEquals(1, lines.size(), lines::toString);
        assertTrue(lines.get(0).startsWith("INFO method=POST path=/probe status=401 "), lines.get(0));
    }

    @Test
    void a_long_path_is_cut_in_the_log() throws InterruptedException {
        String longPath = "/" + "x".repeat(300);
        List<String> lines;
        try (CapturedLog log = CapturedLog.of(ACCESS, Level.INFO)) {
            Answer.of(client.get(longPath).header(RequestIds.HEADER, "req-access-3").request());
            lines = linesOf(log, "req-access-3");
        }

        assertEquals(1, lines.size(), lines::toString);
        assertTrue(lines.get(0).startsWith("INFO method=GET path=" + longPath.substring(0, 200) + "... status=404 "),
                lines.get(0));
    }
}
