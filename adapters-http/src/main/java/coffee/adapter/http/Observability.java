package coffee.adapter.http;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import java.util.Optional;

/**
 * Helidon's observe feature: {@code /observe/health} (with {@code /live} and {@code /ready}),
 * where readiness includes Kafka, and {@code /observe/metrics} in Prometheus text. Liveness
 * stays independent of Kafka, so an orchestrator never restarts a healthy process because
 * the broker is away.
 */
final class Observability {

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
                .addObserver(MetricsObserver.create())
                .build();
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
