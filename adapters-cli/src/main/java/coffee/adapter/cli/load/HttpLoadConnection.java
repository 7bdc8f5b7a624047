package coffee.adapter.cli.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/**
 * One keep-alive HTTP/1.1 connection that sends the same pre-encoded request again and again
 * and reads just enough of each answer: the status code and, when asked, the order id in the
 * body. Not thread-safe: one thread drives one connection.
 *
 * <p>Why not {@code java.net.http.HttpClient}: at tens of thousands of requests a second its
 * per-request objects (request, response, headers map, body publisher and subscriber, futures)
 * cost the generator more CPU than the server it measures, on a machine they share. Here a
 * request is one {@code write} of bytes built once, and an answer is parsed in place in a
 * buffer the connection keeps ({@link HttpAnswerParser}); nothing is allocated per request.
 */
final class HttpLoadConnection implements AutoCloseable {

    static final int CONNECT_TIMEOUT_MS = 5_000;
    /** Longer than the producer's own Kafka timeout (5 s), so its 503s arrive as 503s. */
    static final int READ_TIMEOUT_MS = 30_000;

    private final InetSocketAddress address;
    private final byte[] request;
    private byte[] buffer = new byte[8 * 1024];
    /** Bytes of the current answer read so far: {@code buffer[0..filled)}. */
    private int filled;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final HttpAnswerParser answer = new HttpAnswerParser();

    HttpLoadConnection(InetSocketAddress address, byte[] request) {
        this.address = address;
        this.request = request;
    }

    /** Opens the connection now rather than on the first request (so connecting is not measured). */
    void connect() throws IOException {
        if (socket != null) {
            return;
        }
        Socket opened = new Socket();
        try {
            opened.setTcpNoDelay(true);
            opened.setSoTimeout(READ_TIMEOUT_MS);
            opened.connect(address, CONNECT_TIMEOUT_MS);
            in = opened.getInputStream();
            out = opened.getOutputStream();
        } catch (SocketTimeoutException e) {
            opened.close();
            // a failure to connect, not a slow answer: reported as such
            throw new ConnectException("no connection within " + CONNECT_TIMEOUT_MS + " ms");
        } catch (IOException e) {
            opened.close();
            throw e;
        }
        socket = opened;
    }

    /**
     * Sends the request and reads the whole answer, reconnecting first if the server closed the
     * connection after the previous answer.
     *
     * @return the answer's status code
     * @throws SocketTimeoutException no answer within {@link #READ_TIMEOUT_MS}
     * @throws ConnectException no connection could be made
     * @throws ProtocolException the answer is not HTTP/1.x as this client reads it
     * @throws IOException the connection could not be made or broke; it is closed, and the next
     *     exchange reconnects
     */
    int exchange() throws IOException {
        try {
            connect();
            out.write(request);
            return readAnswer();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private int readAnswer() throws IOException {
        filled = 0;
        int status;
        do {
            boolean endOfStream = !readMore();
            status = answer.parse(buffer, filled, endOfStream);
        } while (status == HttpAnswerParser.INCOMPLETE);
        if (!answer.keepAlive()) {
            close();
        }
        return status;
    }

    /** Reads what the socket has into the buffer, growing it when full; false at end of stream. */
    private boolean readMore() throws IOException {
        if (filled == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        int read = in.read(buffer, filled, buffer.length - filled);
        if (read < 0) {
            return false;
        }
        filled += read;
        return true;
    }

    /**
     * Finds the order id in the last answer's body, see {@link HttpAnswerParser#findOrderId()}.
     *
     * @return false if the body has no such id
     */
    boolean findOrderId() {
        return answer.findOrderId();
    }

    /** The most significant bits of the order id {@link #findOrderId()} found. */
    long orderIdHigh() {
        return answer.orderIdHigh();
    }

    /** The least significant bits of the order id {@link #findOrderId()} found. */
    long orderIdLow() {
        return answer.orderIdLow();
    }

    /** Closes the socket; the next exchange reconnects. */
    @Override
    public void close() {
        Socket open = socket;
        socket = null;
        if (open != null) {
            try {
                open.close();
            } catch (IOException e) {
                // closing is best effort: the socket is gone either way
            }
        }
    }
}
