package coffee.bootstrap;

import coffee.adapter.http.EventStreamSettings;
import coffee.adapter.http.HttpSettings;
import coffee.adapter.kafka.KafkaSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Turns the configuration into each adapter's settings. */
final class Wiring {

    private static final System.Logger LOG = System.getLogger(Wiring.class.getName());

    /** The setting to use instead of a Kafka client property the system sets itself, where there is one. */
    private static final Map<String, Setting<?>> INSTEAD = Map.of(
            "bootstrap.servers", Settings.KAFKA_BROKERS,
            "acks", Settings.KAFKA_REQUIRED_ACKS,
            "enable.idempotence", Settings.KAFKA_REQUIRED_ACKS,
            "retries", Settings.KAFKA_RETRY_MAX,
            "max.block.ms", Settings.KAFKA_TIMEOUT_MS,
            "delivery.timeout.ms", Settings.KAFKA_TIMEOUT_MS,
            "request.timeout.ms", Settings.KAFKA_TIMEOUT_MS,
            "default.api.timeout.ms", Settings.KAFKA_TIMEOUT_MS,
            "group.id", Settings.KAFKA_GROUP_ID);

    /** UTC, in whole milliseconds: finer times are noise on the wire and in logs. */
    static final Clock CLOCK = Clock.tickMillis(ZoneOffset.UTC);
    /** The spellings of "every address" for a server to listen on. */
    private static final Set<String> ANY_ADDRESS = Set.of("0.0.0.0", "::", "[::]", "0:0:0:0:0:0:0:0");

    private Wiring() {
    }

    static KafkaSettings kafka(Configuration config) {
        return kafka(config, config.get(Settings.KAFKA_BROKERS));
    }

    /**
     * Also warns, once, about each client property in kafka.properties that the system sets
     * itself and so does not use: dropping it without a word would leave someone believing that
     * {@code "acks":"0"} took effect.
     */
    static KafkaSettings kafka(Configuration config, List<String> brokers) {
        KafkaSettings settings = new KafkaSettings(
                brokers,
                config.get(Settings.KAFKA_TOPIC),
                config.get(Settings.KAFKA_STATUS_TOPIC),
                config.get(Settings.KAFKA_DLQ_TOPIC),
                config.get(Settings.KAFKA_PARTITIONS),
                config.get(Settings.KAFKA_REPLICATION_FACTOR),
                config.get(Settings.KAFKA_MIN_INSYNC_REPLICAS),
                KafkaSettings.Acks.valueOf(config.get(Settings.KAFKA_REQUIRED_ACKS).toUpperCase(Locale.ROOT)),
                config.get(Settings.KAFKA_RETRY_MAX),
                Duration.ofMillis(config.get(Settings.KAFKA_TIMEOUT_MS)),
                config.get(Settings.KAFKA_GROUP_ID),
                config.get(Settings.CONSUMER_MAX_QUEUED),
                config.get(Settings.KAFKA_PROPERTIES));
        settings.ignoredClientProperties().forEach((property, clients) -> LOG.log(Level.WARNING, () ->
                Settings.KAFKA_PROPERTIES.names() + " sets " + property + ", which coffee sets itself for the "
                        + String.join(", ", clients) + ": ignored"
                        + Optional.ofNullable(INSTEAD.get(property)).map(s -> " (use " + s.env() + ")").orElse("")));
        return settings;
    }

    /**
     * Where a producer with this configuration answers, seen from this machine: {@code
     * server.host} when it names one host, else localhost (it listens on every address);
     * empty when {@code server.port} is 0, chosen only when the producer starts.
     */
    static Optional<String> producerUrl(Configuration config) {
        int port = config.get(Settings.SERVER_PORT);
        if (port == 0) {
            return Optional.empty();
        }
        String host = config.get(Settings.SERVER_HOST);
        if (ANY_ADDRESS.contains(host)) {
            host = "localhost";
        } else if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return Optional.of("http://" + host + ":" + port);
    }

    static HttpSettings http(Configuration config) {
        return new HttpSettings(
                config.get(Settings.SERVER_HOST),
                config.get(Settings.SERVER_PORT),
                config.get(Settings.SERVER_MAX_BODY_BYTES),
                config.get(Settings.CORS_ALLOWED_ORIGINS),
                Duration.ofSeconds(10),
                config.get(Settings.API_KEY),
                new EventStreamSettings(Duration.ofMillis(config.get(Settings.EVENTS_HEARTBEAT_MS)),
                        config.get(Settings.EVENTS_SUBSCRIBER_BUFFER), config.get(Settings.EVENTS_MAX_SUBSCRIBERS)),
                config.get(Settings.SERVER_MAX_CONNECTIONS));
    }
}
