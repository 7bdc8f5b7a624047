package coffee.bootstrap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The settings in force, each taken from the first place that sets it: command-line flags,
 * then environment variables, then the JSON config file, then the default. Every setting is
 * read and checked at load, so a bad value stops start-up at once, naming the setting.
 */
final class Configuration {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where a value came from; errors and the start-up log say it. */
    enum Source { FLAG, ENVIRONMENT, FILE, DEFAULT }

    private record Resolved(Object value, Source source) {
    }

    private final Map<Setting<?>, Resolved> values;

    private Configuration(Map<Setting<?>, Resolved> values) {
        this.values = values;
    }

    /**
     * @param flags settings from the command line, by key (or environment name)
     * @param env the environment
     * @throws ConfigurationException naming the first setting that is wrong
     */
    static Configuration load(Map<String, String> flags, Map<String, String> env) {
        Map<String, String> byKey = flagsByKey(flags);
        Optional<Path> file = Optional.ofNullable(byKey.remove(Settings.CONFIG_FILE_KEY))
                .or(() -> Optional.ofNullable(env.get(Settings.CONFIG_FILE_ENV)))
                .filter(path -> !path.isBlank())
                .map(Path::of);
        Map<String, String> fromFile = file.map(Configuration::readFile).orElse(Map.of());
        Map<Setting<?>, Resolved> values = new LinkedHashMap<>();
        for (Setting<?> setting : Settings.ALL) {
            Source source;
            String text;
            if (byKey.containsKey(setting.key())) {
                source = Source.FLAG;
                text = byKey.get(setting.key());
            } else if (env.containsKey(setting.env()) && !env.get(setting.env()).isBlank()) {
                source = Source.ENVIRONMENT;
                text = env.get(setting.env());
            } else if (fromFile.containsKey(setting.key())) {
                source = Source.FILE;
                text = fromFile.get(setting.key());
            } else {
                source = Source.DEFAULT;
                text = setting.defaultValue();
            }
            values.put(setting, new Resolved(parse(setting, text, source, file), source));
        }
        return new Configuration(values);
    }

    @SuppressWarnings("unchecked")
    <T> T get(Setting<T> setting) {
        Resolved resolved = values.get(setting);
        if (resolved == null) {
            throw new IllegalArgumentException("not a registered setting: " + setting.key());
        }
        return (T) resolved.value();
    }

    /** Whether anything but the default decided this setting. */
    boolean isSet(Setting<?> setting) {
        return values.get(setting).source() != Source.DEFAULT;
    }

    /** A copy with some settings replaced, as if given on the command line. */
    <T> Configuration with(Setting<T> setting, T value) {
        Map<Setting<?>, Resolved> copy = new LinkedHashMap<>(values);
        copy.put(setting, new Resolved(value, Source.FLAG));
        return new Configuration(copy);
    }

    private static Object parse(Setting<?> setting, String text, Source source, Optional<Path> file) {
        try {
            return setting.parser().parse(text);
        } catch (IllegalArgumentException e) {
            String where = switch (source) {
                case FLAG -> "on the command line";
                case ENVIRONMENT -> "in the environment";
                case FILE -> "in " + file.map(Path::toString).orElse("the config file");
                case DEFAULT -> "as the default";
            };
            String why = setting.secret() ? "not a valid value (secret, not shown)" : e.getMessage();
            throw new ConfigurationException("invalid " + setting.names() + " " + where + ": " + why);
        }
    }

    /** Flags may name a setting by key or by environment name; unknown names are an error. */
    private static Map<String, String> flagsByKey(Map<String, String> flags) {
        Map<String, String> byEnv = new HashMap<>();
        Map<String, String> known = new HashMap<>();
        for (Setting<?> setting : Settings.ALL) {
            byEnv.put(setting.env(), setting.key());
            known.put(setting.key(), setting.key());
        }
        known.put(Settings.CONFIG_FILE_KEY, Settings.CONFIG_FILE_KEY);
        byEnv.put(Settings.CONFIG_FILE_ENV, Settings.CONFIG_FILE_KEY);
        Map<String, String> byKey = new HashMap<>();
        flags.forEach((name, value) -> {
            String key = known.getOrDefault(name, byEnv.get(name));
            if (key == null) {
                throw new ConfigurationException("unknown setting '" + name + "'; see docs/configuration.md");
            }
            byKey.put(key, value);
        });
        return byKey;
    }

    /**
     * Reads the JSON config file: nested objects ({@code {"server": {"port": 3000}}}) or dotted
     * keys ({@code {"server.port": 3000}}). Unknown keys are an error: a typo must not be ignored.
     */
    private static Map<String, String> readFile(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("config file " + file + " does not exist");
        } catch (JsonProcessingException e) {
            // only where: Jackson's message quotes the file's text, which may hold secrets
            throw new ConfigurationException("config file " + file + " is not valid JSON ("
                    + Parsers.whereJsonBreaks(e, true) + ")");
        } catch (IOException e) {
            throw new ConfigurationException("cannot read config file " + file + ": " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ConfigurationException("config file " + file + " must hold a JSON object");
        }
        Map<String, String> flat = new LinkedHashMap<>();
        flatten("", root, flat);
        Map<String, Setting<?>> byKey = new HashMap<>();
        Settings.ALL.forEach(setting -> byKey.put(setting.key(), setting));
        for (String key : flat.keySet()) {
            if (!byKey.containsKey(key)) {
                throw new ConfigurationException("unknown setting '" + key + "' in config file " + file
                        + "; see docs/configuration.md");
            }
        }
        return flat;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> flat) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject() && !key.equals(Settings.KAFKA_PROPERTIES.key())) {
                flatten(key, value, flat);
            } else {
                flat.put(key, value.isValueNode() ? value.asText() : value.toString());
            }
        }
    }
}
