package coffee.bootstrap;

import coffee.adapter.http.HelidonOrderMetrics;
import coffee.adapter.http.OrderApiServer;
import coffee.adapter.http.OrderUseCases;
import coffee.adapter.kafka.KafkaConnection;
import coffee.adapter.kafka.KafkaHealthProbe;
import coffee.adapter.kafka.KafkaOrderChanges;
import coffee.adapter.kafka.KafkaOrderView;
import coffee.adapter.kafka.ViewSettings;
import coffee.application.port.in.PlaceOrder;
import coffee.application.port.in.ProjectOrderEvents;
import coffee.application.port.in.WatchOrder;
import coffee.application.port.out.Barista;
import coffee.application.port.out.OrderIds;
import coffee.application.port.out.OrderPublisher;
import coffee.application.readmodel.InMemoryOrderRepository;
import coffee.application.readmodel.RecentOrders;
import coffee.application.service.BrewingService;
import coffee.application.service.CancelOrderService;
import coffee.application.service.OrderFollowing;
import coffee.application.service.OrderProjection;
import coffee.application.service.OrderQueries;
import coffee.application.service.PlaceOrderService;
import coffee.application.service.TimedOrderPublisher;
import coffee.domain.OrderId;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;

/**
 * The one place where the use cases meet their adapters: builds the object graphs of the
 * producer, the consumer and the command-line tools with plain constructors, from the
 * configuration and what the role opened (the Kafka connection, the view, the changes). The
 * roles start and stop what they get from here, and build nothing themselves.
 */
final class CompositionRoot {

    /** UTC, in whole milliseconds: finer times are noise on the wire and in logs. */
    static final Clock CLOCK = Clock.tickMillis(ZoneOffset.UTC);

    private CompositionRoot() {
    }

    /**
     * The producers' view of orders, not started: a key held by another instance is asked of
     * that instance through its HTTP API (the two adapters meet in {@link HttpViewPeers}).
     */
    static KafkaOrderView orderView(ViewSettings settings, KafkaConnection kafka) {
        return kafka.orderView(settings, new HttpViewPeers(kafka.settings().timeout()));
    }

    /** The live changes of orders, for the event streams; not started. */
    static KafkaOrderChanges orderChanges(Configuration config, KafkaConnection kafka) {
        return kafka.orderChanges(config.get(Settings.EVENTS_REMEMBERED));
    }

    /**
     * The producer's order API, ready to listen: orders placed and cancelled through Kafka and
     * timed, read from the view, followed through the changes, all counted in the metrics.
     * Building it loads most of Helidon, which is why the producer builds it while it waits for
     * Kafka.
     */
    static OrderApiServer.Prepared orderApi(Configuration config, KafkaConnection kafka, KafkaOrderView view,
            KafkaOrderChanges changes, KafkaHealthProbe health) {
        HelidonOrderMetrics metrics = new HelidonOrderMetrics();
        OrderPublisher publisher = new TimedOrderPublisher(kafka.publisher(), metrics);
        OrderUseCases useCases = new OrderUseCases(
                new PlaceOrderService(publisher, view, OrderIds.random(), CLOCK, metrics, kafka.settings().timeout()),
                new CancelOrderService(publisher, view, CLOCK,
                        Duration.ofMillis(config.get(Settings.CANCEL_TIMEOUT_MS)), metrics),
                new OrderQueries(view),
                new OrderQueries(view.here()),
                new OrderFollowing(changes));
        return OrderApiServer.prepare(AdapterSettings.http(config), useCases, health::problem, view::notReady);
    }

    /**
     * The consumer's baristas: brewing as configured (time per drink, how many at once),
     * publishing statuses through Kafka, timed and counted in the metrics. They remember a
     * bounded number of the orders they heard of, kept up to date by the consumer from the
     * status topic, so an order handed to them again that is done is not brewed again.
     */
    static Brewing brewing(Configuration config, KafkaConnection kafka) {
        RecentOrders known = new RecentOrders(config.get(Settings.CONSUMER_REMEMBERED_ORDERS));
        HelidonOrderMetrics metrics = new HelidonOrderMetrics();
        BrewingService baristas = new BrewingService(new TimedOrderPublisher(kafka.statusPublisher(), metrics), known,
                Barista.takingTime(Duration.ofMillis(config.get(Settings.BREW_TIME_MS))), CLOCK,
                config.get(Settings.CONSUMER_CONCURRENCY), metrics);
        return new Brewing(baristas, new OrderProjection(known), metrics);
    }

    /**
     * What a consumer runs.
     *
     * @param knownOrders what keeps the baristas' memory of orders up to date (from the status topic)
     * @param metrics where the consumer's lag is to be watched
     */
    record Brewing(BrewingService baristas, ProjectOrderEvents knownOrders, HelidonOrderMetrics metrics) {
    }

    /**
     * {@code coffee order}: orders placed through the core straight into Kafka, and followed in
     * what this process hears back. The statuses to feed to {@link CliOrdering#heard()} are only
     * those to come: the order an idempotency key already placed is looked up in Kafka first,
     * so a retry answers it (or the conflict) instead of publishing it again.
     */
    static CliOrdering cliOrdering(KafkaConnection kafka) {
        InMemoryOrderRepository orders = new InMemoryOrderRepository();
        PlaceOrderService service = new PlaceOrderService(kafka.publisher(), orders, OrderIds.random(), CLOCK);
        PlaceOrder place = command -> {
            command.idempotencyKey().map(OrderId::derivedFrom).flatMap(kafka::findOrder).ifPresent(orders::save);
            return service.place(command);
        };
        return new CliOrdering(place, new OrderQueries(orders), new OrderProjection(orders));
    }

    /**
     * The command-line tools' ordering.
     *
     * @param heard where the statuses this process follows go, for {@code watch} to see them
     */
    record CliOrdering(PlaceOrder place, WatchOrder watch, ProjectOrderEvents heard) {
    }
}
