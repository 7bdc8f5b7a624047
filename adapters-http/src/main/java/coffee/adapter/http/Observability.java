package coffee.adapter.http;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import java.util.List;
import java.util.Optional;

/**
 * Helidon's observe feature: {@code /observe/health} (with {@code /live} and {@code /ready}),
 * where readiness includes Kafka. Liveness stays independent of Kafka, so an orchestrator
 * never restarts a healthy process because the broker is away.
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
        return ObserveFeature.builder()
                .observersDiscoverServices(false)
                .addObserver(HealthObserver.builder()
                        .useSystemServices(false)
                        .details(true)
                        .addCheck(kafkaCheck(kafka), HealthCheckType.READINESS)
                        .build())
                .build();
    }

    /** Other methods than {@code GET} and {@code HEAD} on the health paths answer {@code 405}. */
    static HttpService otherMethodsRefused() {
        return rules -> HEALTH_PATHS.forEach(path -> rules.any(path, Routes.onlyAllowServedLater("GET", "HEAD")));
    }

    private static HealthCheck kafkaCheck(ReadinessCheck kafka) {
        return new HealthCheck() {
            @Override
            public String name() {
                return "kafka";
            }

            @Override
            public HealthCheckType type() {
                return HealthCheckType.READINESS;
            }

            @Override
            public HealthCheckResponse call() {
                Optional<String> problem = kafka.problem();
                HealthCheckResponse.Builder response = HealthCheckResponse.builder().status(problem.isEmpty());
                problem.ifPresent(why -> response.detail("problem", why));
                return response.build();
            }
        };
    }
}
