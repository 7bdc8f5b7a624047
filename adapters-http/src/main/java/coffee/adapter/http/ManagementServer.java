package coffee.adapter.http;

import coffee.adapter.http.filter.Filters;
import io.helidon.webserver.WebServer;

/**
 * A small HTTP server for a role without an API (the consumer): liveness at {@code /health},
 * readiness and metrics at {@code /observe/...}, so it can be probed and scraped like the
 * producer.
 */
public final class ManagementServer implements AutoCloseable {

    private final WebServer server;

    private ManagementServer(WebServer server) {
        this.server = server;
    }

    /**
     * Returns if the server could listen on {@code host:port} now, without starting anything.
     *
     * @throws CannotListenException saying why it could not
     */
    public static void checkCanListen(String host, int port) {
        Listening.check(host, port);
    }

    /**
     * Starts on {@code port} (0 picks a free one); returns once it is bound.
     *
     * @throws CannotListenException if it cannot listen there
     */
    public static ManagementServer start(String host, int port, ReadinessCheck readiness) {
        WebServer server = WebServer.builder()
                .host(host)
                .port(port)
                .shutdownHook(false)
                .addFeature(Observability.feature(readiness))
                .featuresDiscoverServices(false)
                .routing(routing -> routing.addFilter(Filters.dated())
                        .register(new HealthHttpService())
                        .register(Observability.otherMethodsRefused(), Observability.metricsRequestsChecked())
                        .error(Throwable.class, new ErrorHandling()))
                .build();
        return new ManagementServer(Listening.started(server.start(), host, port));
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
    }
}
