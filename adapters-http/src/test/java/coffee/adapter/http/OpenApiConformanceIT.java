package coffee.adapter.http;

import static coffee.domain.OrderTestData.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import coffee.application.port.in.FollowOrders;
import coffee.application.port.out.OrderView;
import coffee.application.port.out.OrderViewUnavailableException;
import coffee.application.readmodel.InMemoryOrderRepository;
import coffee.application.service.CancelOrderService;
import coffee.application.service.FakeOrderPublisher;
import coffee.application.service.OrderQueries;
import coffee.application.service.PlaceOrderService;
import coffee.domain.Order;
import coffee.domain.OrderCancelRequested;
import coffee.domain.OrderChange;
import coffee.domain.OrderId;
import coffee.domain.OrderQuery;
import coffee.domain.OrderStatus;
import coffee.domain.OrderTestData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Holds the OpenAPI document at {@code /openapi} to the server that serves it. Each documented
 * answer (a status of a method on a path) is provoked on a real server and checked: status,
 * headers, body against the schema. Each route the code registers must be in the document,
 * and each method the document does not list must answer {@code 405}. So the document cannot
 * describe a route that is not there, nor leave one out.
 */
class OpenApiConformanceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final Instant NOW = T0.plusMillis(470);
    private static final String API_KEY = "s3cret-key";
    private static final String ANY_METHOD = "any method";
    /**
     * Paths that are not routes, though a Helidon feature could serve them (other observers,
     * an OpenAPI UI) or a client might guess them: a second net under the route recording, for
     * what the server might answer without the code registering it.
     */
    private static final List<String> NOT_ROUTES = List.of("/observe", "/observe/info",
            "/observe/config", "/observe/log", "/observe/tracing", "/observe/health/check", "/metrics", "/openapi/ui",
            "/openapi.json", "/openapi.yaml", "/openapi.yml", "/health/ready", "/orders/" + OrderId.random(),
            "/menu/espresso", "/order/" + OrderId.random() + "/status");

    private static JsonNode document;
    private static SchemaCheck schemas;

    private final List<Server> servers = new ArrayList<>();

    /** A real server on a free port, with Kafka and the view of orders as in-memory fakes. */
    private static final class Server implements AutoCloseable {

        final InMemoryOrderRepository orders = new InMemoryOrderRepository();
        final FakeOrderPublisher kafka = FakeOrderPublisher.feeding(orders);
        final AtomicReference<Optional<String>> kafkaProblem = new AtomicReference<>(Optional.empty());
        /** When set, the view of orders cannot answer (as while it restores or rebalances). */
        final java.util.concurrent.atomic.AtomicBoolean viewAway = new java.util.concurrent.atomic.AtomicBoolean();
        final OrderApiServer server;
        final ApiClient api;

        Server(HttpSettings settings) {
            server = OrderApiServer.start(settings.withPort(0), useCases(kafka, orders, viewAway), kafkaProblem::get);
            api = new ApiClient(server.port());
        }

        Order saved(Order order) {
            orders.save(order);
            return order;
        }

        @Override
        public void close() {
            server.close();
        }
    }

    private static OrderUseCases useCases(FakeOrderPublisher kafka, InMemoryOrderRepository orders,
            java.util.concurrent.atomic.AtomicBoolean viewAway) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        OrderView view = new OrderView() {
            @Override
            public Optional<Order> find(OrderId id) {
                return available().find(id);
            }

            @Override
            public List<Order> list(OrderQuery query) {
                return available().list(query);
            }

            @Override
            public Optional<Order> awaitStatus(OrderId id, OrderStatus wanted, Duration timeout)
                    throws InterruptedException {
                return available().awaitStatus(id, wanted, timeout);
            }

            private OrderView available() {
                if (viewAway.get()) {
                    throw new OrderViewUnavailableException("the view is restoring");
                }
                return orders;
            }
        };
        return new OrderUseCases(new PlaceOrderService(kafka, view, OrderId::random, clock),
                new CancelOrderService(kafka, view, clock, Duration.ofMillis(300)), new OrderQueries(view),
                new OrderQueries(view), followed(orders));
    }

    /**
     * Changes of orders for the event streams: the saved orders, remembered. A board (which asks
     * for no remembered changes) is told of more at once than a client's buffer holds, so its
     * stream is cut off after the replay and ends: the test reads a whole answer.
     */
    private static FollowOrders followed(InMemoryOrderRepository orders) {
        return (after, remembered, which, live) -> {
            if (after.isPresent() && !after.get().matches("\\d+")) {
                throw new IllegalArgumentException("no position: " + after.get());
            }
            List<OrderChange> known = orders.list(OrderQuery.newest(OrderQuery.MAX_LIMIT)).stream().filter(which::matches)
                    .map(order -> new OrderChange(order, "1")).toList();
            if (!remembered) {
                OrderChange change = new OrderChange(OrderTestData.aPendingOrder(), "2");
                for (int i = 0; i <= EventStreamSettings.DEFAULT_SUBSCRIBER_BUFFER; i++) {
                    live.accept(change);
                }
            }
            return new FollowOrders.Following() {
                @Override
                public List<OrderChange> replay() {
                    return known;
                }

                @Override
                public void close() {
                }
            };
        };
    }

    private Server viewAway() {
        Server server = server();
        server.viewAway.set(true);
        return server;
    }

    @BeforeAll
    static void readTheDocumentFromTheServer() throws IOException {
        try (Server server = new Server(HttpSettings.defaults())) {
            ApiClient.Response response = server.api.get("/openapi");
            assertEquals(200, response.status(), response.toString());
            document = YAML.readTree(response.raw().body());
        }
        schemas = new SchemaCheck(document);
    }

    @AfterEach
    void stopServers() {
        servers.forEach(Server::close);
        servers.clear();
    }

    private Server server() {
        return server(HttpSettings.defaults());
    }

    private Server server(HttpSettings settings) {
        Server server = new Server(settings);
        servers.add(server);
        return server;
    }

    // ---- every documented answer, provoked ----

    /** One documented answer: a status of a method on a path, as the document spells the path. */
    record Answer(String method, String path, int status) {

        @Override
        public String toString() {
            return method + " " + path + " " + status;
        }
    }

    @TestFactory
    Stream<DynamicTest> every_documented_answer_is_what_the_server_answers() {
        Map<String, Supplier<ApiClient.Response>> provocations = provocations();
        List<Answer> answers = documentedAnswers();
        Set<String> documented = answers.stream().map(Answer::toString).collect(Collectors.toSet());
        Stream<DynamicTest> each = answers.stream().map(answer -> dynamicTest(answer.toString(), () -> {
            Supplier<ApiClient.Response> provocation = provocations.get(answer.toString());
            assertNotNull(provocation, "no case provokes " + answer + ": add one to provocations()");
            try {
                assertConforms(answer, provocation.get());
            } finally {
                stopServers();
            }
        }));
        DynamicTest noStaleCases = dynamicTest("every case provokes an answer the document lists", () -> {
            Set<String> undocumented = new TreeSet<>(provocations.keySet());
            undocumented.removeAll(documented);
            assertEquals(Set.of(), undocumented, "cases for answers the document does not list");
        });
        return Stream.concat(each, Stream.of(noStaleCases));
    }

    /** How to make the server give each documented answer, keyed like {@link Answer#toString()}. */
    private Map<String, Supplier<ApiClient.Response>> provocations() {
        Map<String, Supplier<ApiClient.Response>> cases = new LinkedHashMap<>();
        HttpSettings withApiKey = HttpSettings.defaults().withApiKey(API_KEY);

        cases.put("POST /order 201", () -> server().api.placeOrder("Ann", "latte"));
        cases.put("POST /order 200", () -> {
            ApiClient api = server().api;
            api.placeOrder("Ann", "latte", "Idempotency-Key", "k-1");
            return api.placeOrder("Ann", "latte", "Idempotency-Key", "k-1");
        });
        cases.put("POST /order 400", () -> server().api.placeOrder("Ann", "Tea"));
        cases.put("POST /order 401", () -> server(withApiKey).api.placeOrder("Ann", "latte"));
        cases.put("POST /order 413", () -> server().api.postJson("/order",
                "{\"customer_name\":\"" + "a".repeat(20_000) + "\",\"coffee_type\":\"Latte\"}"));
        cases.put("POST /order 415", () -> {
            ApiClient api = server().api;
            return api.send(api.request("POST", "/order").header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString("customer_name=Ann")));
        });
        cases.put("POST /order 422", () -> {
            ApiClient api = server().api;
            api.placeOrder("Ann", "latte", "Idempotency-Key", "k-1");
            return api.placeOrder("Ann", "mocha", "Idempotency-Key", "k-1");
        });
        cases.put("POST /order 503", () -> {
            Server server = server();
            server.kafka.breakDown();
            return server.api.placeOrder("Ann", "latte", "Idempotency-Key", "k-1");
        });

        cases.put("GET /order/{id} 200", () -> {
            Server server = server();
            return server.api.get("/order/" + server.saved(OrderTestData.aPendingOrder()).id());
        });
        cases.put("GET /order/{id} 404", () -> server().api.get("/order/" + OrderId.random()));
        cases.put("GET /order/{id} 400", () -> server().api.get("/order/" + OrderId.random() + "?wait_for=brewing"));
        cases.put("GET /order/{id} 503", () -> viewAway().api.get("/order/" + OrderId.random()));
        cases.put("GET /internal/view/order/{id} 200", () -> {
            Server server = server();
            Order order = server.saved(OrderTestData.aPendingOrder().startBrewing(NOW));
            return server.api.get("/internal/view/order/" + order.id() + "?wait_for=processing&timeout=1s");
        });
        cases.put("GET /internal/view/order/{id} 400",
                () -> server().api.get("/internal/view/order/" + OrderId.random() + "?wait_for=pending&timeout=2h"));
        cases.put("GET /internal/view/order/{id} 404", () -> server().api.get("/internal/view/order/" + OrderId.random()));
        cases.put("GET /internal/view/order/{id} 503",
                () -> viewAway().api.get("/internal/view/order/" + OrderId.random()));
        cases.put("GET /internal/view/orders 200", () -> {
            Server server = server();
            server.saved(OrderTestData.aPendingOrder());
            return server.api.get("/internal/view/orders?status=pending&limit=5");
        });
        cases.put("GET /internal/view/orders 400", () -> server().api.get("/internal/view/orders?limit=0"));
        cases.put("GET /internal/view/orders 503", () -> viewAway().api.get("/internal/view/orders"));

        for (String cancel : List.of("DELETE /order/{id}", "POST /order/{id}/cancel")) {
            cases.put(cancel + " 200", () -> {
                Server server = server();
                Order order = server.saved(OrderTestData.aPendingOrder());
                server.kafka.whenPublished(event -> {
                    if (event instanceof OrderCancelRequested) {
                        server.orders.save(order.cancel(NOW));
                    }
                });
                return cancel(server, cancel, order.id());
            });
            cases.put(cancel + " 202", () -> {
                Server server = server();
                return cancel(server, cancel, server.saved(OrderTestData.aPendingOrder()).id());
            });
            cases.put(cancel + " 401", () -> {
                Server server = server(withApiKey);
                return cancel(server, cancel, server.saved(OrderTestData.aPendingOrder()).id());
            });
            cases.put(cancel + " 404", () -> cancel(server(), cancel, OrderId.random()));
            cases.put(cancel + " 409", () -> {
                Server server = server();
                return cancel(server, cancel, server.saved(OrderTestData.aPendingOrder().startBrewing(NOW)).id());
            });
            cases.put(cancel + " 503", () -> {
                Server server = server();
                server.kafka.breakDown();
                return cancel(server, cancel, server.saved(OrderTestData.aPendingOrder()).id());
            });
        }

        cases.put("GET /order/{id}/events 200", () -> {
            Server server = server();
            Order completed = server.saved(OrderTestData.aPendingOrder().startBrewing(NOW).complete(NOW));
            return server.api.get("/order/" + completed.id() + "/events");
        });
        cases.put("GET /order/{id}/events 400", () -> {
            Server server = server();
            return server.api.get("/order/" + server.saved(OrderTestData.aPendingOrder()).id()
                    + "/events?last_event_id=4");
        });
        cases.put("GET /order/{id}/events 404", () -> server().api.get("/order/" + OrderId.random() + "/events"));
        cases.put("GET /order/{id}/events 406", () -> {
            ApiClient api = server().api;
            return api.send(api.request("GET", "/order/" + OrderId.random() + "/events")
                    .header("Accept", "application/json"));
        });
        cases.put("GET /order/{id}/events 503", () -> viewAway().api.get("/order/" + OrderId.random() + "/events"));
        cases.put("GET /orders/events 200", () -> {
            Server server = server();
            server.saved(OrderTestData.aPendingOrder());
            return server.api.get("/orders/events?customer=ann&last_event_id=7");
        });
        cases.put("GET /orders/events 400", () -> server().api.get("/orders/events?last_event_id=x-y"));
        cases.put("GET /orders/events 406", () -> {
            ApiClient api = server().api;
            return api.send(api.request("GET", "/orders/events").header("Accept", "application/json"));
        });
        cases.put("GET /orders/events 503", () -> {
            Server server = server(HttpSettings.defaults().withEventStreams(
                    new EventStreamSettings(Duration.ofSeconds(15), 16, 0)));
            return server.api.get("/orders/events");
        });
        cases.put("GET /orders 200", () -> {
            Server server = server();
            server.saved(OrderTestData.aPendingOrder());
            server.saved(OrderTestData.aPendingOrder().startBrewing(NOW).complete(NOW));
            return server.api.get("/orders?customer=ann&limit=10");
        });
        cases.put("GET /orders 400", () -> server().api.get("/orders?status=brewing"));
        cases.put("GET /orders 503", () -> viewAway().api.get("/orders"));
        cases.put("GET /menu 200", () -> server().api.get("/menu"));
        cases.put("GET /health 200", () -> server().api.get("/health"));

        cases.put("GET /openapi 200", () -> server().api.get("/openapi"));
        cases.put("GET /openapi 400", () -> server().api.get("/openapi?format=xml"));
        cases.put("GET /openapi 406", () -> {
            ApiClient api = server().api;
            return api.send(api.request("GET", "/openapi").header("Accept", "text/html"));
        });

        // HEAD wherever GET: the same answers without their bodies
        cases.put("HEAD /order/{id} 200", () -> {
            Server server = server();
            return head(server, "/order/" + server.saved(OrderTestData.aPendingOrder()).id());
        });
        cases.put("HEAD /order/{id} 404", () -> head(server(), "/order/" + OrderId.random()));
        cases.put("HEAD /orders 200", () -> head(server(), "/orders?customer=ann&limit=10"));
        cases.put("HEAD /orders 400", () -> head(server(), "/orders?status=brewing"));
        cases.put("HEAD /orders 503", () -> head(viewAway(), "/orders"));
        cases.put("HEAD /order/{id} 503", () -> head(viewAway(), "/order/" + OrderId.random()));
        cases.put("HEAD /internal/view/order/{id} 200", () -> {
            Server server = server();
            return head(server, "/internal/view/order/" + server.saved(OrderTestData.aPendingOrder()).id());
        });
        cases.put("HEAD /internal/view/order/{id} 404", () -> head(server(), "/internal/view/order/" + OrderId.random()));
        cases.put("HEAD /internal/view/orders 200", () -> head(server(), "/internal/view/orders?limit=5"));
        cases.put("HEAD /internal/view/orders 400", () -> head(server(), "/internal/view/orders?limit=0"));
        cases.put("HEAD /menu 200", () -> head(server(), "/menu"));
        cases.put("HEAD /health 200", () -> head(server(), "/health"));
        cases.put("HEAD /openapi 200", () -> head(server(), "/openapi"));
        cases.put("HEAD /openapi 400", () -> head(server(), "/openapi?format=xml"));
        cases.put("HEAD /openapi 406", () -> {
            ApiClient api = server().api;
            return api.send(api.request("HEAD", "/openapi").header("Accept", "text/html"));
        });

        // Helidon's health endpoints: the kafka check is the one readiness check there is
        for (String path : List.of("/observe/health", "/observe/health/ready", "/observe/health/check/{name}",
                "/observe/health/ready/{name}")) {
            cases.put("GET " + path + " 200", () -> health("GET", path, "kafka", false));
            cases.put("GET " + path + " 503", () -> health("GET", path, "kafka", true));
            cases.put("HEAD " + path + " 204", () -> health("HEAD", path, "kafka", false));
            cases.put("HEAD " + path + " 503", () -> health("HEAD", path, "kafka", true));
        }
        for (String path : List.of("/observe/health/live", "/observe/health/started")) {
            // UP even with Kafka away: neither has a check that looks at it
            cases.put("GET " + path + " 200", () -> health("GET", path, "kafka", true));
            cases.put("HEAD " + path + " 204", () -> health("HEAD", path, "kafka", true));
        }
        for (String path : List.of("/observe/health/check/{name}", "/observe/health/ready/{name}")) {
            cases.put("GET " + path + " 404", () -> health("GET", path, "no-such-check", false));
            cases.put("HEAD " + path + " 404", () -> health("HEAD", path, "no-such-check", false));
        }
        for (String path : List.of("/observe/health/live/{name}", "/observe/health/started/{name}")) {
            cases.put("GET " + path + " 404", () -> health("GET", path, "kafka", false));
            cases.put("HEAD " + path + " 404", () -> health("HEAD", path, "kafka", false));
        }

        // Helidon's metrics endpoints: the scope and metric this system always registers exist
        cases.put("GET /observe/metrics 200", () -> server().api.get("/observe/metrics"));
        Map<String, String> aMetricOf = Map.of("application", "coffee_http_request_duration",
                "base", "memory.usedHeap", "vendor", "requests.count");
        cases.put("HEAD /observe/metrics 200", () -> head(server(), "/observe/metrics"));
        for (String scope : Observability.METRIC_SCOPES) {
            cases.put("HEAD /observe/metrics/" + scope + " 200", () -> head(server(), "/observe/metrics/" + scope));
            cases.put("HEAD /observe/metrics/" + scope + "/{metric} 200",
                    () -> head(server(), "/observe/metrics/" + scope + "/" + aMetricOf.get(scope)));
            cases.put("HEAD /observe/metrics/" + scope + "/{metric} 404",
                    () -> head(server(), "/observe/metrics/" + scope + "/no_such_metric"));
            cases.put("GET /observe/metrics/" + scope + " 200", () -> server().api.get("/observe/metrics/" + scope));
            cases.put("GET /observe/metrics/" + scope + "/{metric} 200",
                    () -> server().api.get("/observe/metrics/" + scope + "/" + aMetricOf.get(scope)));
            cases.put("GET /observe/metrics/" + scope + "/{metric} 404",
                    () -> server().api.get("/observe/metrics/" + scope + "/no_such_metric"));
        }

        for (String path : WebPage.PATHS) {
            for (String method : List.of("GET", "HEAD")) {
                cases.put(method + " " + path + " 200", () -> {
                    ApiClient api = server().api;
                    return api.send(api.request(method, path));
                });
                cases.put(method + " " + path + " 304", () -> {
                    ApiClient api = server().api;
                    String etag = api.get(path).header("ETag");
                    assertNotNull(etag, "GET " + path + " names no ETag");
                    return api.send(api.request(method, path).header("If-None-Match", etag));
                });
            }
        }

        // a plain OPTIONS on every path; what Allow says is checked against the document below
        for (String path : listOf(document.get("paths").fieldNames())) {
            cases.put("OPTIONS " + path + " 204", () -> {
                ApiClient api = server().api;
                return api.send(api.request("OPTIONS", concrete(path)));
            });
        }
        return cases;
    }

    private static ApiClient.Response head(Server server, String path) {
        return server.api.send(server.api.request("HEAD", path));
    }

    private static ApiClient.Response cancel(Server server, String route, OrderId id) {
        return route.startsWith("DELETE")
                ? server.api.send(server.api.request("DELETE", "/order/" + id))
                : server.api.send(server.api.request("POST", "/order/" + id + "/cancel"));
    }

    private ApiClient.Response health(String method, String path, String check, boolean kafkaDown) {
        Server server = server();
        if (kafkaDown) {
            server.kafkaProblem.set(Optional.of("Kafka at localhost:9092 is not reachable (no answer within 2000 ms)"));
        }
        return server.api.send(server.api.request(method, path.replace("{name}", check)));
    }

    // ---- every route, documented; every other method, refused ----

    @Test
    void every_route_the_code_registers_is_in_the_document_and_every_documented_one_is_registered() {
        List<RouteRecorder.Route> routes = RouteRecorder.record(
                routing -> OrderApiServer.routing(routing, HttpSettings.defaults(),
                        useCases(new FakeOrderPublisher(), new InMemoryOrderRepository(), new java.util.concurrent.atomic.AtomicBoolean())),
                OrderApiServer.features(Optional::empty));
        Map<String, Set<String>> registered = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (RouteRecorder.Route route : routes) {
            if (route.unreadable() == null) {
                registered.computeIfAbsent(route.path(), path -> new TreeSet<>())
                        .add(route.method() == null ? ANY_METHOD : route.method());
            } else if (route.handler().getClass().getName().startsWith("io.helidon.webserver.staticcontent.")) {
                // the static files answer at their own names, and the welcome file at "/" too
                pageFilePaths().forEach(path -> registered.computeIfAbsent(path, p -> new TreeSet<>())
                        .add(route.method()));
            } else {
                problems.add("the code registers " + route.unreadable() + "; teach the test to read it");
            }
        }

        registered.forEach((path, methods) -> {
            if (!document.get("paths").has(path)) {
                problems.add("the code routes " + path + " " + methods + ", the document does not list it");
                return;
            }
            for (String method : methods) {
                if (!method.equals(ANY_METHOD) && !documentedMethods(path).contains(method)) {
                    problems.add("the code routes " + method + " " + path + ", the document does not list it");
                }
            }
        });
        for (String path : listOf(document.get("paths").fieldNames())) {
            Set<String> methods = registered.getOrDefault(path, Set.of());
            for (String method : documentedMethods(path)) {
                // OPTIONS (with Allow) and 405 come from the route that takes any method
                String needed = method.equals("OPTIONS") ? ANY_METHOD : method;
                if (!methods.contains(needed)) {
                    problems.add("the document lists " + method + " " + path + ", the code does not route it");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @TestFactory
    Stream<DynamicTest> every_path_refuses_the_methods_it_does_not_document_with_405_and_allow() {
        JsonNode methodNotAllowed = schemas.resolve(document.at("/components/responses/MethodNotAllowed"));
        return streamOf(document.get("paths").fieldNames()).map(path -> dynamicTest(path, () -> {
            Set<String> documented = documentedMethods(path);
            Set<String> allowed = new TreeSet<>(documented);
            allowed.add("OPTIONS");
            ApiClient api = server().api;
            try {
                for (String method : RouteRecorder.METHODS) {
                    ApiClient.Response response = api.send(api.request(method, concrete(path)));
                    String call = method + " " + path;
                    if (documented.contains(method)) {
                        assertTrue(documentedStatuses(path, method).contains(response.status()),
                                call + " answered a status the document does not list: " + response);
                    } else {
                        assertConformsTo(methodNotAllowed, 405, method, response, call);
                    }
                    if (response.status() == 405 || method.equals("OPTIONS")) {
                        assertEquals(allowed, allowHeader(response), call + ": Allow names what the document lists");
                    }
                }
            } finally {
                stopServers();
            }
        }));
    }

    @Test
    void paths_that_are_no_routes_are_not_found() {
        ApiClient api = server().api;

        for (String path : NOT_ROUTES) {
            ApiClient.Response response = api.get(path);

            assertEquals(404, response.status(), path + ": " + response);
            assertEquals("Not found", response.text("error"), path);
        }
    }

    // ---- the document itself ----

    @Test
    void the_document_is_the_same_in_every_format_it_is_served_in() throws IOException {
        ApiClient api = server().api;
        JsonNode served = document.at("/paths/~1openapi/get/responses/200/content");

        for (String mediaType : listOf(served.fieldNames())) {
            ApiClient.Response response = api.send(api.request("GET", "/openapi").header("Accept", mediaType));

            assertEquals(200, response.status(), mediaType + ": " + response);
            assertEquals(mediaType, mediaType(response), "asked for " + mediaType);
            assertEquals(document, parse(mediaType, response.raw().body()), "the document as " + mediaType);
        }
        assertEquals(document, JSON.readTree(api.get("/openapi?format=json").raw().body()));
        assertEquals(document, YAML.readTree(api.get("/openapi?format=yaml").raw().body()));
    }

    @Test
    void the_document_is_openapi_3_1_with_unique_operation_ids_and_references_that_resolve() {
        assertEquals("3.1.0", document.get("openapi").asText());
        List<String> operationIds = new ArrayList<>();
        forEachOperation((path, method, operation) -> operationIds.add(operation.get("operationId").asText()));
        assertEquals(operationIds.size(), new LinkedHashSet<>(operationIds).size(), "operationIds repeat: " + operationIds);
        forEachNode(document, "", (where, node) -> {
            if (node.has("$ref")) {
                schemas.resolve(node);
            }
        });
    }

    @Test
    void every_answer_in_the_document_carries_x_request_id() {
        List<String> without = new ArrayList<>();
        forEachOperation((path, method, operation) -> operation.get("responses").properties().forEach(response -> {
            if (!schemas.resolve(response.getValue()).path("headers").has("X-Request-ID")) {
                without.add(method + " " + path + " " + response.getKey());
            }
        }));
        document.at("/components/responses").properties().forEach(response -> {
            if (!response.getValue().path("headers").has("X-Request-ID")) {
                without.add("components/responses/" + response.getKey());
            }
        });
        assertEquals(List.of(), without);
    }

    @Test
    void every_schema_in_the_document_uses_only_what_the_test_checks() {
        List<String> unknown = new ArrayList<>();
        forEachNode(document, "", (where, node) -> {
            if (node.has("schema") && node.get("schema").isObject()) {
                unknown.addAll(SchemaCheck.unknownKeywords(node.get("schema"), where + "/schema"));
            }
        });
        document.at("/components/schemas").properties().forEach(schema ->
                unknown.addAll(SchemaCheck.unknownKeywords(schema.getValue(), "/components/schemas/" + schema.getKey())));
        assertEquals(List.of(), unknown);
    }

    /** The API key filter asks for a key on exactly these methods, when one is configured. */
    @Test
    void exactly_the_operations_that_change_something_document_the_optional_key_and_its_401() {
        Set<String> changing = Set.of("POST", "PUT", "PATCH", "DELETE");
        JsonNode optionalKey = JSON.createArrayNode().add(JSON.createObjectNode())
                .add(JSON.createObjectNode().set("bearerAuth", JSON.createArrayNode()));
        List<String> wrong = new ArrayList<>();
        forEachOperation((path, method, operation) -> {
            boolean changes = changing.contains(method);
            if (changes != operation.get("responses").has("401") || changes != optionalKey.equals(operation.get("security"))) {
                wrong.add(method + " " + path);
            }
        });
        assertEquals(List.of(), wrong);
    }

    // ---- checking one answer ----

    private void assertConforms(Answer answer, ApiClient.Response response) {
        JsonNode documented = document.get("paths").get(answer.path()).get(answer.method().toLowerCase(Locale.ROOT))
                .get("responses").get(String.valueOf(answer.status()));
        assertConformsTo(schemas.resolve(documented), answer.status(), answer.method(), response, answer.toString());
    }

    /** Status, every documented header (those marked required must be there), and the body. */
    private void assertConformsTo(JsonNode documented, int status, String method, ApiClient.Response response,
            String what) {
        assertEquals(status, response.status(), what + ": " + response);
        documented.path("headers").properties().forEach(entry -> {
            JsonNode header = schemas.resolve(entry.getValue());
            String value = response.header(entry.getKey());
            if (value == null) {
                assertTrue(!header.path("required").asBoolean(), what + ": the header " + entry.getKey() + " is missing");
                return;
            }
            assertEquals(List.of(), schemas.problems(headerValue(value, header.get("schema")), header.get("schema")),
                    what + ": the header " + entry.getKey() + ": " + value);
        });

        String body = response.raw().body();
        JsonNode content = documented.path("content");
        if (method.equals("HEAD") || content.isEmpty()) {
            assertEquals("", body, what + ": a body where none is documented");
            return;
        }
        String mediaType = mediaType(response);
        assertTrue(content.has(mediaType), what + ": Content-Type " + mediaType + " is not one of "
                + streamOf(content.fieldNames()).toList());
        JsonNode value = parse(mediaType, body);
        assertEquals(List.of(), schemas.problems(value, content.get(mediaType).get("schema")), what + ": " + body);
        if (value.has("request_id")) {
            assertEquals(response.header("X-Request-ID"), value.get("request_id").asText(), what + ": request_id");
        }
    }

    /** A header's text as the value its schema describes. */
    private static JsonNode headerValue(String value, JsonNode schema) {
        if (schema.path("type").asText().equals("integer")) {
            try {
                return JsonNodeFactory.instance.numberNode(Long.parseLong(value.strip()));
            } catch (NumberFormatException notANumber) {
                return TextNode.valueOf(value);
            }
        }
        return TextNode.valueOf(value);
    }

    private static JsonNode parse(String mediaType, String body) {
        try {
            if (mediaType.equals("application/json") || mediaType.endsWith("+json")) {
                return JSON.readTree(body);
            }
            if (mediaType.contains("yaml") || mediaType.equals("application/vnd.oai.openapi")) {
                return YAML.readTree(body);
            }
            return TextNode.valueOf(body);
        } catch (IOException e) {
            throw new AssertionError("not " + mediaType + ": " + body, e);
        }
    }

    private static String mediaType(ApiClient.Response response) {
        String contentType = response.header("Content-Type");
        assertNotNull(contentType, "no Content-Type: " + response);
        int parameters = contentType.indexOf(';');
        return (parameters < 0 ? contentType : contentType.substring(0, parameters)).strip().toLowerCase(Locale.ROOT);
    }

    private static Set<String> allowHeader(ApiClient.Response response) {
        String allow = response.header("Allow");
        assertNotNull(allow, "no Allow: " + response);
        return Arrays.stream(allow.split(",")).map(String::strip).collect(Collectors.toCollection(TreeSet::new));
    }

    // ---- reading the document ----

    private static List<Answer> documentedAnswers() {
        List<Answer> answers = new ArrayList<>();
        forEachOperation((path, method, operation) -> operation.get("responses").fieldNames()
                .forEachRemaining(status -> answers.add(new Answer(method, path, Integer.parseInt(status)))));
        return answers;
    }

    private static Set<String> documentedMethods(String path) {
        Set<String> methods = new TreeSet<>();
        document.get("paths").get(path).fieldNames().forEachRemaining(name -> {
            String method = name.toUpperCase(Locale.ROOT);
            if (RouteRecorder.METHODS.contains(method)) {
                methods.add(method);
            }
        });
        return methods;
    }

    private static Set<Integer> documentedStatuses(String path, String method) {
        return streamOf(document.get("paths").get(path).get(method.toLowerCase(Locale.ROOT)).get("responses")
                .fieldNames()).map(Integer::parseInt).collect(Collectors.toSet());
    }

    @FunctionalInterface
    private interface OperationVisitor {
        void visit(String path, String method, JsonNode operation);
    }

    private static void forEachOperation(OperationVisitor visitor) {
        document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(entry -> {
            String method = entry.getKey().toUpperCase(Locale.ROOT);
            if (RouteRecorder.METHODS.contains(method)) {
                visitor.visit(path.getKey(), method, entry.getValue());
            }
        }));
    }

    @FunctionalInterface
    private interface NodeVisitor {
        void visit(String where, JsonNode node);
    }

    private static void forEachNode(JsonNode node, String where, NodeVisitor visitor) {
        if (node.isObject()) {
            visitor.visit(where, node);
            node.properties().forEach(field -> forEachNode(field.getValue(), where + "/" + field.getKey(), visitor));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                forEachNode(node.get(i), where + "/" + i, visitor);
            }
        }
    }

    /** A path of the document with its parameters filled in: an order that is not there, the kafka check. */
    private static String concrete(String path) {
        return path.replace("{id}", OrderId.random().toString()).replace("{name}", "kafka")
                .replace("{metric}", "coffee_http_request_duration");
    }

    /** The pages' files on the class path, as the paths they answer at ({@code index.html} at "/" too, {@code board.html} at "/board"). */
    private static Set<String> pageFilePaths() {
        URL location = OpenApiConformanceIT.class.getClassLoader().getResource(WebPage.LOCATION);
        assertNotNull(location, "the page's files are not on the class path");
        Set<String> paths = new TreeSet<>();
        try {
            URI uri = location.toURI();
            if (uri.getScheme().equals("jar")) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    collectFiles(jar.provider().getPath(uri), paths);
                }
            } else {
                collectFiles(Path.of(uri), paths);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (paths.contains("/index.html")) {
            paths.add("/");
        }
        if (paths.contains(WebPage.BOARD_FILE)) {
            paths.add(WebPage.BOARD);
        }
        return paths;
    }

    private static void collectFiles(Path root, Set<String> paths) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile)
                    .forEach(file -> paths.add("/" + root.relativize(file).toString().replace('\\', '/')));
        }
    }

    private static <T> List<T> listOf(Iterator<T> iterator) {
        List<T> all = new ArrayList<>();
        iterator.forEachRemaining(all::add);
        return all;
    }

    private static <T> Stream<T> streamOf(Iterator<T> iterator) {
        return listOf(iterator).stream();
    }
}
