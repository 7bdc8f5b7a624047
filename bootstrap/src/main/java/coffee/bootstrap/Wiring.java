package coffee.bootstrap;

import coffee.adapter.http.HttpSettings;
import coffee.adapter.kafka.KafkaSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Turns the configuration into each adapter's settings. */
final class Wiring {

    /** UTC, in whole milliseconds: finer times are noise on the wire and in logs. */
    static final Clock CLOCK = Clock.tickMillis(ZoneOffset.UTC);
    /** The spellings of "every address" for a server to listen on. */
    private static final Set<String> ANY_ADDRESS = Set.of("0.0.0.0", "::", "[::]", "0:0:0:0:0:0:0:0");

    private Wiring() {
    }

    static KafkaSettings kafka(Configuration config) {
        return kafka(config, config.get(Settings.KAFKA_BROKERS));
    }

    static KafkaSettings kafka(Configuration config, List<String> brokers) {
        return new KafkaSettings(
                brokers,
                config.get(Settings.KAFKA_TOPIC),
                config.get(Settings.KAFKA_STATUS_TOPIC),
                config.get(Settings.KAFKA_DLQ_TOPIC),
                config.get(Settings.KAFKA_PARTITIONS),
                config.get(Settings.KAFKA_REPLICATION_FACTOR),
                KafkaSettings.Acks.valueOf(config.get(Settings.KAFKA_REQUIRED_ACKS).toUpperCase(Locale.ROOT)),
                config.get(Settings.KAFKA_RETRY_MAX),
                Duration.ofMillis(config.get(Settings.KAFKA_TIMEOUT_MS)),
                config.get(Settings.KAFKA_GROUP_ID),
                config.get(Settings.CONSUMER_MAX_QUEUED),
                config.get(Settings.KAFKA_PROPERTIES));
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
                config.get(Settings.API_KEY));
    }
}
