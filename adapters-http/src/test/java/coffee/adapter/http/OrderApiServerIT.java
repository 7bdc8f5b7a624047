package coffee.adapter.http;

import static coffee.domain.OrderTestData.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import coffee.application.port.in.PlaceOrder;
import coffee.application.readmodel.InMemoryOrderRepository;
import coffee.application.service.CancelOrderService;
import coffee.application.service.FakeOrderPublisher;
import coffee.application.service.OrderQueries;
import coffee.application.service.PlaceOrderService;
import coffee.domain.Order;
import coffee.domain.OrderCancelRequested;
import coffee.domain.OrderId;
import coffee.domain.OrderStatus;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/** The whole API through a real Helidon server on a free port, Kafka replaced by a fake. */
class OrderApiServerIT {

    private final InMemoryOrderRepository orders = new InMemoryOrderRepository();
    private final FakeOrderPublisher kafka = FakeOrderPublisher.feeding(orders);
    private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    private final AtomicReference<Optional<String>> kafkaProblem = new AtomicReference<>(Optional.empty());
    private OrderApiServer server;
    private ApiClient api;

    private ApiClient start(HttpSettings settings, PlaceOrder placeOrder) {
        OrderUseCases useCases = new OrderUseCases(placeOrder,
                new CancelOrderService(kafka, orders, clock, Duration.ofMillis(300)), new OrderQueries(orders));
        server = OrderApiServer.start(settings.withPort(0), useCases, kafkaProblem::get);
        api = new ApiClient(server.port());
        return api;
    }

