package coffee.adapter.http;

import java.util.Optional;

/**
 * Whether the service can do its work right now (Kafka reachable, topics present): why not,
 * or empty when it can. Must answer at once; the caller is a health endpoint.
 */
@FunctionalInterface
public interface ReadinessCheck {

    Optional<String> problem();
}
