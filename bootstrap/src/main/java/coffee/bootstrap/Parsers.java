package coffee.bootstrap;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Readers for setting values, each failing with a reason a person understands: numbers, words,
 * paths, topics, lists and JSON. Addresses have their own, {@link AddressParsers}.
 */
final class Parsers {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What Kafka accepts as a topic name. */
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private Parsers() {
    }

    static Setting.Parser<Integer> intRange(int min, int max) {
        return text -> {
            int value;
            try {
                value = Integer.parseInt(text.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not a whole number");
            }
            if (value < min || value > max) {
                throw new IllegalArgumentException(value + " is not between " + min + " and " + max);
            }
            return value;
        };
    }

    static Setting.Parser<Integer> port() {
        return intRange(0, 65535);
    }

    static Setting.Parser<String> text() {
        return text -> {
            if (text.isBlank()) {
                throw new IllegalArgumentException("must not be empty");
            }
            return text.strip();
        };
    }

    static Setting.Parser<String> topic() {
        return text -> {
            if (!TOPIC.matcher(text.strip()).matches()) {
                throw new IllegalArgumentException("'" + text + "' is not a valid topic name (letters, digits, . _ -)");
            }
            return text.strip();
        };
    }

    static Setting.Parser<Path> path() {
        return text -> {
            try {
                return Path.of(text.strip());
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("'" + text + "' is not a valid path");
            }
        };
    }

    /** A path, or empty for "the default". */
    static Setting.Parser<Optional<Path>> optionalPath() {
        Setting.Parser<Path> path = path();
        return text -> text.isBlank() ? Optional.empty() : Optional.of(path.parse(text));
    }

    /** One of a few words, ignoring case. */
    static Setting.Parser<String> oneOf(String... words) {
        return text -> {
            String word = text.strip().toLowerCase(Locale.ROOT);
            for (String allowed : words) {
                if (allowed.equals(word)) {
                    return word;
                }
            }
            throw new IllegalArgumentException("'" + text + "' is not one of " + String.join(", ", words));
        };
    }

    /** Any text, empty meaning "none". */
    static Setting.Parser<Optional<String>> optionalText() {
        return text -> text.isBlank() ? Optional.empty() : Optional.of(text.strip());
    }

    /** A JSON array of strings, or a comma-separated list: {@code ["a","b"]} or {@code a,b}. */
    static Setting.Parser<List<String>> list() {
        return text -> {
            String trimmed = text.strip();
            List<String> items = new ArrayList<>();
            if (trimmed.startsWith("[")) {
                JsonNode array = json(trimmed);
                if (!array.isArray()) {
                    throw new IllegalArgumentException("is not a JSON array");
                }
                for (JsonNode item : array) {
                    if (!item.isTextual()) {
                        throw new IllegalArgumentException("must be a list of strings");
                    }
                    items.add(item.asText().strip());
                }
            } else {
                for (String item : trimmed.split(",")) {
                    items.add(item.strip());
                }
            }
            items.removeIf(String::isEmpty);
            if (items.isEmpty()) {
                throw new IllegalArgumentException("must name at least one value");
            }
            return List.copyOf(items);
        };
    }

    /** A JSON object of string values, for properties passed through unchanged. */
    static Setting.Parser<Map<String, String>> properties() {
        return text -> {
            JsonNode object;
            try {
                object = JSON.readTree(text.strip());
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("is not a valid JSON object (" + whereJsonBreaks(e, false) + ")");
            }
            if (!object.isObject()) {
                throw new IllegalArgumentException("must be a JSON object, e.g. {\"security.protocol\":\"SASL_SSL\"}");
            }
            Map<String, String> properties = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getValue().isContainerNode() || field.getValue().isNull()) {
                    throw new IllegalArgumentException("value of '" + field.getKey() + "' must be a string or number");
                }
                properties.put(field.getKey(), field.getValue().asText());
            }
            return Map.copyOf(properties);
        };
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("is not valid JSON (" + whereJsonBreaks(e, false) + ")");
        }
    }

    /**
     * Where a JSON text breaks, in words. Not Jackson's message: it names Jackson's internals
     * ({@code StreamReadConstraints.getMaxNestingDepth()}) and quotes the text, which may hold
     * passwords. A text past Jackson's limits has no location.
     */
    static String whereJsonBreaks(JsonProcessingException e, boolean withLine) {
        JsonLocation at = e.getLocation();
        if (e instanceof StreamConstraintsException || at == null) {
            return "nested too deeply or too long to read";
        }
        return withLine ? "line " + at.getLineNr() + ", column " + at.getColumnNr() : "at column " + at.getColumnNr();
    }
}
