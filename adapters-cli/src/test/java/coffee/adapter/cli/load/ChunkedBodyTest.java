package coffee.adapter.cli.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChunkedBodyTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void a_body_ends_after_the_last_chunk_and_its_trailers() throws ProtocolException {
        byte[] body = bytes("3\r\nabc\r\n2;ext=1\r\nde\r\n0\r\nX-Trailer: 1\r\n\r\n");

        assertEquals(body.length, ChunkedBody.end(body, body.length, 0));
    }

    @Test
    void a_body_not_all_received_is_incomplete() throws ProtocolException {
        byte[] body = bytes("3\r\nabc\r\n0\r\n");

        assertEquals(HttpAnswerParser.INCOMPLETE, ChunkedBody.end(body, body.length, 0));
        assertEquals(HttpAnswerParser.INCOMPLETE, ChunkedBody.end(body, 5, 0));
    }

    @Test
    void decoding_moves_the_chunks_data_together_in_place() throws ProtocolException {
        byte[] body = bytes("3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");

        int end = ChunkedBody.decode(body, body.length, 0);

        assertEquals("abcde", new String(body, 0, end, StandardCharsets.US_ASCII));
    }

    @Test
    void a_chunk_size_that_is_no_hex_number_is_refused() {
        byte[] body = bytes("xyz\r\nabc\r\n0\r\n\r\n");

        assertThrows(ProtocolException.class, () -> ChunkedBody.end(body, body.length, 0));
    }
}
