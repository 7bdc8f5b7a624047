package coffee.adapter.cli.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The parser as an event loop uses it: the answer arrives a few bytes at a time, and each
 * prefix is parsed again until the answer is whole.
 */
class HttpAnswerParserTest {

    private static final UUID ID = UUID.fromString("8c5b12f5-47c6-5a22-954e-eb11cb2c5d50");
    private static final String BODY = "{\"order\":{\"id\":\"" + ID + "\",\"status\":\"pending\"}}";
    private static final String WITH_LENGTH = "HTTP/1.1 201 Created\r\nContent-Length: "
            + BODY.length() + "\r\n\r\n" + BODY;
    private static final String CHUNKED = "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "10\r\n" + BODY.substring(0, 16) + "\r\n"
            + Integer.toHexString(BODY.length() - 16) + "\r\n" + BODY.substring(16) + "\r\n"
            + "0\r\n\r\n";

    private final HttpAnswerParser parser = new HttpAnswerParser();

    static Stream<String> answers() {
        return Stream.of(WITH_LENGTH, CHUNKED);
    }

    @ParameterizedTest
    @MethodSource("answers")
    void every_prefix_of_an_answer_is_incomplete_and_the_whole_answer_is_read(String answer) throws IOException {
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        for (int received = 0; received < bytes.length; received++) {
            byte[] prefix = Arrays.copyOf(bytes, received);
            assertEquals(HttpAnswerParser.INCOMPLETE, parser.parse(prefix, received, false), "after " + received);
        }

        assertEquals(201, parser.parse(bytes, bytes.length, false));
        assertTrue(parser.keepAlive());
        assertTrue(parser.findOrderId());
        assertEquals(ID, new UUID(parser.orderIdHigh(), parser.orderIdLow()));
    }

    @ParameterizedTest
    @MethodSource("answers")
    void a_stream_that_ends_before_the_answer_does_is_an_eof(String answer) {
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);

        assertThrows(EOFException.class, () -> parser.parse(bytes, bytes.length - 1, true));
    }

    @Test
    void a_body_without_a_length_is_whole_only_when_the_stream_ends() throws IOException {
        byte[] bytes = ("HTTP/1.0 200 OK\r\n\r\n" + BODY).getBytes(StandardCharsets.UTF_8);

        assertEquals(HttpAnswerParser.INCOMPLETE, parser.parse(bytes, bytes.length, false));
        assertEquals(200, parser.parse(bytes, bytes.length, true));
        assertFalse(parser.keepAlive());
        assertTrue(parser.findOrderId());
    }
}
