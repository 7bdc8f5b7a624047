package coffee.adapter.http;

import static coffee.domain.OrderTestData.T0;
import static coffee.domain.OrderTestData.anOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coffee.domain.Order;
import coffee.domain.OrderCancelRequested;
import coffee.domain.OrderId;
import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link OrderHttpService}, in the routing production serves, over the application in memory
 * ({@link InMemoryBackend}): placing, reading, listing and cancelling orders, and every refusal
 * as the API's JSON problem. The backend lives as long as the class (Helidon sets the routing up
 * once): each test makes its own orders, and Kafka is mended after each.
 */
@RoutingTest
class OrderHttpServiceTest {

    private static final InMemoryBackend BACKEND = new InMemoryBackend();
    private final DirectClient client;

    OrderHttpServiceTest(DirectClient client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        BACKEND.routing(routing, HttpSettings.defaults());
    }

    @AfterEach
    void mendKafka() {
        BACKEND.reset();
    }

    private Http1ClientRequest postJson(String path) {
        return client.post(path).header(HeaderValues.CONTENT_TYPE_JSON);
    }

    private Answer place(String customer, String drink, String idempotencyKey) {
        Http1ClientRequest request = postJson("/order");
        if (idempotencyKey != null) {
            request.header(HeaderNames.create("Idempotency-Key"), idempotencyKey);
        }
        return Answer.of(request.submit("{\"customer_name\":\"" + customer + "\",\"coffee_type\":\"" + drink + "\"}"));
    }

    /** {@code request} with the parameters of {@code query}, such as {@code limit=0&status=x}. */
    private static Http1ClientRequest withQuery(Http1ClientRequest request, String query) {
        for (String parameter : query.split("&")) {
            int equals = parameter.indexOf('=');
            request.queryParam(parameter.substring(0, equals), parameter.substring(equals + 1));
        }
        return request;
    }

    /** An order already in the view, as the consumers would have brought it. */
    private static Order inTheView(Order order) {
        BACKEND.orders.save(order);
        return order;
    }

    // placing

    @Test
    void placing_an_order_answers_201_with_the_order_and_where_to_find_it() {
        Answer answer = place("Ann", "Latte", null);

        assertEquals(201, answer.status(), answer::toString);
        JsonNode body = answer.json();
        assertTrue(body.get("success").asBoolean());
        assertEquals("Order placed", body.get("message").asText());
        JsonNode order = body.get("order");
        assertEquals("Ann", order.get("customer_name").asText());
        assertEquals("Latte", order.get("coffee_type").asText());
        assertEquals("pending", order.get("status").asText());
        assertEquals(T0.toString(), order.get("created_at").asText());
        assertEquals(Optional.of("/order/" + order.get("id").asText()), answer.header("Location"));
        assertTrue(BACKEND.kafka.published().stream()
                .anyMatch(sent -> sent.event().orderId().toString().equals(order.get("id").asText())
                        && sent.requestId().value().equals(answer.header("X-Request-ID").orElseThrow())),
                "published to Kafka with the request's id");
    }

    @Test
    void placing_again_with_the_same_idempotency_key_answers_200_with_the_first_order() {
        Answer first = place("Bea", "Mocha", "key-replay-1");
        Answer again = place("Bea", "Mocha", "key-replay-1");

        assertEquals(201, first.status(), first::toString);
        assertEquals(200, again.status(), again::toString);
        assertEquals("Order already placed", again.json().get("message").asText());
        assertEquals(first.json().get("order").get("id"), again.json().get("order").get("id"));
        assertEquals(first.header("Location"), again.header("Location"));
    }

    @Test
    void an_idempotency_key_used_for_another_order_is_a_422_problem() {
        place("Cy", "Mocha", "key-reused-1");

        Answer answer = place("Cy", "Latte", "key-reused-1");

        JsonNode problem = answer.assertProblem(422, "Idempotency-Key was already used for a different order");
        assertEquals("Idempotency-Key", problem.get("field").asText());
    }

