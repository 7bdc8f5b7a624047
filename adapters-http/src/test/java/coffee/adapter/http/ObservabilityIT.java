package coffee.adapter.http;

import static coffee.domain.OrderTestData.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coffee.application.readmodel.InMemoryOrderRepository;
import coffee.application.service.CancelOrderService;
import coffee.application.service.FakeOrderPublisher;
import coffee.application.service.OrderQueries;
import coffee.application.service.PlaceOrderService;
import coffee.application.service.TimedOrderPublisher;
import coffee.domain.OrderId;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Metrics and health as an operator scrapes them, from real servers. */
class ObservabilityIT {

    @Test
    void metrics_show_orders_by_drink_and_outcome_and_latency_histograms() {
        HelidonOrderMetrics metrics = new HelidonOrderMetrics();
        InMemoryOrderRepository orders = new InMemoryOrderRepository();
        FakeOrderPublisher kafka = FakeOrderPublisher.feeding(orders);
        TimedOrderPublisher publisher = new TimedOrderPublisher(kafka, metrics);
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        OrderUseCases useCases = new OrderUseCases(
                new PlaceOrderService(publisher, orders, OrderId::random, clock, metrics),
                new CancelOrderService(publisher, orders, clock, Duration.ofMillis(10), metrics),
                new OrderQueries(orders));
        try (OrderApiServer server = OrderApiServer.start(HttpSettings.defaults().withPort(0), useCases, Optional::empty)) {
            ApiClient api = new ApiClient(server.port());
            api.placeOrder("Ann", "Cold Brew");
            api.placeOrder("Ann", "Cold Brew", "Idempotency-Key", "same");
            api.placeOrder("Ann", "Mocha", "Idempotency-Key", "same");
            api.send(api.request("POST", "/order/" + OrderId.random() + "/cancel"));

            ApiClient.Response scrape = api.get("/observe/metrics");

            assertEquals(200, scrape.status());
            String text = scrape.raw().body();
            assertTrue(text.contains("coffee_orders_placed_total{drink=\"cold_brew\",outcome=\"accepted\""), text);
            assertTrue(text.contains("coffee_orders_rejected_total{drink=\"mocha\",outcome=\"key_reused\""), text);
            assertTrue(text.contains("coffee_orders_cancel_requests_total{outcome=\"not_found\""), text);
            assertTrue(text.contains("coffee_kafka_publish_duration_seconds_bucket{event=\"order_placed\""), text);
            assertTrue(text.contains("coffee_http_request_duration_seconds_bucket{method=\"POST\",route=\"/order\""), text);
            assertTrue(text.contains("route=\"/order/{id}/cancel\""), "routes are patterns, not raw paths");
        }
    }

    @Test
    void the_management_server_serves_liveness_readiness_and_metrics() {
        AtomicReference<Optional<String>> problem = new AtomicReference<>(Optional.empty());
        try (HelidonOrderMetrics.LagWatch lag = new HelidonOrderMetrics().watchConsumerLag(() -> Map.of(0, 7L));
                ManagementServer management = ManagementServer.start("127.0.0.1", 0, problem::get)) {
            ApiClient api = new ApiClient(management.port());

            assertEquals(200, api.get("/observe/health/ready").status());
            assertTrue(api.get("/health").header("Date").matches("[A-Z][a-z]{2}, \\d{2} .* GMT"), "an IMF-fixdate");
            problem.set(Optional.of("the consumer loop stopped"));
            assertEquals(503, api.get("/observe/health/ready").status());
            assertEquals(200, api.get("/health").status(), "liveness does not follow readiness");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            String metrics = "";
            while (!metrics.contains("coffee_consumer_lag{partition=\"0\"") && System.nanoTime() < deadline) {
                metrics = api.get("/observe/metrics").raw().body();
            }
            assertTrue(metrics.contains("coffee_consumer_lag{partition=\"0\""), metrics);
        }
    }

    @Test
    void the_management_server_on_a_port_in_use_says_so() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            CannotListenException e = assertThrows(CannotListenException.class,
                    () -> ManagementServer.start("0.0.0.0", taken.getLocalPort(), Optional::empty));

            assertEquals(CannotListenException.Reason.PORT_IN_USE, e.reason());
            assertEquals(taken.getLocalPort(), e.port());
        }
    }
}
