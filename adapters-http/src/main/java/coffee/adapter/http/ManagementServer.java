package coffee.adapter.http;

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

    /** Starts on {@code port} (0 picks a free one); returns once it is bound. */
    public static ManagementServer start(String host, int port, ReadinessCheck readiness) {
        WebServer server = WebServer.builder()
                .host(host)
                .port(port)
                .shutdownHook(false)
                .addFeature(Observability.feature(readiness))
                .featuresDiscoverServices(false)
                .routing(routing -> routing.register(new HealthHttpService())
                        .register(Observability.otherMethodsRefused(), Observability.metricsRequestsChecked())
                        .error(Throwable.class, new ErrorHandling()))
                .build()
                .start();
        return new ManagementServer(server);
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
    }
}
