package coffee.bootstrap;

import java.util.Objects;

/**
 * One setting: its key in the config file, its environment variable, its default, how to read
 * it and what it means. Command-line flags set it by key.
 *
 * @param key the config-file key, for example {@code server.port}
 * @param env the environment variable, for example {@code SERVER_PORT}
 * @param defaultValue the value when nothing sets it, as text (parsed like any other value)
 * @param parser turns text into a value, or explains why it cannot
 * @param description what it means, for errors and docs
 * @param secret whether the value is a secret: never echoed in errors or logs
 */
record Setting<T>(String key, String env, String defaultValue, Parser<T> parser, String description, boolean secret) {

    Setting(String key, String env, String defaultValue, Parser<T> parser, String description) {
        this(key, env, defaultValue, parser, description, false);
    }

    Setting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(parser, "parser");
        Objects.requireNonNull(description, "description");
    }

    /** Reads a setting's text, throwing {@link IllegalArgumentException} with the reason in words. */
    @FunctionalInterface
    interface Parser<T> {
        T parse(String text);
    }

    /** How errors name the setting, every way it can be given. */
    String names() {
        return key + " (" + env + ")";
    }
}
