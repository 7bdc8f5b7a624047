package coffee.bootstrap.bench;

import coffee.adapter.http.HelidonOrderMetrics;
import coffee.adapter.http.HttpSettings;
import coffee.adapter.http.OrderApiServer;
import coffee.adapter.http.OrderUseCases;
import coffee.application.port.out.OrderIds;
import coffee.application.port.out.OrderPublisher;
import coffee.application.readmodel.InMemoryOrderRepository;
import coffee.application.service.CancelOrderService;
import coffee.application.service.OrderQueries;
import coffee.application.service.PlaceOrderService;
import coffee.application.service.TimedOrderPublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * Bench tool (never part of the product): the producer's HTTP server with everything but Kafka,
 * which is replaced by a publisher that acknowledges at once. Measuring it next to the real
 * producer shows what Kafka costs: the "HTTP ceiling".
 *
 * <p>Usage: {@code HttpCeiling <port>}; runs until killed. Same routes, filters, services,
 * view and metrics as {@code coffee serve-producer}.
 */
public final class HttpCeiling {

    private HttpCeiling() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(args[0]);
        Clock clock = Clock.tickMillis(ZoneOffset.UTC);
        HelidonOrderMetrics metrics = new HelidonOrderMetrics();
        OrderPublisher instant = (event, requestId) -> CompletableFuture.completedFuture(null);
        OrderPublisher publisher = new TimedOrderPublisher(instant, metrics);
        InMemoryOrderRepository orders = new InMemoryOrderRepository();
        OrderUseCases useCases = new OrderUseCases(
                new PlaceOrderService(publisher, orders, OrderIds.random(), clock, metrics),
                new CancelOrderService(publisher, orders, clock, Duration.ofSeconds(3), metrics),
                new OrderQueries(orders));
        OrderApiServer server = OrderApiServer.start(HttpSettings.defaults().withPort(port), useCases, Optional::empty);
        System.out.println("HTTP ceiling server (no Kafka) on port " + server.port());
        new CountDownLatch(1).await();
    }
}
