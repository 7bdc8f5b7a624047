package coffee.adapter.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import coffee.adapter.kafka.JsonRecordReader.FieldReader;
import coffee.adapter.kafka.JsonRecordReader.InvalidField;
import com.fasterxml.jackson.core.JsonParser;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonRecordReaderTest {

    private static final String[] NAMES = {"a", "b"};
    private static final FieldReader[] TEXT = {JsonRecordReader::text, JsonRecordReader::text};

    private static Object[] read(String json) throws Exception {
        try (JsonParser parser = JsonRecordReader.open(json.getBytes(StandardCharsets.UTF_8))) {
            Object[] fields = JsonRecordReader.readFields(parser, NAMES, TEXT);
            JsonRecordReader.requireEnd(parser);
            return fields;
        }
    }

    @Test
    void known_fields_are_read_by_name_and_unknown_ones_skipped() throws Exception {
        assertArrayEquals(new Object[] {"1", null}, read("{\"x\":{\"a\":\"no\"},\"a\":\"1\"}"));
    }

    @Test
    void a_field_given_twice_makes_the_record_unreadable() {
        InvalidField e = assertThrows(InvalidField.class, () -> read("{\"b\":\"1\",\"b\":\"2\"}"));
        assertEquals("duplicate field b", e.getMessage());
    }

    @Test
    void a_field_of_the_wrong_type_or_data_after_the_object_make_the_record_unreadable() {
        assertEquals("a must be a string", assertThrows(InvalidField.class, () -> read("{\"a\":[1]}")).getMessage());
        assertEquals("trailing data after the JSON object",
                assertThrows(InvalidField.class, () -> read("{\"a\":\"1\"} {}")).getMessage());
    }

    @Test
    void a_value_that_is_no_object_is_unreadable() {
        assertThrows(UndecodableRecordException.class, () -> read("null"));
        assertThrows(UndecodableRecordException.class, () -> read(""));
    }
}
