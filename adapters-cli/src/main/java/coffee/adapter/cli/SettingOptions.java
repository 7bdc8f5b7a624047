package coffee.adapter.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Options every command that talks to Kafka takes. Each flag sets one setting by its key;
 * flags win over environment variables, which win over the config file.
 */
final class SettingOptions {

    private final Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--config", paramLabel = "FILE",
            description = "JSON config file (also CONFIG_FILE). Flags and environment variables override it.")
    void config(String file) {
        settings.put("config_file", file);
    }

    @Option(names = "--brokers", paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers (KAFKA_BROKERS; default localhost:9092).")
    void brokers(String value) {
        settings.put("kafka.brokers", value);
    }

    @Option(names = "--topic", paramLabel = "NAME", description = "Orders topic (KAFKA_TOPIC; default coffee_orders).")
    void topic(String value) {
        settings.put("kafka.topic", value);
    }

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Any setting by its config-file key or environment name, e.g. --set kafka.partitions=12. "
                    + "Repeatable. See docs/configuration.md.")
    void set(Map<String, String> values) {
        settings.putAll(values);
    }

    void put(String key, String value) {
        settings.put(key, value);
    }

    Map<String, String> asMap() {
        return Map.copyOf(settings);
    }
}
