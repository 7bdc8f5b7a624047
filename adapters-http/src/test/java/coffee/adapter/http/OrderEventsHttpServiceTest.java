package coffee.adapter.http;

import static coffee.domain.OrderTestData.T0;
import static coffee.domain.OrderTestData.anOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coffee.domain.Order;
import coffee.domain.OrderId;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.helidon.webserver.testing.junit5.Socket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link OrderEventsHttpService}, in the routing production serves: an order's stream of
 * server-sent events, with what this instance remembers ({@link RememberedChanges}) replayed
 * and no live change, so a stream ends at its order's final status; and the refusals of both
 * streams. The {@code plain} routing has no live changes at all, as a server without them.
 */
@RoutingTest
class OrderEventsHttpServiceTest {

    private static final InMemoryBackend BACKEND = new InMemoryBackend();
    private static final RememberedChanges CHANGES = new RememberedChanges();
    private final DirectClient client;
    private final DirectClient plain;

    OrderEventsHttpServiceTest(DirectClient client, @Socket("plain") DirectClient plain) {
        this.client = client;
        this.plain = plain;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        BACKEND.routing(routing, HttpSettings.defaults(), CHANGES);
    }

    @SetUpRoute("plain")
    static void plainRouting(HttpRouting.Builder routing) {
        BACKEND.routing(routing, HttpSettings.defaults());
    }

    private static Http1ClientRequest stream(DirectClient client, String path) {
        return client.get(path).header(HeaderValues.ACCEPT_EVENT_STREAM);
    }

    /** The events of a stream, each as its fields ({@code id}, {@code event}, {@code data}). */
    private static List<Map<String, String>> events(String stream) {
        List<Map<String, String>> events = new ArrayList<>();
        for (String block : stream.split("\n\n")) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (String line : block.split("\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    fields.put(line.substring(0, colon), line.substring(colon + 1).stripLeading());
                }
            }
            if (!fields.isEmpty()) {
                events.add(fields);
            }
        }
        return events;
    }

    private static List<String> ids(List<Map<String, String>> events) {
        return events.stream().map(event -> event.get("id")).toList();
    }

    @Test
    void the_stream_of_a_finished_order_sends_it_once_and_ends() {
        Order order = anOrder().build().startBrewing(T0).complete(T0);
        BACKEND.orders.save(order);

        Answer answer = Answer.of(stream(client, "/order/" + order.id() + "/events").request());

        assertEquals(200, answer.status(), answer::toString);
        assertTrue(answer.header("Content-Type").orElse("").startsWith("text/event-stream"), answer::toString);
        List<Map<String, String>> events = events(answer.body());
        assertEquals(1, events.size(), answer::toString);
        assertEquals("3", events.get(0).get("id"));
        assertEquals("completed", events.get(0).get("event"));
        assertTrue(events.get(0).get("data").contains("\"id\":\"" + order.id() + "\""), answer::toString);
    }

    @Test
    void the_stream_of_an_order_replays_its_steps_in_order_and_resumes_after_the_last_event_id() {
        Order pending = anOrder().build();
        BACKEND.orders.save(pending);
        CHANGES.remember(pending.startBrewing(T0), "p-1");
        CHANGES.remember(pending.startBrewing(T0).complete(T0), "p-2");
        String path = "/order/" + pending.id() + "/events";

        Answer whole = Answer.of(stream(client, path).request());
        Answer resumed = Answer.of(stream(client, path).header(OrderEventsHttpService.LAST_EVENT_ID, "2").request());
        Answer byParameter = Answer.of(stream(client, path).queryParam("last_event_id", "1").request());

        assertEquals(List.of("1", "2", "3"), ids(events(whole.body())), whole::toString);
        assertEquals(List.of("pending", "processing", "completed"),
                events(whole.body()).stream().map(event -> event.get("event")).toList());
        assertEquals(List.of("3"), ids(events(resumed.body())), resumed::toString);
        assertEquals(List.of("2", "3"), ids(events(byParameter.body())), byParameter::toString);
    }

    @Test
    void the_stream_of_an_unknown_order_is_a_404_problem() {
        Answer answer = Answer.of(stream(client, "/order/" + OrderId.random() + "/events").request());

        answer.assertProblem(404, "Order not found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/order/00000000-0000-4000-8000-000000000000/events", "/orders/events"})
    void a_client_that_does_not_take_an_event_stream_gets_a_406_problem(String path) {
        Answer answer = Answer.of(client.get(path).header(HeaderValues.ACCEPT_JSON).request());

        answer.assertProblem(406, "This is an event stream: Accept must allow text/event-stream");
    }

    @Test
    void a_last_event_id_that_is_no_event_of_the_stream_is_a_400_problem() {
        Order order = anOrder().build();
        BACKEND.orders.save(order);

        Answer one = Answer.of(stream(client, "/order/" + order.id() + "/events")
                .header(OrderEventsHttpService.LAST_EVENT_ID, "7").request());
        Answer all = Answer.of(stream(client, "/orders/events")
                .header(OrderEventsHttpService.LAST_EVENT_ID, "no-such-position").request());

        assertEquals("Last-Event-ID", one.assertProblem(400, "Last-Event-ID is not the id of an event of this stream")
                .get("field").asText());
        assertEquals("Last-Event-ID", all.assertProblem(400, "Last-Event-ID is not the id of an event of this stream")
                .get("field").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/order/00000000-0000-4000-8000-000000000000/events", "/orders/events"})
    void a_stream_takes_only_get_405(String path) {
        Answer answer = Answer.of(client.post(path).request());

        answer.assertProblem(405, "Method POST is not allowed here; use GET");
        assertEquals(Optional.of("GET, OPTIONS"), answer.header("Allow"));
    }

    @Test
    void a_server_without_live_changes_answers_503_with_retry_after() {
        Order order = anOrder().build();
        BACKEND.orders.save(order);

        Answer answer = Answer.of(stream(plain, "/order/" + order.id() + "/events").request());

        answer.assertProblem(503, "Live order updates are not available on this server");
        assertEquals(Optional.of("5"), answer.header(HeaderNames.RETRY_AFTER.defaultCase()));
    }
}
