package coffee.bootstrap;

import coffee.adapter.kafka.broker.EmbeddedKafkaBroker;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** The embedded Kafka broker as a role of its own (`coffee broker`, and inside `coffee serve`). */
final class BrokerRole implements AutoCloseable {

    private final EmbeddedKafkaBroker broker;

    private BrokerRole(EmbeddedKafkaBroker broker) {
        this.broker = broker;
    }

    static BrokerRole start(Configuration config) {
        long started = System.nanoTime();
        Path dataDir = config.get(Settings.BROKER_DATA_DIR).toAbsolutePath().normalize();
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, config.get(Settings.BROKER_PORT));
        Lifecycle.ANNOUNCE.log(Level.INFO, String.format(Locale.ROOT,
                "Kafka broker ready in %s ms on %s, data in %s",
                Duration.ofNanos(System.nanoTime() - started).toMillis(), broker.bootstrapServers(), dataDir));
        return new BrokerRole(broker);
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    public void close() {
        broker.close();
        Lifecycle.ANNOUNCE.log(Level.INFO, "Kafka broker stopped");
    }
}
