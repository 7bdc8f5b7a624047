package coffee.adapter.http;

import coffee.adapter.http.filter.Filters;
import io.helidon.http.DirectHandler.EventType;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.spi.ServerFeature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The producer's HTTP API on Helidon SE: the order routes, the web pages and the API's OpenAPI
 * document behind the middleware filters.
 * The one public entry point of this adapter.
 */
public final class OrderApiServer implements AutoCloseable {

    private static final long HARD_BODY_LIMIT = 1024 * 1024;

    private final WebServer server;
    private final OrderEventsHttpService events;

    private OrderApiServer(WebServer server, OrderEventsHttpService events) {
        this.server = server;
        this.events = events;
    }

    /**
     * Starts serving; returns once the port is bound.
     *
     * @throws CannotListenException if it cannot listen on the configured host and port
     * @param kafka readiness of what the API needs behind it, for {@code /observe/health/ready}
     */
    public static OrderApiServer start(HttpSettings settings, OrderUseCases useCases, ReadinessCheck kafka) {
        return prepare(settings, useCases, kafka).start();
    }

    /**
     * Builds the server (routes, filters, features) without opening its port. Building loads
     * and initializes most of Helidon's classes, which takes a good part of a second on a cold
     * JVM: a role can do it while it waits for something else (Kafka), then {@link
     * Prepared#start()} binds the port at once.
     */
    public static Prepared prepare(HttpSettings settings, OrderUseCases useCases, ReadinessCheck kafka) {
        return prepare(settings, useCases, kafka, Optional::empty);
    }

    /**
     * Like {@link #prepare(HttpSettings, OrderUseCases, ReadinessCheck)}, with the view of orders
     * as a readiness check of its own: orders are taken as soon as Kafka is usable, reads are
     * answered once the view is.
     */
    public static Prepared prepare(HttpSettings settings, OrderUseCases useCases, ReadinessCheck kafka,
            ReadinessCheck view) {
        OrderEventsHttpService events = new OrderEventsHttpService(useCases, settings.eventStreams());
        DirectHandlers.Builder directHandlers = DirectHandlers.builder();
        JsonDirectHandler json = new JsonDirectHandler(settings.maxBodyBytes());
        for (EventType type : EventType.values()) {
            directHandlers.addHandler(type, json);
        }
        WebServerConfig.Builder builder = WebServer.builder()
                .host(settings.host())
                .port(settings.port())
                .maxTcpConnections(settings.maxConnections())
                // the owner stops the server in its own orderly shutdown (HTTP before Kafka)
                .shutdownHook(false)
                .shutdownGracePeriod(settings.shutdownGrace())
                // the API's own limit (413 from the handler) is checked first; this hard limit only
                // stops absurd bodies. Below it, Helidon drains what the handler did not read, so
                // the client reads the 413 and keeps its connection; above it, the server closes
                .maxPayloadSize(Math.max(settings.maxBodyBytes(), HARD_BODY_LIMIT))
                .directHandlers(directHandlers.build())
                // only the features added below: Helidon would otherwise add any it finds on the
                // class path (helidon-openapi alone would serve /openapi, configured its own way)
                .featuresDiscoverServices(false)
                .routing(routing -> routing(routing, settings, useCases, events));
        features(kafka, view).forEach(builder::addFeature);
        return new Prepared(builder.build(), events, settings.host(), settings.port());
    }

    /** A server built and not started yet. */
    public static final class Prepared {

        private final WebServer server;
        private final OrderEventsHttpService events;
        private final String host;
        private final int port;

        private Prepared(WebServer server, OrderEventsHttpService events, String host, int port) {
            this.server = server;
            this.events = events;
            this.host = host;
            this.port = port;
        }

        /**
         * Starts serving; returns once the port is bound.
         *
         * @throws CannotListenException if it cannot listen on the configured host and port
         */
        public OrderApiServer start() {
            return new OrderApiServer(Listening.started(server.start(), host, port), events);
        }
    }

    /**
     * Returns if the API could listen on {@code host:port} now, without starting anything: a
     * role checks its port before it starts Kafka clients or a broker.
     *
     * @throws CannotListenException saying why it could not
     */
    public static void checkCanListen(String host, int port) {
        Listening.check(host, port);
    }

    /**
     * Helidon's features the server runs besides the routing: health ({@code /observe/health})
     * and the OpenAPI document ({@code /openapi}).
     */
    static List<ServerFeature> features(ReadinessCheck kafka) {
        return features(kafka, Optional::empty);
    }

    static List<ServerFeature> features(ReadinessCheck kafka, ReadinessCheck view) {
        Map<String, ReadinessCheck> readiness = new LinkedHashMap<>();
        readiness.put("kafka", kafka);
        readiness.put("view", view);
        return List.of(Observability.feature(readiness), HeadAsGet.feature(OpenApiDocument.feature()));
    }

    /** Every route and filter of the API; the tests of this package route through it too. */
    static void routing(HttpRouting.Builder routing, HttpSettings settings, OrderUseCases useCases) {
        routing(routing, settings, useCases, new OrderEventsHttpService(useCases, settings.eventStreams()));
    }

    private static void routing(HttpRouting.Builder routing, HttpSettings settings, OrderUseCases useCases,
            OrderEventsHttpService events) {
        Filters.inOrder(settings.corsAllowedOrigins(), settings.apiKey()).forEach(routing::addFilter);
        routing.register(events)
                .register(new OrderHttpService(useCases, settings.maxBodyBytes()))
                .register(OrderHttpService.peerQueries(useCases, settings.maxBodyBytes()))
                .register(new MenuHttpService())
                .register(new HealthHttpService())
                // after the API, so its routes come first; a GET that names no file falls through
                // to the JSON 404 like any unknown route
                .register(WebPage.boardAddress(), WebPage.conditionalRequests(), WebPage.files())
                // the paths the files and the features serve (those come later): other methods
                // answer 405 with Allow, as on the API's own paths
                .register(WebPage.otherMethodsRefused(), Observability.otherMethodsRefused(),
                        Observability.metricsRequestsChecked(), OpenApiDocument.requestsChecked())
                .error(Throwable.class, new ErrorHandling());
    }

    public int port() {
        return server.port();
    }

    /**
     * Stops accepting connections and lets requests in flight finish (up to the grace period);
     * event streams end at once (their clients resume, on another instance if need be).
     */
    @Override
    public void close() {
        events.closeAll();
        server.stop();
    }
}
