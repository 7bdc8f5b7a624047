package coffee.bootstrap;

import coffee.adapter.http.EventStreamSettings;
import coffee.adapter.http.HttpSettings;
import coffee.adapter.kafka.KafkaSettings;
import coffee.adapter.kafka.ViewSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Turns the configuration into each adapter's settings. */
final class AdapterSettings {

    private static final System.Logger LOG = System.getLogger(AdapterSettings.class.getName());

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
    /** The spellings of "every address" for a server to listen on. */
    private static final Set<String> ANY_ADDRESS = Set.of("0.0.0.0", "::", "[::]", "0:0:0:0:0:0:0:0");

    private AdapterSettings() {
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

    /** The producers' view of orders. */
    static ViewSettings view(Configuration config) {
        Path stateDirectory = config.get(Settings.VIEW_STATE_DIR).orElseGet(() -> defaultStateDirectory(config));
        // a view of other topics is another view: by default its id follows the orders topic
        String applicationId = config.get(Settings.VIEW_APPLICATION_ID)
                .orElse(config.get(Settings.KAFKA_TOPIC) + "-view");
        return new ViewSettings(applicationId, stateDirectory.toAbsolutePath().normalize(),
                config.get(Settings.VIEW_STANDBY_REPLICAS), (long) config.get(Settings.VIEW_MEMORY_MB) << 20,
                Duration.ofHours(config.get(Settings.VIEW_FINISHED_RETENTION_HOURS)));
    }

    /**
     * One directory per port, so two producers on one machine never share one, and a restart on
     * the same port finds its state again. A free port (0) is new every time: a fresh directory.
     */
    private static Path defaultStateDirectory(Configuration config) {
        if (!hasThrowawayState(config)) {
            return Path.of(".coffee", "view-" + config.get(Settings.SERVER_PORT));
        }
        try {
            return Files.createTempDirectory(KafkaLogNoise.THROWAWAY_STATE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a state directory for the view", e);
        }
    }

    /**
     * Whether the view's state directory is a temporary one of this process alone (a producer on
     * a free port, 0, with no {@code VIEW_STATE_DIR}), which no later start will find again: the
     * producer deletes it when it stops.
     */
    static boolean hasThrowawayState(Configuration config) {
        return config.get(Settings.VIEW_STATE_DIR).isEmpty() && config.get(Settings.SERVER_PORT) == 0;
    }

    /** {@code host:port} other producer instances reach this one's API at. */
    static String advertised(Configuration config, int boundPort) {
        return config.get(Settings.SERVER_ADVERTISED_URL)
                .map(url -> URI.create(url).getHost() + ":" + URI.create(url).getPort())
                .orElse("localhost:" + boundPort);
    }
}
