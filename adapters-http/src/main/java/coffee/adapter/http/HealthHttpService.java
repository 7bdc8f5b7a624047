package coffee.adapter.http;

import coffee.adapter.http.support.Json;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;

/** Liveness: the process is up and serving HTTP. Says nothing about Kafka (that is readiness). */
final class HealthHttpService implements HttpService {

    private static final byte[] OK = Json.bytes(Map.of("status", "ok"));

    @Override
    public void routing(HttpRules rules) {
        rules.get("/health", this::health)
                .head("/health", HeadAsGet.handler(this::health))
                .any("/health", Routes.onlyAllow("GET", "HEAD"));
    }

    private void health(ServerRequest req, ServerResponse res) {
        Json.sendEncoded(res, Status.OK_200, OK);
    }
}