    @Test
    void a_post_without_a_body_gets_a_400_problem() {
        Answer answer = Answer.of(postJson("/order").request());

        answer.assertProblem(400, "Request body is required: a JSON object");
    }

    @Test
    void a_body_that_is_not_json_gets_a_400_problem_saying_why() {
        Answer answer = Answer.of(postJson("/order").submit("{\"customer_name\":"));

        String error = answer.assertProblem(400).get("error").asText();
        assertTrue(error.startsWith("Request body is not valid JSON: "), error);
    }

    @Test
    void json_that_is_not_an_object_gets_a_400_problem() {
        Answer answer = Answer.of(postJson("/order").submit("[\"Ann\", \"Latte\"]"));

        answer.assertProblem(400, "Request body must be a JSON object");
    }

    @Test
    void a_body_that_says_it_is_not_json_gets_a_415_problem() {
        Answer answer = Answer.of(client.post("/order").header(HeaderValues.CONTENT_TYPE_TEXT_PLAIN)
                .submit("{\"customer_name\":\"Ann\",\"coffee_type\":\"Latte\"}"));

        answer.assertProblem(415, "Content-Type must be application/json");
    }

    @Test
    void a_body_over_the_limit_gets_a_413_problem() {
        String name = "x".repeat(HttpSettings.DEFAULT_MAX_BODY_BYTES);

        Answer answer = Answer.of(postJson("/order").submit("{\"customer_name\":\"" + name + "\"}"));

        answer.assertProblem(413, "Request body is larger than " + HttpSettings.DEFAULT_MAX_BODY_BYTES + " bytes");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"coffee_type\":\"Latte\"}                          | customer_name | customer_name is required",
        "{\"customer_name\":\" \",\"coffee_type\":\"Latte\"}  | customer_name | customer_name must not be empty",
        "{\"customer_name\":7,\"coffee_type\":\"Latte\"}      | customer_name | customer_name must be a string",
        "{\"customer_name\":\"Ann\"}                          | coffee_type   | coffee_type is required",
        "{\"customer_name\":\"Ann\",\"coffee_type\":\"Tea\"}  | coffee_type   "
                + "| coffee_type must be one of the drinks on the menu (GET /menu)"})
    void an_order_with_a_field_missing_or_wrong_gets_a_400_problem_naming_the_field(String body, String field,
            String error) {
        Answer answer = Answer.of(postJson("/order").submit(body));

        assertEquals(field, answer.assertProblem(400, error).get("field").asText());
    }

    @Test
    void an_order_kafka_does_not_confirm_is_a_503_problem_with_retry_after() {
        BACKEND.kafka.breakDown();

        Answer answer = place("Dee", "Latte", "key-unconfirmed-1");

        String error = answer.assertProblem(503).get("error").asText();
        assertTrue(error.startsWith("Kafka did not confirm the order"), error);
        assertTrue(error.endsWith("Retry with the same Idempotency-Key: it is safe"), error);
        assertEquals(Optional.of("2"), answer.header("Retry-After"));
    }

    // reading

    @Test
    void an_order_is_read_by_its_id() {
        Order order = inTheView(anOrder().forCustomer("Eve").build());

        Answer answer = Answer.of(client.get("/order/" + order.id()).request());

        assertEquals(200, answer.status(), answer::toString);
        assertEquals(order.id().toString(), answer.json().get("id").asText());
        assertEquals("Eve", answer.json().get("customer_name").asText());
        assertEquals("pending", answer.json().get("status").asText());
    }

    @Test
    void head_of_an_order_answers_as_get_without_the_body() {
        Order order = inTheView(anOrder().build());

        Answer get = Answer.of(client.get("/order/" + order.id()).request());
        Answer head = Answer.headersOf(client.head("/order/" + order.id()).request());

        assertEquals(200, get.status(), get::toString);
        head.assertHeadOf(get);
    }

    @Test
    void an_unknown_order_is_a_404_problem() {
        Answer unknown = Answer.of(client.get("/order/" + OrderId.random()).request());
        Answer malformed = Answer.of(client.get("/order/not-an-id").request());
        Answer head = Answer.headersOf(client.head("/order/" + OrderId.random()).request());

        unknown.assertProblem(404, "Order not found");
        malformed.assertProblem(404, "Order not found");
        assertEquals(404, head.status(), head::toString);
        assertEquals(Optional.of("application/json"), head.header("Content-Type"));
    }

    @Test
    void a_read_that_waits_for_a_status_already_reached_answers_at_once() {
        Order order = inTheView(anOrder().build().startBrewing(T0).complete(T0));

        Answer answer = Answer.of(client.get("/order/" + order.id()).queryParam("wait_for", "completed")
                .queryParam("timeout", "10s").request());

        assertEquals(200, answer.status(), answer::toString);
        assertEquals("completed", answer.json().get("status").asText());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "wait_for=brewed           | wait_for | wait_for must be one of: pending, processing, completed, cancelled",
        "wait_for=completed&timeout=2h | timeout | timeout must be a duration of at most 60s, such as 500ms, 10s or 1m",
        "timeout=5s                | timeout  | timeout needs wait_for: the status to wait for"})
    void a_waiting_read_with_a_wrong_parameter_is_a_400_problem_naming_it(String query, String field, String error) {
        Order order = inTheView(anOrder().build());

        Answer answer = Answer.of(withQuery(client.get("/order/" + order.id()), query).request());

        assertEquals(field, answer.assertProblem(400, error).get("field").asText());
    }

    // listing

    @Test
    void orders_are_listed_newest_first_and_filtered_by_customer_and_status() {
        Order first = inTheView(anOrder().forCustomer("Lister").placedAt(T0).build());
        Order second = inTheView(anOrder().forCustomer("Lister").placedAt(T0.plusSeconds(1)).build());
        Order done = inTheView(anOrder().forCustomer("Lister").placedAt(T0.plusSeconds(2)).build()
                .startBrewing(T0.plusSeconds(3)));
        inTheView(anOrder().forCustomer("Someone Else").build());

        Answer all = Answer.of(client.get("/orders").queryParam("customer", "lister").request());
        Answer pending = Answer.of(client.get("/orders").queryParam("customer", "Lister")
                .queryParam("status", "pending").queryParam("limit", "1").request());

        assertEquals(200, all.status(), all::toString);
        assertEquals(List.of(done.id().toString(), second.id().toString(), first.id().toString()), ids(all.json()));
        assertEquals(200, pending.status(), pending::toString);
        assertEquals(List.of(second.id().toString()), ids(pending.json()));
    }

    private static List<String> ids(JsonNode orders) {
        List<String> ids = new ArrayList<>();
        orders.forEach(order -> ids.add(order.get("id").asText()));
        return ids;
    }

    @Test
    void head_of_the_list_answers_as_get_without_the_body() {
        inTheView(anOrder().forCustomer("Header").build());

        Answer get = Answer.of(client.get("/orders").queryParam("customer", "Header").request());
        Answer head = Answer.headersOf(client.head("/orders").queryParam("customer", "Header").request());

        assertEquals(200, get.status(), get::toString);
        head.assertHeadOf(get);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "limit=0       | limit    | limit must be a whole number from 1 to 500",
        "limit=many    | limit    | limit must be a whole number from 1 to 500",
        "status=brewed | status   | status must be one of: pending, processing, completed, cancelled",
        "'customer= a' | customer | customer must not start or end with spaces"})
    void a_list_with_a_wrong_parameter_is_a_400_problem_naming_it(String query, String field, String error) {
        Answer answer = Answer.of(withQuery(client.get("/orders"), query).request());

        assertEquals(field, answer.assertProblem(400, error).get("field").asText());
    }

    // cancelling

    @Test
    void a_pending_order_the_consumer_cancels_answers_200_with_the_cancelled_order() {
        Order order = inTheView(anOrder().build());
        BACKEND.kafka.whenPublished(event -> {
            if (event instanceof OrderCancelRequested) {
                BACKEND.orders.save(order.cancel(T0));
            }
        });

        Answer answer = Answer.of(client.post("/order/" + order.id() + "/cancel").request());

        assertEquals(200, answer.status(), answer::toString);
        assertEquals("Order cancelled", answer.json().get("message").asText());
        assertEquals("cancelled", answer.json().get("order").get("status").asText());
    }

    @Test
    void delete_cancels_too() {
        Order order = inTheView(anOrder().build());
        BACKEND.kafka.whenPublished(event -> BACKEND.orders.save(order.cancel(T0)));

        Answer answer = Answer.of(client.delete("/order/" + order.id()).request());

        assertEquals(200, answer.status(), answer::toString);
        assertEquals("cancelled", answer.json().get("order").get("status").asText());
    }

    @Test
    void without_a_verdict_yet_a_cancel_is_accepted_with_202() {
        Order order = inTheView(anOrder().build());

        Answer answer = Answer.of(client.post("/order/" + order.id() + "/cancel").request());

        assertEquals(202, answer.status(), answer::toString);
        assertEquals("Cancellation requested; the order is cancelled unless brewing has started",
                answer.json().get("message").asText());
        assertEquals("pending", answer.json().get("order").get("status").asText());
    }

    @Test
    void an_order_already_brewing_cannot_be_cancelled_409() {
        Order order = inTheView(anOrder().build().startBrewing(T0));

        Answer answer = Answer.of(client.post("/order/" + order.id() + "/cancel").request());

        answer.assertProblem(409, "Order cannot be cancelled");
    }

    @Test
    void cancelling_an_unknown_order_is_a_404_problem() {
        Answer answer = Answer.of(client.delete("/order/" + OrderId.random()).request());

        answer.assertProblem(404, "Order not found");
    }

    @Test
    void a_cancel_kafka_does_not_confirm_is_a_503_problem_with_retry_after() {
        Order order = inTheView(anOrder().build());
        BACKEND.kafka.breakDown();

        Answer answer = Answer.of(client.post("/order/" + order.id() + "/cancel").request());

        String error = answer.assertProblem(503).get("error").asText();
        assertTrue(error.startsWith("Kafka did not confirm the cancel request"), error);
        assertEquals(Optional.of("2"), answer.header("Retry-After"));
    }

    // methods

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "PUT    | /order                 | POST                  | POST, OPTIONS",
        "GET    | /order                 | POST                  | POST, OPTIONS",
        "PATCH  | /order/x               | GET or HEAD or DELETE | GET, HEAD, DELETE, OPTIONS",
        "GET    | /order/x/cancel        | POST                  | POST, OPTIONS",
        "POST   | /orders                | GET or HEAD           | GET, HEAD, OPTIONS",
        "DELETE | /internal/view/orders  | GET or HEAD           | GET, HEAD, OPTIONS"})
    void a_method_a_path_does_not_serve_is_a_405_problem_with_allow(String method, String path, String use,
            String allow) {
        Answer answer = Answer.of(client.method(Method.create(method)).path(path).request());

        answer.assertProblem(405, "Method " + method + " is not allowed here; use " + use);
        assertEquals(Optional.of(allow), answer.header("Allow"));
    }

    // the questions of other instances

    @Test
    void another_instance_reads_an_order_and_a_list_from_this_one() {
        Order order = inTheView(anOrder().forCustomer("Peer").build());

        Answer one = Answer.of(client.get("/internal/view/order/" + order.id()).request());
        Answer list = Answer.of(client.get("/internal/view/orders").queryParam("customer", "Peer").request());

        assertEquals(200, one.status(), one::toString);
        assertEquals(order.id().toString(), one.json().get("id").asText());
        assertEquals(200, list.status(), list::toString);
        assertEquals(List.of(order.id().toString()), ids(list.json()));
    }
}
