package coffee.adapter.http;

import coffee.adapter.http.support.ApiErrors;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.metrics.api.Metrics;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Helidon's observe feature: {@code /observe/health} (with {@code /live} and {@code /ready}),
 * where readiness includes Kafka, and {@code /observe/metrics} in Prometheus text. Liveness
 * stays independent of Kafka, so an orchestrator never restarts a healthy process because
 * the broker is away.
 */
final class Observability {

    /**
     * The paths Helidon's health observer answers ({@code GET} and {@code HEAD}), each check
     * also on its own by name. Only for refusing other methods with {@code 405}; a test compares
     * this list with what the observer registers.
     */
    static final List<String> HEALTH_PATHS = List.of("/observe/health", "/observe/health/live", "/observe/health/ready",
            "/observe/health/started", "/observe/health/live/{name}", "/observe/health/ready/{name}",
            "/observe/health/started/{name}", "/observe/health/check/{name}");

    private Observability() {
    }

    static ObserveFeature feature(ReadinessCheck kafka) {
        return feature(Map.of("kafka", kafka));
    }

    /** @param readiness every readiness check by its name, as {@code /observe/health} lists them */
    static ObserveFeature feature(Map<String, ReadinessCheck> readiness) {
        var health = HealthObserver.builder().useSystemServices(false).details(true);
        readiness.forEach((name, check) -> health.addCheck(readinessCheck(name, check), HealthCheckType.READINESS));
        return ObserveFeature.builder()
                .observersDiscoverServices(false)
                .addObserver(health.build())
                // Helidon's metrics observer routes GET only
                .addObserver(HeadAsGet.observer(MetricsObserver.create()))
                .build();
    }

    /** The scopes Helidon's metrics observer serves, each at {@code /observe/metrics/<scope>}. */
    static final List<String> METRIC_SCOPES = List.of("application", "base", "vendor");

    /**
     * Puts the metrics paths under the API's rules before Helidon's observer sees them: other
     * methods than {@code GET} and {@code HEAD} answer {@code 405} (Helidon says {@code 404}),
     * and a metric that does not exist answers the API's JSON {@code 404} (Helidon's has no body).
     */
    static HttpService metricsRequestsChecked() {
        Handler refuse = Routes.onlyAllow("GET", "HEAD");
        Handler all = (req, res) -> {
            if (readsMetrics(req.prologue().method())) {
                res.next();
            } else {
                refuse.handle(req, res);
            }
        };
        return rules -> {
            rules.any("/observe/metrics", all);
            for (String scope : METRIC_SCOPES) {
                rules.any("/observe/metrics/" + scope, all);
                rules.any("/observe/metrics/" + scope + "/{metric}", (req, res) -> {
                    if (!readsMetrics(req.prologue().method())) {
                        refuse.handle(req, res);
                    } else if (metricExists(scope, req.path().pathParameters().get("metric"))) {
                        res.next();
                    } else {
                        ApiErrors.send(req, res, Status.NOT_FOUND_404, "Not found");
                    }
                });
            }
        };
    }

    private static boolean readsMetrics(Method method) {
        return method == Method.GET || method == Method.HEAD;
    }

    private static boolean metricExists(String scope, String name) {
        return Metrics.globalRegistry().meters().stream()
                .anyMatch(meter -> meter.scope().orElse("").equals(scope) && meter.id().name().equals(name));
    }

    /** Other methods than {@code GET} and {@code HEAD} on the health paths answer {@code 405}. */
    static HttpService otherMethodsRefused() {
        return rules -> HEALTH_PATHS.forEach(path -> rules.any(path, Routes.onlyAllowServedLater("GET", "HEAD")));
    }

    private static HealthCheck readinessCheck(String name, ReadinessCheck check) {
        return new HealthCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public HealthCheckType type() {
                return HealthCheckType.READINESS;
            }

            @Override
            public HealthCheckResponse call() {
                Optional<String> problem = check.problem();
                HealthCheckResponse.Builder response = HealthCheckResponse.builder().status(problem.isEmpty());
                problem.ifPresent(why -> response.detail("problem", why));
                return response.build();
            }
        };
    }
}
