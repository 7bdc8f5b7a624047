package coffee.adapter.http;

import coffee.domain.OrderStatus;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The parameters of a blocking read, {@code GET /order/{id}?wait_for=completed&timeout=10s}:
 * which status to wait for and how long at most ({@code 500ms}, {@code 10s}, {@code 1m};
 * 30 s when not given, 60 s at most, so a proxy's idle timeout does not cut it).
 */
record BlockingRead(OrderStatus wanted, Duration timeout) {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)?");
    private static final String STATUSES = Arrays.stream(OrderStatus.values())
            .map(OrderStatus::wireName).collect(Collectors.joining(", "));

    /** The blocking read a request asks for; empty for a plain read (no {@code wait_for}). */
    static Optional<BlockingRead> of(ServerRequest req) {
        Optional<String> wanted = req.query().first("wait_for").asOptional().filter(text -> !text.isEmpty());
        Optional<String> timeout = req.query().first("timeout").asOptional().filter(text -> !text.isEmpty());
        if (wanted.isEmpty()) {
            if (timeout.isPresent()) {
                throw new ApiProblem(Status.BAD_REQUEST_400, "timeout needs wait_for: the status to wait for",
                        "timeout");
            }
            return Optional.empty();
        }
        OrderStatus status = OrderStatus.fromWireName(wanted.get()).orElseThrow(() -> new ApiProblem(
                Status.BAD_REQUEST_400, "wait_for must be one of: " + STATUSES, "wait_for"));
        return Optional.of(new BlockingRead(status, timeout.map(BlockingRead::duration).orElse(DEFAULT_TIMEOUT)));
    }

    private static Duration duration(String text) {
        Matcher matcher = DURATION.matcher(text);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            String unit = matcher.group(2) == null ? "s" : matcher.group(2);
            Duration duration = switch (unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
            };
            if (duration.compareTo(MAX_TIMEOUT) <= 0) {
                return duration;
            }
        }
        throw new ApiProblem(Status.BAD_REQUEST_400, "timeout must be a duration of at most 60s, such as 500ms, "
                + "10s or 1m", "timeout");
    }
}
