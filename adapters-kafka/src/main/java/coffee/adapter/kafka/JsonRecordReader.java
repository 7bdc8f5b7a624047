package coffee.adapter.kafka;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads a record value that must be one JSON object, strictly, with Jackson's streaming
 * parser: known fields at most once each, of the right type, nothing after the object; unknown
 * fields are skipped so a newer writer does not break an older reader. What is wrong is an
 * {@link InvalidField} (or an {@link UndecodableRecordException} for a value that is no object).
 */
final class JsonRecordReader {

    /** Duplicate fields are caught by {@link #readFields} (a bit per known field): cheaper than Jackson's check. */
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private JsonRecordReader() {
    }

    static JsonParser open(byte[] value) throws IOException, UndecodableRecordException {
        if (value == null || value.length == 0) {
            throw new UndecodableRecordException("empty record value");
        }
        JsonParser json = JSON.createParser(value);
        JsonToken first = json.nextToken();
        if (first != JsonToken.START_OBJECT) {
            json.close();
            throw new UndecodableRecordException(first == JsonToken.VALUE_NULL
                    ? "record value is JSON null" : "record value is not a JSON object");
        }
        return json;
    }

    static void requireEnd(JsonParser json) throws IOException {
        if (json.currentToken() != JsonToken.END_OBJECT) {
            throw new InvalidField("not a JSON object");
        }
        if (json.nextToken() != null) {
            throw new InvalidField("trailing data after the JSON object");
        }
    }

    /** Reads a field's value, whose first token was just read. */
    @FunctionalInterface
    interface FieldReader {
        Object read(JsonParser json, JsonToken token, String field) throws IOException;
    }

    /**
     * Reads the fields of an object whose START_OBJECT was just read, up to its END_OBJECT: the
     * value of each of {@code names} (null where missing) by its reader, each at most once;
     * other fields are skipped.
     */
    static Object[] readFields(JsonParser json, String[] names, FieldReader[] readers) throws IOException {
        Object[] values = new Object[names.length];
        int seen = 0;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken token = json.nextToken();
            int at = indexOf(names, field);
            if (at < 0) {
                json.skipChildren();
                continue;
            }
            seen = once(seen, 1 << at, field);
            values[at] = readers[at].read(json, token, field);
        }
        return values;
    }

    private static int indexOf(String[] names, String field) {
        for (int at = 0; at < names.length; at++) {
            if (names[at].equals(field)) {
                return at;
            }
        }
        return -1;
    }

    /** Marks a field as read; a field read twice makes the record ambiguous, so unreadable. */
    private static int once(int seen, int bit, String field) {
        if ((seen & bit) != 0) {
            throw new InvalidField("duplicate field " + field);
        }
        return seen | bit;
    }

    static String text(JsonParser json, JsonToken token, String field) throws IOException {
        if (token != JsonToken.VALUE_STRING) {
            if (token.isStructStart()) {
                json.skipChildren();
            }
            throw new InvalidField(field + " must be a string");
        }
        return json.getText();
    }

    static <T> T required(T value, String field) {
        if (value == null) {
            throw new InvalidField(field + " is missing");
        }
        return value;
    }

    static String abbreviate(String text) {
        if (text == null) {
            return "null";
        }
        String oneLine = text.replaceAll("\\p{Cntrl}", " ");
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }

    /** A field of a record is missing or wrong; becomes an {@link UndecodableRecordException}. */
    static final class InvalidField extends RuntimeException {

        InvalidField(String message) {
            super(message, null, false, false);
        }
    }
}