    private ApiClient start() {
        return start(HttpSettings.defaults(), new PlaceOrderService(kafka, orders, OrderId::random, clock));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Sends {@code GET /health} on an open socket and reads the status line (the connection stays open). */
    private static String health(Socket socket) throws IOException {
        socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = socket.getInputStream().read()) != -1 && b != '\n') {
            line.append((char) b);
        }
        return line.toString().strip();
    }

    @Test
    void connections_beyond_the_bound_wait_to_be_accepted_until_one_closes() throws Exception {
        start(HttpSettings.defaults().withMaxConnections(2), new PlaceOrderService(kafka, orders, OrderId::random, clock));
        try (Socket first = new Socket("127.0.0.1", server.port());
                Socket second = new Socket("127.0.0.1", server.port());
                Socket third = new Socket("127.0.0.1", server.port())) {
            assertTrue(health(first).startsWith("HTTP/1.1 200"));
            assertTrue(health(second).startsWith("HTTP/1.1 200"));

            third.setSoTimeout(1_000);
            assertThrows(java.net.SocketTimeoutException.class, () -> health(third),
                    "a third connection is not served while two are open");

            first.close();
            third.setSoTimeout(10_000);
            StringBuilder rest = new StringBuilder();
            int b;
            while ((b = third.getInputStream().read()) != -1 && b != '\n') {
                rest.append((char) b);
            }
            assertTrue(rest.toString().startsWith("HTTP/1.1 200"), "served once one closed: " + rest);
        }
    }

    private static void assertJsonError(ApiClient.Response response, int status) {
        assertEquals(status, response.status(), response.toString());
        assertTrue(response.header("Content-Type").startsWith("application/json"), response.toString());
        assertNotNull(response.text("error"), response.toString());
        assertEquals(response.header("X-Request-ID"), response.text("request_id"), response.toString());
    }

    @Test
    void placing_an_order_answers_201_with_the_order_and_where_to_find_it() {
        ApiClient.Response response = start().placeOrder("Ann", "Latte");

        assertEquals(201, response.status(), response.toString());
        JsonNode body = response.json();
        assertTrue(body.get("success").asBoolean());
        JsonNode order = body.get("order");
        assertEquals("Ann", order.get("customer_name").asText());
        assertEquals("Latte", order.get("coffee_type").asText());
        assertEquals("pending", order.get("status").asText());
        assertEquals("2026-11-24T09:00:00Z", order.get("created_at").asText());
        assertEquals("2026-11-24T09:00:00Z", order.get("updated_at").asText());
        assertEquals("/order/" + order.get("id").asText(), response.header("Location"));
        assertNotNull(response.header("X-Request-ID"));
        assertEquals(1, kafka.published().size());
    }

    @Test
    void a_prepared_server_opens_its_port_only_when_started() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        OrderUseCases useCases = new OrderUseCases(new PlaceOrderService(kafka, orders, OrderId::random, clock),
                new CancelOrderService(kafka, orders, clock, Duration.ofMillis(300)), new OrderQueries(orders));
        OrderApiServer.Prepared prepared = OrderApiServer.prepare(HttpSettings.defaults().withPort(port), useCases,
                kafkaProblem::get);

        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close(), "nothing listens yet");

        server = prepared.start();
        assertEquals(port, server.port());
        assertEquals(201, new ApiClient(port).placeOrder("Ann", "Latte").status());
    }

    @Test
    void a_port_in_use_is_reported_as_such_not_as_a_server_on_port_minus_one() throws IOException {
        OrderUseCases useCases = new OrderUseCases(new PlaceOrderService(kafka, orders, OrderId::random, clock),
                new CancelOrderService(kafka, orders, clock, Duration.ofMillis(300)), new OrderQueries(orders));
        try (ServerSocket taken = new ServerSocket(0)) {
            OrderApiServer.Prepared prepared = OrderApiServer.prepare(
                    HttpSettings.defaults().withPort(taken.getLocalPort()), useCases, kafkaProblem::get);

            CannotListenException e = assertThrows(CannotListenException.class, prepared::start);

            assertEquals(CannotListenException.Reason.PORT_IN_USE, e.reason());
            assertEquals(taken.getLocalPort(), e.port());
        }
    }

    @Test
    void whether_a_port_is_free_can_be_checked_before_anything_starts() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            CannotListenException e = assertThrows(CannotListenException.class,
                    () -> OrderApiServer.checkCanListen("0.0.0.0", taken.getLocalPort()));

            assertEquals(CannotListenException.Reason.PORT_IN_USE, e.reason());
        }
        OrderApiServer.checkCanListen("0.0.0.0", 0);
        CannotListenException unknown = assertThrows(CannotListenException.class,
                () -> OrderApiServer.checkCanListen("no-such-host.invalid", 0));
        assertEquals(CannotListenException.Reason.UNKNOWN_HOST, unknown.reason());
    }

    @Test
    void the_request_id_travels_from_the_header_to_kafka_and_back() {
        ApiClient.Response response = start().placeOrder("Ann", "latte", "X-Request-ID", "trace-42");

        assertEquals("trace-42", response.header("X-Request-ID"));
        assertEquals("trace-42", kafka.published().get(0).requestId().value());
    }

    @Test
    void an_unsafe_incoming_request_id_is_replaced() {
        ApiClient.Response response = start().placeOrder("Ann", "latte", "X-Request-ID", "x".repeat(300));

        assertNotEquals("x".repeat(300), response.header("X-Request-ID"));
        assertTrue(response.header("X-Request-ID").length() <= 64);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}",
        "{\"customer_name\":\"Ann\"}",
        "{\"coffee_type\":\"Latte\"}",
        "{\"customer_name\":\"Ann\",\"coffee_type\":\"Tea\"}",
        "{\"customer_name\":\"\",\"coffee_type\":\"Latte\"}",
        "{\"customer_name\":42,\"coffee_type\":\"Latte\"}",
        "{\"customer_name\":null,\"coffee_type\":\"Latte\"}",
        "{\"customer_name\":[\"Ann\"],\"coffee_type\":\"Latte\"}",
        "{\"customer_name\":\"Ann\\nBob\",\"coffee_type\":\"Latte\"}",
        "{\"customer_name\":\"Ann\",\"coffee_type\":\"Latte\",\"customer_name\":\"Bob\"}",
        "{\"customer_name\":\"Ann\",\"coffee_type\":\"Latte\"",
        "{\"customer_name\":\"Ann\",\"coffee_type\":\"Latte\"} trailing",
        "not json at all",
        "[]",
        "\"just a string\"",
        "null"
    })
    void a_bad_order_is_a_400_json_error_and_nothing_is_published(String body) {
        assertJsonError(start().postJson("/order", body), 400);
        assertTrue(kafka.published().isEmpty());
    }

    @Test
    void an_invalid_field_is_named_in_the_error() {
        ApiClient.Response response = start().placeOrder("Ann", "Tea");

        assertEquals("coffee_type", response.text("field"));
    }

    @Test
    void deeply_nested_json_is_refused_without_a_fuss() {
        assertJsonError(start().postJson("/order", "[".repeat(5000) + "]".repeat(5000)), 400);
    }

    @Test
    void an_empty_body_is_a_400_with_or_without_a_content_type() {
        start();

        assertJsonError(api.send(api.request("POST", "/order").header("Content-Type", "application/json")), 400);
        assertJsonError(api.send(api.request("POST", "/order")), 400);
    }

    @Test
    void a_body_that_is_not_json_is_a_415() {
        start();
        ApiClient.Response response = api.send(api.request("POST", "/order")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("customer_name=Ann")));

        assertJsonError(response, 415);
    }

    @Test
    void a_body_larger_than_the_limit_is_a_413() {
        String huge = "{\"customer_name\":\"" + "a".repeat(20_000) + "\",\"coffee_type\":\"Latte\"}";

        ApiClient.Response response = start().postJson("/order", huge);

        assertJsonError(response, 413);
        assertEquals("Request body is larger than 16384 bytes", response.text("error"));
    }

    @Test
    void when_kafka_does_not_confirm_the_answer_is_503_with_retry_after() {
        kafka.breakDown();

        ApiClient.Response response = start().placeOrder("Ann", "Latte");

        assertJsonError(response, 503);
        assertNotNull(response.header("Retry-After"));
        assertTrue(response.text("error").contains("Idempotency-Key"), response.toString());
    }

    @Test
    void a_retry_with_the_same_idempotency_key_returns_the_first_order_with_200() {
        start();
        ApiClient.Response first = api.placeOrder("Ann", "Latte", "Idempotency-Key", "k-1");
        ApiClient.Response retry = api.placeOrder("Ann", "Latte", "Idempotency-Key", "k-1");

        assertEquals(201, first.status());
        assertEquals(200, retry.status(), retry.toString());
        assertEquals(first.json().get("order").get("id"), retry.json().get("order").get("id"));
        assertEquals(1, kafka.published().size());
    }

    @Test
    void the_same_idempotency_key_for_another_order_is_a_422() {
        start();
        api.placeOrder("Ann", "Latte", "Idempotency-Key", "k-1");

        assertJsonError(api.placeOrder("Ann", "Mocha", "Idempotency-Key", "k-1"), 422);
    }

    @Test
    void an_order_can_be_looked_up_by_id_right_after_it_was_placed() {
        start();
        String id = api.placeOrder("Ann", "Latte").json().get("order").get("id").asText();

        ApiClient.Response response = api.get("/order/" + id);

        assertEquals(200, response.status());
        assertEquals(id, response.text("id"));
        assertEquals("pending", response.text("status"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/order/0b6a4a8e-6f0e-4a39-8f6d-2b8c3c1f9a77", "/order/not-an-id", "/order/%00",
        "/order/0B6A4A8E-6F0E-4A39-8F6D-2B8C3C1F9A77x"})
    void an_unknown_or_malformed_id_is_a_404_order_not_found(String path) {
        ApiClient.Response response = start().get(path);

        assertJsonError(response, 404);
        assertEquals("Order not found", response.text("error"));
    }

    @Test
    void a_path_that_is_no_order_id_at_all_is_a_plain_404() {
        assertJsonError(start().get("/order/..%2F..%2Fetc%2Fpasswd"), 404);
    }

    @Test
    void orders_are_listed_newest_first_with_combinable_filters() {
        start();
        Order annsOld = save(coffee.domain.OrderTestData.anOrder().forCustomer("Ann").placedAt(T0).build()
                .startBrewing(T0).complete(T0));
        save(coffee.domain.OrderTestData.anOrder().forCustomer("Bob").placedAt(T0.plusSeconds(1)).build());
        Order annsNew = save(coffee.domain.OrderTestData.anOrder().forCustomer("Ann").placedAt(T0.plusSeconds(2))
                .build().startBrewing(T0).complete(T0));

        JsonNode all = api.get("/orders").json();
        JsonNode annsCompleted = api.get("/orders?status=completed&customer=ann").json();
        JsonNode newest = api.get("/orders?limit=1").json();

        assertEquals(3, all.size());
        assertEquals(List.of(annsNew.id().toString(), annsOld.id().toString()),
                List.of(annsCompleted.get(0).get("id").asText(), annsCompleted.get(1).get("id").asText()));
        assertEquals(1, newest.size());
        assertEquals(annsNew.id().toString(), newest.get(0).get("id").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/orders?status=brewing", "/orders?limit=0", "/orders?limit=501", "/orders?limit=ten",
        "/orders?customer=A%0AB"})
    void a_bad_filter_is_a_400(String path) {
        assertJsonError(start().get(path), 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"%0A", "%0D%0A", "%09", "%20", "%20%20", "a%0Ab", "%20ann", "ann%20", "xxxxxxxxxxxxxxxxxxxxxxxxx"
        + "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void a_customer_filter_that_names_no_customer_is_a_400_naming_the_parameter(String customer) {
        ApiClient.Response response = start().get("/orders?customer=" + customer);

        assertJsonError(response, 400);
        assertEquals("customer", response.text("field"));
        assertTrue(response.text("error").startsWith("customer "), response.text("error"));
    }

    @Test
    void an_empty_customer_filter_is_no_filter() {
        start();
        save(coffee.domain.OrderTestData.anOrder().forCustomer("Ann").placedAt(T0).build());
        save(coffee.domain.OrderTestData.anOrder().forCustomer("Bob").placedAt(T0).build());

        assertEquals(2, api.get("/orders?customer=").json().size());
        assertEquals(1, api.get("/orders?customer=BOB").json().size());
    }

    private Order save(Order order) {
        orders.save(order);
        return order;
    }

    @Test
    void a_pending_order_the_consumer_cancels_answers_200_with_the_cancelled_order() {
        start();
        Order order = save(coffee.domain.OrderTestData.aPendingOrder());
        kafka.whenPublished(event -> {
            if (event instanceof OrderCancelRequested) {
                orders.save(order.cancel(T0));
            }
        });

        ApiClient.Response response = api.send(api.request("POST", "/order/" + order.id() + "/cancel"));

        assertEquals(200, response.status(), response.toString());
        assertEquals("cancelled", response.json().get("order").get("status").asText());
    }

    @Test
    void delete_cancels_too() {
        start();
        Order order = save(coffee.domain.OrderTestData.aPendingOrder());
        kafka.whenPublished(event -> orders.save(order.cancel(T0)));

        assertEquals(200, api.send(api.request("DELETE", "/order/" + order.id())).status());
    }

    @Test
    void cancelling_an_order_that_is_brewing_is_a_409() {
        start();
        Order order = save(coffee.domain.OrderTestData.aPendingOrder().startBrewing(T0));

        ApiClient.Response response = api.send(api.request("POST", "/order/" + order.id() + "/cancel"));

        assertJsonError(response, 409);
        assertEquals("Order cannot be cancelled", response.text("error"));
    }

    @Test
    void without_a_verdict_in_time_a_cancel_is_accepted_with_202() {
        start();
        Order order = save(coffee.domain.OrderTestData.aPendingOrder());

        ApiClient.Response response = api.send(api.request("POST", "/order/" + order.id() + "/cancel"));

        assertEquals(202, response.status(), response.toString());
        assertEquals(OrderStatus.PENDING.wireName(), response.json().get("order").get("status").asText());
    }

    @Test
    void cancelling_an_unknown_order_is_a_404() {
        start();

        assertJsonError(api.send(api.request("POST", "/order/" + OrderId.random() + "/cancel")), 404);
        assertJsonError(api.send(api.request("DELETE", "/order/not-an-id")), 404);
    }

    @Test
    void the_menu_lists_the_drinks() {
        JsonNode drinks = start().get("/menu").json().get("drinks");

        assertEquals(8, drinks.size());
        assertEquals("Espresso", drinks.get(0).get("name").asText());
    }

    @Test
    void health_answers_ok() {
        ApiClient.Response response = start().get("/health");

        assertEquals(200, response.status());
        assertEquals("ok", response.text("status"));
    }

    @Test
    void an_unknown_route_is_a_404_json_error() {
        assertJsonError(start().get("/coffee-machine"), 404);
    }

    @Test
    void the_web_page_is_served_at_the_root_as_html() {
        ApiClient.Response page = start().get("/");

        assertEquals(200, page.status(), page.toString());
        assertTrue(page.header("Content-Type").startsWith("text/html"), page.header("Content-Type"));
        assertTrue(page.raw().body().contains("<html"), page.toString());
        assertNotNull(page.header("X-Request-ID"), "the page goes through the same filters as the API");
        assertEquals(page.raw().body(), api.get("/index.html").raw().body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/style.css text/css", "/app.js javascript"})
    void the_page_s_style_and_script_are_served_with_their_content_types(String fileAndType) {
        String[] parts = fileAndType.split(" ");
        ApiClient.Response file = start().get(parts[0]);

        assertEquals(200, file.status(), file.toString());
        assertTrue(file.header("Content-Type").contains(parts[1]), file.header("Content-Type"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/logback-test.xml", "/web/index.html", "/../logback-test.xml", "/%2e%2e/logback-test.xml",
        "/coffee/adapter/http/OrderApiServer.class", "/no-such-file.html"})
    void nothing_but_the_page_s_files_is_served(String path) {
        assertJsonError(start().get(path), 404);
    }

    @Test
    void a_page_the_browser_already_has_is_a_304_without_a_body() {
        String lastModified = start().get("/").header("Last-Modified");
        assertNotNull(lastModified);
        // a second later: Helidon compares with the file's time to the millisecond, which the
        // header (whole seconds) usually falls just short of
        String later = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.parse(lastModified, DateTimeFormatter.RFC_1123_DATE_TIME).plusSeconds(1));

        ApiClient.Response again = api.send(api.request("GET", "/").header("If-Modified-Since", later));

        assertEquals(304, again.status(), again.toString());
        assertEquals("", again.raw().body());
        assertEquals(null, again.header("Content-Type"), "no JSON error body was attempted");
    }

    private static final String IMF_FIXDATE = "(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} "
            + "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4} \\d{2}:\\d{2}:\\d{2} GMT";

    @ParameterizedTest
    @ValueSource(strings = {"/", "/style.css", "/health", "/orders?limit=0", "/no-such-page"})
    void every_date_is_an_imf_fixdate_with_a_two_digit_day(String path) {
        ApiClient.Response response = start().get(path);

        assertTrue(response.header("Date").matches(IMF_FIXDATE), "Date: " + response.header("Date"));
        if (response.status() == 200 && !path.equals("/health")) {
            assertTrue(response.header("Last-Modified").matches(IMF_FIXDATE),
                    "Last-Modified: " + response.header("Last-Modified"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET /", "HEAD /", "GET /index.html", "GET /app.js"})
    void if_modified_since_the_last_modified_the_browser_got_is_a_304(String call) {
        String[] parts = call.split(" ");
        ApiClient.Response page = start().get(parts[1]);

        ApiClient.Response again = api.send(api.request(parts[0], parts[1])
                .header("If-Modified-Since", page.header("Last-Modified")));

        assertEquals(304, again.status(), again.toString());
        assertEquals("", again.raw().body());
        assertEquals(page.header("ETag"), again.header("ETag"));
        assertNotNull(again.header("X-Request-ID"));
    }

    @Test
    void a_page_changed_since_the_browser_s_copy_is_sent_whole() {
        String lastModified = start().get("/").header("Last-Modified");
        String before = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.parse(lastModified, DateTimeFormatter.RFC_1123_DATE_TIME).minusSeconds(1));

        ApiClient.Response again = api.send(api.request("GET", "/").header("If-Modified-Since", before));

        assertEquals(200, again.status(), again.toString());
        assertTrue(again.raw().body().contains("<html"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PUT /order", "GET /order", "PATCH /order/x", "GET /order/x/cancel", "POST /orders",
        "DELETE /menu", "POST /health", "POST /", "DELETE /", "POST /style.css", "PUT /index.html",
        "POST /observe/health", "DELETE /observe/health/ready", "PUT /openapi", "POST /observe/health/check/kafka"})
    void a_wrong_method_is_a_405_with_allow(String call) {
        String[] parts = call.split(" ");
        start();

        ApiClient.Response response = api.send(api.request(parts[0], parts[1]));

        assertJsonError(response, 405);
        assertNotNull(response.header("Allow"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/health", "/menu", "/orders", "/orders?status=brewing", "/order/0b6a4a8e-6f0e-4a39-8f6d-2b8c3c1f9a77",
        "/order/not-an-id", "/openapi", "/openapi?format=json", "/openapi?format=xml", "/observe/metrics",
        "/observe/metrics/base", "/observe/metrics/application/no_such_metric", "/", "/style.css"})
    void head_answers_what_get_answers_without_the_body(String path) {
        start();
        api.get("/menu"); // so the application metrics exist

        ApiClient.Response get = api.send(api.request("GET", path).header("X-Request-ID", "same-id"));
        ApiClient.Response head = api.send(api.request("HEAD", path).header("X-Request-ID", "same-id"));

        assertEquals(get.status(), head.status(), "HEAD " + path + ": " + head);
        assertEquals("", head.raw().body());
        assertEquals(get.header("Content-Type"), head.header("Content-Type"));
        assertEquals("same-id", head.header("X-Request-ID"));
        if (path.startsWith("/observe/metrics") && get.status() == 200) {
            // the metrics change between the two requests: a length, not the same one
            assertTrue(Long.parseLong(head.header("Content-Length")) > 0, head.raw().headers().map().toString());
        } else {
            assertEquals(get.header("Content-Length"), head.header("Content-Length"), "Content-Length of HEAD " + path);
        }
    }

    @Test
    void head_of_an_order_answers_its_headers() {
        start();
        String id = api.placeOrder("Ann", "Latte").json().get("order").get("id").asText();

        ApiClient.Response get = api.get("/order/" + id);
        ApiClient.Response head = api.send(api.request("HEAD", "/order/" + id));

        assertEquals(200, head.status(), head.toString());
        assertEquals("", head.raw().body());
        assertEquals(get.header("Content-Length"), head.header("Content-Length"));
    }

    @Test
    void the_openapi_document_is_served_as_yaml_and_as_json_when_asked() {
        start();

        ApiClient.Response yaml = api.get("/openapi");
        ApiClient.Response json = api.send(api.request("GET", "/openapi").header("Accept", "application/json"));

        assertEquals(200, yaml.status(), yaml.toString());
        assertEquals("application/vnd.oai.openapi", yaml.header("Content-Type"));
        assertTrue(yaml.raw().body().startsWith("openapi: 3.1.0"), yaml.toString());
        assertNotNull(yaml.header("X-Request-ID"), "the document goes through the same filters as the API");
        assertEquals(200, json.status(), json.toString());
        assertEquals("3.1.0", json.text("openapi"));
    }

    @Test
    void the_openapi_document_follows_the_api_s_cors_rules_not_helidon_s() {
        start(HttpSettings.defaults().withCorsAllowedOrigins(List.of("https://shop.example")),
                new PlaceOrderService(kafka, orders, OrderId::random, clock));

        ApiClient.Response allowed = api.send(api.request("GET", "/openapi").header("Origin", "https://shop.example"));
        ApiClient.Response other = api.send(api.request("GET", "/openapi").header("Origin", "https://evil.example"));

        assertEquals("https://shop.example", allowed.header("Access-Control-Allow-Origin"));
        assertNotNull(allowed.header("Access-Control-Expose-Headers"), allowed.raw().headers().map().toString());
        assertEquals(null, other.header("Access-Control-Allow-Origin"));
    }

    @Test
    void an_openapi_request_the_document_cannot_answer_is_a_json_error() {
        start();

        ApiClient.Response badFormat = api.get("/openapi?format=xml");
        ApiClient.Response notAcceptable = api.send(api.request("GET", "/openapi").header("Accept", "text/html"));

        assertJsonError(badFormat, 400);
        assertEquals("format", badFormat.text("field"));
        assertJsonError(notAcceptable, 406);
    }

    @Test
    void a_cors_preflight_is_answered_204_with_the_cors_headers() {
        start();
        ApiClient.Response response = api.send(api.request("OPTIONS", "/order")
                .header("Origin", "https://shop.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "Content-Type"));

        assertEquals(204, response.status());
        assertEquals("*", response.header("Access-Control-Allow-Origin"));
        assertTrue(response.header("Access-Control-Allow-Methods").contains("POST"));
        assertTrue(response.header("Access-Control-Allow-Headers").contains("Content-Type"));
    }

    @Test
    void only_configured_origins_get_cors_headers() {
        start(HttpSettings.defaults().withCorsAllowedOrigins(List.of("https://shop.example")),
                new PlaceOrderService(kafka, orders, OrderId::random, clock));

        ApiClient.Response allowed = api.send(api.request("GET", "/menu").header("Origin", "https://shop.example"));
        ApiClient.Response other = api.send(api.request("GET", "/menu").header("Origin", "https://evil.example"));
        ApiClient.Response otherPreflight = api.send(api.request("OPTIONS", "/order")
                .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST"));

        assertEquals("https://shop.example", allowed.header("Access-Control-Allow-Origin"));
        assertEquals(null, other.header("Access-Control-Allow-Origin"));
        assertJsonError(otherPreflight, 403);
    }

    @Test
    void a_failing_handler_is_a_500_json_error_with_the_request_id() {
        start(HttpSettings.defaults(), command -> {
            throw new IllegalStateException("boom");
        });

        ApiClient.Response response = api.placeOrder("Ann", "Latte", "X-Request-ID", "req-boom");

        assertJsonError(response, 500);
        assertEquals("req-boom", response.text("request_id"));
        assertEquals("Internal server error", response.text("error"), "no internals leak");
    }

    @Test
    void a_client_that_hangs_up_before_its_answer_is_no_server_error() throws Exception {
        start();
        String path = "/order/" + api.placeOrder("Ann", "Latte").json().get("order").get("id").asText();
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(
                org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.classic.Logger access = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("coffee.access");
        ch.qos.logback.classic.Level accessLevel = access.getLevel();
        root.addAppender(logged);
        access.setLevel(ch.qos.logback.classic.Level.INFO);
        try {
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                socket.setSoLinger(true, 0); // close with a reset, as a client that gives up does
                socket.getOutputStream().write(("GET " + path + "?wait_for=completed&timeout=300ms HTTP/1.1\r\n"
                        + "Host: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (accessLine(logged, path).isEmpty()) {
                assertTrue(System.nanoTime() < deadline, "the request was never logged: " + messages(logged.list));
                Thread.sleep(20);
            }
        } finally {
            root.detachAppender(logged);
            access.setLevel(accessLevel);
        }

        String line = accessLine(logged, path).orElseThrow();
        assertTrue(line.contains("status=499"), "logged as a request the client closed: " + line);
        List<ILoggingEvent> failures = logged.list.stream()
                .filter(event -> event.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN)).toList();
        assertEquals(List.of(), messages(failures), "a client going away is no server error");
        assertEquals(200, api.get("/health").status(), "the server serves on");
    }

    private static Optional<String> accessLine(ListAppender<ILoggingEvent> logged, String path) {
        return List.copyOf(logged.list).stream().map(ILoggingEvent::getFormattedMessage)
                .filter(message -> message.contains("path=" + path + " ")).findFirst();
    }

    private static List<String> messages(List<ILoggingEvent> events) {
        return List.copyOf(events).stream().map(event -> event.getLevel() + " " + event.getLoggerName() + ": "
                + event.getFormattedMessage()).toList();
    }

    @Test
    void readiness_follows_kafka_while_liveness_stays_ok() {
        start();

        ApiClient.Response ready = api.get("/observe/health/ready");
        kafkaProblem.set(Optional.of("Kafka at localhost:9092 is not reachable"));
        ApiClient.Response notReady = api.get("/observe/health/ready");
        ApiClient.Response overall = api.get("/observe/health");

        assertEquals(200, ready.status(), ready.toString());
        assertEquals(503, notReady.status(), notReady.toString());
        assertTrue(overall.raw().body().contains("not reachable"), overall.toString());
        assertEquals(200, api.get("/health").status(), "liveness does not depend on Kafka");
        assertEquals(200, api.get("/observe/health/live").status());
    }

    @Test
    void with_an_api_key_changes_need_the_bearer_token_and_reads_stay_open() {
        start(HttpSettings.defaults().withApiKey("s3cret-key"), new PlaceOrderService(kafka, orders, OrderId::random, clock));

        ApiClient.Response missing = api.placeOrder("Ann", "Latte");
        ApiClient.Response wrong = api.placeOrder("Ann", "Latte", "Authorization", "Bearer guess");
        ApiClient.Response right = api.placeOrder("Ann", "Latte", "Authorization", "Bearer s3cret-key");
        ApiClient.Response cancelWithout = api.send(api.request("DELETE", "/order/" + OrderId.random()));

        assertJsonError(missing, 401);
        assertEquals("Bearer", missing.header("WWW-Authenticate"));
        assertJsonError(wrong, 401);
        assertJsonError(cancelWithout, 401);
        assertEquals(201, right.status(), right.toString());
        assertEquals(1, kafka.published().size(), "only the authorized order went to Kafka");
        assertEquals(200, api.get("/orders").status());
        assertEquals(200, api.get("/menu").status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bearer s3cret-key", "BEARER s3cret-key", "Bearer  s3cret-key", "bEaReR s3cret-key"})
    void the_bearer_scheme_is_case_insensitive_as_http_says(String authorization) {
        start(HttpSettings.defaults().withApiKey("s3cret-key"), new PlaceOrderService(kafka, orders, OrderId::random, clock));

        ApiClient.Response response = api.placeOrder("Ann", "Latte", "Authorization", authorization);

        assertEquals(201, response.status(), response.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3cret-key", "Basic s3cret-key", "Bearer S3CRET-KEY", "Bearer s3cret-key2", "Bearers3cret-key",
        "Bearer", "Bearer "})
    void the_key_itself_must_match_exactly(String authorization) {
        start(HttpSettings.defaults().withApiKey("s3cret-key"), new PlaceOrderService(kafka, orders, OrderId::random, clock));

        assertJsonError(api.placeOrder("Ann", "Latte", "Authorization", authorization), 401);
    }

    @Test
    void a_cors_preflight_needs_no_api_key() {
        start(HttpSettings.defaults().withApiKey("s3cret-key"), new PlaceOrderService(kafka, orders, OrderId::random, clock));

        ApiClient.Response preflight = api.send(api.request("OPTIONS", "/order")
                .header("Origin", "https://shop.example").header("Access-Control-Request-Method", "POST"));

        assertEquals(204, preflight.status());
    }

    @Test
    void the_api_key_is_not_in_the_settings_description() {
        assertTrue(!HttpSettings.defaults().withApiKey("s3cret-key").toString().contains("s3cret"));
    }
}
