package coffee.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a value against a schema of an OpenAPI 3.1 document: the part of JSON Schema 2020-12
 * the document uses. Any other keyword is refused rather than skipped, so a schema can never
 * claim more than is checked; teach this class the keyword first.
 */
final class SchemaCheck {

    /** Keywords that say something about the value, and are checked. */
    private static final Set<String> ASSERTIONS = Set.of("$ref", "type", "enum", "const", "properties", "required",
            "additionalProperties", "items", "minItems", "maxItems", "minLength", "maxLength", "pattern", "format",
            "minimum", "maximum");
    /** Keywords for people and tools, with nothing to check. */
    private static final Set<String> ANNOTATIONS = Set.of("description", "title", "examples", "default");
    private static final Pattern UUID = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    /** RFC 3339: a full date, {@code T}, a time and an explicit offset. */
    private static final Pattern DATE_TIME = Pattern.compile(
            "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$");

    private final JsonNode document;

    SchemaCheck(JsonNode document) {
        this.document = document;
    }

    /** What is wrong with {@code value}; empty when it conforms. */
    List<String> problems(JsonNode value, JsonNode schema) {
        List<String> problems = new ArrayList<>();
        check(value, schema, "$", problems);
        return problems;
    }

    /** Follows a local reference ({@code #/components/...}); fails on one that leads nowhere. */
    JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref") && hops < 10; hops++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new AssertionError("only local references are supported: " + ref);
            }
            JsonNode target = document.at(ref.substring(1));
            if (target.isMissingNode()) {
                throw new AssertionError("the reference leads nowhere: " + ref);
            }
            current = target;
        }
        return current;
    }

    /** Keywords in {@code schema} (and the schemas inside it) that this class does not check. */
    static List<String> unknownKeywords(JsonNode schema, String where) {
        List<String> unknown = new ArrayList<>();
        collectUnknown(schema, where, unknown);
        return unknown;
    }

    private static void collectUnknown(JsonNode schema, String where, List<String> unknown) {
        if (!schema.isObject()) {
            if (!schema.isBoolean()) {
                unknown.add(where + " is not a schema: " + schema);
            }
            return;
        }
        for (Iterator<String> names = schema.fieldNames(); names.hasNext(); ) {
            String keyword = names.next();
            if (!ASSERTIONS.contains(keyword) && !ANNOTATIONS.contains(keyword)) {
                unknown.add(where + "/" + keyword);
            }
        }
        if (schema.has("properties")) {
            schema.get("properties").properties()
                    .forEach(property -> collectUnknown(property.getValue(), where + "/properties/" + property.getKey(),
                            unknown));
        }
        if (schema.has("items")) {
            collectUnknown(schema.get("items"), where + "/items", unknown);
        }
        if (schema.has("additionalProperties")) {
            collectUnknown(schema.get("additionalProperties"), where + "/additionalProperties", unknown);
        }
        if (schema.has("format") && !Set.of("uuid", "date-time").contains(schema.get("format").asText())) {
            unknown.add(where + "/format: " + schema.get("format").asText());
        }
    }

    private void check(JsonNode value, JsonNode schema, String at, List<String> problems) {
        if (schema.isBoolean()) {
            if (!schema.booleanValue()) {
                problems.add(at + ": no value is allowed here");
            }
            return;
        }
        List<String> unknown = unknownKeywords(schema, "schema");
        if (!unknown.isEmpty()) {
            throw new AssertionError("the schema uses keywords this check does not know: " + unknown);
        }
        if (schema.has("$ref")) {
            check(value, resolve(schema), at, problems);
        }
        if (schema.has("type") && !hasType(value, schema.get("type"))) {
            problems.add(at + ": " + describe(value) + " is not of type " + schema.get("type"));
            return;
        }
        if (schema.has("enum") && !contains(schema.get("enum"), value)) {
            problems.add(at + ": " + value + " is not one of " + schema.get("enum"));
        }
        if (schema.has("const") && !schema.get("const").equals(value)) {
            problems.add(at + ": " + value + " is not " + schema.get("const"));
        }
        if (value.isTextual()) {
            checkText(value.textValue(), schema, at, problems);
        }
        if (value.isNumber()) {
            if (schema.has("minimum") && value.decimalValue().compareTo(schema.get("minimum").decimalValue()) < 0) {
                problems.add(at + ": " + value + " is below " + schema.get("minimum"));
            }
            if (schema.has("maximum") && value.decimalValue().compareTo(schema.get("maximum").decimalValue()) > 0) {
                problems.add(at + ": " + value + " is above " + schema.get("maximum"));
            }
        }
        if (value.isArray()) {
            checkArray(value, schema, at, problems);
        }
        if (value.isObject()) {
            checkObject(value, schema, at, problems);
        }
    }

    private static void checkText(String text, JsonNode schema, String at, List<String> problems) {
        int length = text.codePointCount(0, text.length());
        if (schema.has("minLength") && length < schema.get("minLength").intValue()) {
            problems.add(at + ": \"" + text + "\" is shorter than " + schema.get("minLength"));
        }
        if (schema.has("maxLength") && length > schema.get("maxLength").intValue()) {
            problems.add(at + ": \"" + text + "\" is longer than " + schema.get("maxLength"));
        }
        if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(text).find()) {
            problems.add(at + ": \"" + text + "\" does not match " + schema.get("pattern").asText());
        }
        if (schema.has("format")) {
            String format = schema.get("format").asText();
            boolean valid = switch (format) {
                case "uuid" -> UUID.matcher(text).matches();
                case "date-time" -> DATE_TIME.matcher(text).matches() && parsesAsDateTime(text);
                default -> throw new AssertionError("unknown format " + format);
            };
            if (!valid) {
                problems.add(at + ": \"" + text + "\" is not a " + format);
            }
        }
    }

    private void checkArray(JsonNode array, JsonNode schema, String at, List<String> problems) {
        if (schema.has("minItems") && array.size() < schema.get("minItems").intValue()) {
            problems.add(at + ": fewer than " + schema.get("minItems") + " items");
        }
        if (schema.has("maxItems") && array.size() > schema.get("maxItems").intValue()) {
            problems.add(at + ": more than " + schema.get("maxItems") + " items");
        }
        if (schema.has("items")) {
            for (int i = 0; i < array.size(); i++) {
                check(array.get(i), schema.get("items"), at + "[" + i + "]", problems);
            }
        }
    }

    private void checkObject(JsonNode object, JsonNode schema, String at, List<String> problems) {
        if (schema.has("required")) {
            for (JsonNode name : schema.get("required")) {
                if (!object.has(name.asText())) {
                    problems.add(at + ": the required " + name.asText() + " is missing");
                }
            }
        }
        JsonNode properties = schema.path("properties");
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            String path = at + "." + field.getKey();
            if (properties.has(field.getKey())) {
                check(field.getValue(), properties.get(field.getKey()), path, problems);
            } else if (schema.has("additionalProperties")) {
                check(field.getValue(), schema.get("additionalProperties"), path, problems);
            }
        }
    }

    private static boolean hasType(JsonNode value, JsonNode type) {
        if (type.isArray()) {
            for (JsonNode one : type) {
                if (hasType(value, one)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "boolean" -> value.isBoolean();
            case "integer" -> value.isIntegralNumber()
                    || (value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0);
            case "number" -> value.isNumber();
            case "null" -> value.isNull();
            default -> throw new AssertionError("unknown type " + type);
        };
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode candidate : values) {
            if (candidate.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean parsesAsDateTime(String text) {
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String describe(JsonNode value) {
        String text = value.toString();
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
