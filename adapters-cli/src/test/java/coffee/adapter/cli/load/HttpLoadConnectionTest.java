package coffee.adapter.cli.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The keep-alive client against a server that answers exactly the bytes each test scripts. */
class HttpLoadConnectionTest {

    private static final UUID ID = UUID.fromString("8c5b12f5-47c6-5a22-954e-eb11cb2c5d50");
    private static final String ORDER_BODY = "{\"success\":true,\"message\":\"Order placed\",\"order\":{\"id\":\"" + ID
            + "\",\"customer_name\":\"Ann\",\"coffee_type\":\"Latte\",\"status\":\"pending\"}}";
    private static final byte[] REQUEST = LoadTarget.parse("http://127.0.0.1:1").orderRequest("Ann", "Latte", null);

    private final ScriptedServer server = new ScriptedServer();
    private final HttpLoadConnection connection =
            new HttpLoadConnection(new InetSocketAddress("127.0.0.1", server.port()), REQUEST);

    @AfterEach
    void stop() throws IOException {
        connection.close();
        server.close();
    }

    private static String withLength(String head, String body) {
        return head + "\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    @Test
    void reads_the_status_and_the_order_id_of_an_answer_with_a_content_length() throws IOException {
        server.answer(withLength("HTTP/1.1 201 Created\r\nContent-Type: application/json", ORDER_BODY));

        assertEquals(201, connection.exchange());
        assertTrue(connection.findOrderId());
        assertEquals(ID, new UUID(connection.orderIdHigh(), connection.orderIdLow()));
    }

    @Test
    void sends_the_same_request_again_and_again_on_one_connection() throws IOException {
        for (int i = 0; i < 3; i++) {
            server.answer(withLength("HTTP/1.1 201 Created", ORDER_BODY));
        }

        for (int i = 0; i < 3; i++) {
            assertEquals(201, connection.exchange());
        }

        assertEquals(1, server.connections.get());
        assertEquals(3, server.requests.size());
        server.requests.forEach(request -> assertEquals(new String(REQUEST, StandardCharsets.US_ASCII), request));
    }

    @Test
    void reads_a_chunked_answer_and_finds_an_id_split_across_chunks() throws IOException {
        String first = ORDER_BODY.substring(0, 70);
        String second = ORDER_BODY.substring(70);
        server.answer("HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(first.length()) + ";ext=1\r\n" + first + "\r\n"
                + Integer.toHexString(second.length()) + "\r\n" + second + "\r\n0\r\nX-Trailer: yes\r\n\r\n");
        server.answer(withLength("HTTP/1.1 503 Service Unavailable", "{}"));

        assertEquals(201, connection.exchange());
        assertTrue(connection.findOrderId());
        assertEquals(ID, new UUID(connection.orderIdHigh(), connection.orderIdLow()));
        assertEquals(503, connection.exchange(), "the connection stays usable after the chunked body");
    }

    @Test
    void header_names_and_values_are_read_ignoring_case_and_spaces() throws IOException {
        server.answer("HTTP/1.1 201 Created\r\ncontent-LENGTH:   " + ORDER_BODY.length() + "  \r\n\r\n" + ORDER_BODY);

        assertEquals(201, connection.exchange());
        assertTrue(connection.findOrderId());
    }

    @Test
    void reconnects_after_an_answer_with_connection_close() throws IOException {
        server.answerThenClose(withLength("HTTP/1.1 201 Created\r\nConnection: close", ORDER_BODY));
        server.answer(withLength("HTTP/1.1 201 Created", ORDER_BODY));

        assertEquals(201, connection.exchange());
        assertEquals(201, connection.exchange());

        assertEquals(2, server.connections.get());
    }

    @Test
    void a_body_without_length_ends_with_the_connection() throws IOException {
        server.answerThenClose("HTTP/1.0 200 OK\r\n\r\n" + ORDER_BODY);
        server.answer(withLength("HTTP/1.1 201 Created", ORDER_BODY));

        assertEquals(200, connection.exchange());
        assertTrue(connection.findOrderId());
        assertEquals(201, connection.exchange());
        assertEquals(2, server.connections.get());
    }

    @Test
    void a_connection_closed_without_an_answer_is_an_io_error_and_the_next_exchange_reconnects() throws IOException {
        server.closeWithoutAnswer();
        server.answer(withLength("HTTP/1.1 201 Created", ORDER_BODY));

        IOException failure = assertThrows(IOException.class, connection::exchange);
        assertFalse(failure instanceof ProtocolException, failure.toString());
        assertEquals(201, connection.exchange());
    }

    @Test
    void an_answer_that_is_not_http_is_a_protocol_error() {
        server.answer("SSH-2.0-OpenSSH_9.2\r\n\r\n");

        assertThrows(ProtocolException.class, connection::exchange);
    }

    @Test
    void a_body_without_an_order_id_has_none() throws IOException {
        server.answer(withLength("HTTP/1.1 400 Bad Request", "{\"error\":\"customer_name is required\"}"));
        server.answer(withLength("HTTP/1.1 201 Created", "{\"order\":{\"id\":\"not-a-uuid-at-all-but-thirty-six-long\"}}"));

        assertEquals(400, connection.exchange());
        assertFalse(connection.findOrderId());
        assertEquals(201, connection.exchange());
        assertFalse(connection.findOrderId());
    }

    @Test
    void an_answer_larger_than_the_buffer_is_read_whole() throws IOException {
        String big = "{\"pad\":\"" + "x".repeat(50_000) + "\"," + ORDER_BODY.substring(1);
        server.answer(withLength("HTTP/1.1 201 Created", big));
        server.answer(withLength("HTTP/1.1 201 Created", ORDER_BODY));

        assertEquals(201, connection.exchange());
        assertTrue(connection.findOrderId());
        assertEquals(201, connection.exchange());
    }

    @Test
    void the_request_is_a_complete_post_with_json_and_an_optional_bearer_key() {
        String request = new String(LoadTarget.parse("http://shop.example:8080/api/").orderRequest("Ann \"A\"", "Latte",
                "s3cret"), StandardCharsets.UTF_8);
        String body = "{\"customer_name\":\"Ann \\\"A\\\"\",\"coffee_type\":\"Latte\"}";

        assertEquals("POST /api/order HTTP/1.1\r\nHost: shop.example:8080\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\nAuthorization: Bearer s3cret\r\n\r\n" + body, request);
    }

    /**
     * Accepts connections one after another; for each request it reads, it writes the next
     * scripted answer, and closes the connection when the script says so.
     */
    private static final class ScriptedServer implements AutoCloseable {

        private record Step(String answer, boolean close) {
        }

        private final ServerSocket socket;
        private final BlockingQueue<Step> script = new LinkedBlockingQueue<>();
        final List<String> requests = new CopyOnWriteArrayList<>();
        final AtomicInteger connections = new AtomicInteger();
        private final Thread thread;

        ScriptedServer() {
            try {
                socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            thread = Thread.ofPlatform().daemon().start(this::serve);
        }

        int port() {
            return socket.getLocalPort();
        }

        void answer(String raw) {
            script.add(new Step(raw, false));
        }

        void answerThenClose(String raw) {
            script.add(new Step(raw, true));
        }

        void closeWithoutAnswer() {
            script.add(new Step(null, true));
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket client = socket.accept()) {
                    connections.incrementAndGet();
                    InputStream in = client.getInputStream();
                    while (true) {
                        String request = readRequest(in);
                        if (request == null) {
                            break;
                        }
                        requests.add(request);
                        Step step = script.take();
                        if (step.answer() != null) {
                            client.getOutputStream().write(step.answer().getBytes(StandardCharsets.UTF_8));
                            client.getOutputStream().flush();
                        }
                        if (step.close()) {
                            break;
                        }
                    }
                } catch (IOException | InterruptedException e) {
                    // the test is over, or the client went away: accept the next one
                }
            }
        }

        /** Reads one request (headers and Content-Length body), or null at end of stream. */
        private static String readRequest(InputStream in) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            int contentLength = -1;
            int b;
            while ((b = in.read()) >= 0) {
                bytes.write(b);
                String sofar = bytes.toString(StandardCharsets.US_ASCII);
                if (contentLength < 0 && sofar.endsWith("\r\n\r\n")) {
                    int at = sofar.indexOf("Content-Length: ");
                    contentLength = Integer.parseInt(sofar.substring(at + 16, sofar.indexOf("\r\n", at)));
                    bytes.write(in.readNBytes(contentLength));
                    return bytes.toString(StandardCharsets.UTF_8);
                }
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            socket.close();
            thread.interrupt();
        }
    }
}
