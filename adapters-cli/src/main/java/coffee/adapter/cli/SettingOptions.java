package coffee.adapter.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Options every command that reads settings takes: the config file and any setting by key.
 * Each flag sets one setting by its key; flags win over environment variables, which win over
 * the config file. {@link KafkaSettingOptions} adds the Kafka shortcuts.
 */
class SettingOptions {

    private final Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--config", paramLabel = "FILE",
            description = "JSON config file (also CONFIG_FILE). Flags and environment variables override it.")
    void config(String file) {
        settings.put("config_file", file);
    }

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /**
     * Split here rather than by picocli's map option, whose error for a value without '='
     * reads "Value for option option '--set' ...". Picocli hands over all values so far.
     */
    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Any setting by its config-file key or environment name, e.g. --set kafka.partitions=12. "
                    + "Repeatable. See docs/configuration.md.")
    void set(List<String> values) {
        for (String value : values) {
            int equals = value.indexOf('=');
            if (equals < 1) {
                throw new ParameterException(command.commandLine(), "Invalid value for option '--set': '" + value
                        + "' is not KEY=VALUE, e.g. --set kafka.partitions=12");
            }
            settings.put(value.substring(0, equals).strip(), value.substring(equals + 1));
        }
    }

    final void put(String key, String value) {
        settings.put(key, value);
    }

    final Map<String, String> asMap() {
        return Map.copyOf(settings);
    }
}
