package coffee.adapter.cli;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * One keep-alive HTTP/1.1 connection that sends the same pre-encoded request again and again
 * and reads just enough of each answer: the status code and, when asked, the order id in the
 * body. Not thread-safe: one thread drives one connection.
 *
 * <p>Why not {@code java.net.http.HttpClient}: at tens of thousands of requests a second its
 * per-request objects (request, response, headers map, body publisher and subscriber, futures)
 * cost the generator more CPU than the server it measures, on a machine they share. Here a
 * request is one {@code write} of bytes built once, and an answer is parsed in place in a
 * buffer the connection keeps; nothing is allocated per request.
 */
final class HttpLoadConnection implements AutoCloseable {

    static final int CONNECT_TIMEOUT_MS = 5_000;
    /** Longer than the producer's own Kafka timeout (5 s), so its 503s arrive as 503s. */
    static final int READ_TIMEOUT_MS = 30_000;
    /** Far more than any answer of the producer; a bigger one is not what this tool measures. */
    private static final int MAX_RESPONSE_BYTES = 1 << 20;
    private static final byte[] HTTP_1 = {'H', 'T', 'T', 'P', '/', '1', '.'};
    private static final byte[] ID_FIELD = {'"', 'i', 'd', '"'};
    private static final int UUID_LENGTH = 36;

    private final InetSocketAddress address;
    private final byte[] request;
    private byte[] buffer = new byte[8 * 1024];
    /** Bytes of the current answer read so far: {@code buffer[0..filled)}. */
    private int filled;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private int bodyStart;
    private int bodyEnd;
    private long orderIdHigh;
    private long orderIdLow;

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
        int headEnd = readHead();
        if (!startsWith(0, HTTP_1) || filled < 12 || buffer[8] != ' ') {
            throw new ProtocolException("not an HTTP/1.x status line");
        }
        int status = digit(9) * 100 + digit(10) * 10 + digit(11);
        boolean keepAlive = buffer[7] == '1'; // HTTP/1.1 keeps the connection open unless told
        long contentLength = -1;
        boolean chunked = false;
        int line = lineEnd(0, headEnd) + 2;
        while (line < headEnd - 2) {
            int end = lineEnd(line, headEnd);
            int colon = indexOf((byte) ':', line, end);
            if (colon > 0) {
                int value = skipSpaces(colon + 1, end);
                if (headerIs(line, colon, "content-length")) {
                    contentLength = parseDecimal(value, end);
                } else if (headerIs(line, colon, "transfer-encoding")) {
                    chunked = containsIgnoringCase(value, end, "chunked");
                } else if (headerIs(line, colon, "connection")) {
                    keepAlive = containsIgnoringCase(value, end, "keep-alive")
                            || keepAlive && !containsIgnoringCase(value, end, "close");
                }
            }
            line = end + 2;
        }
        bodyStart = headEnd;
        if (chunked) {
            readChunkedBody(headEnd);
        } else if (contentLength >= 0) {
            if (contentLength > MAX_RESPONSE_BYTES) {
                throw new ProtocolException("answer body of " + contentLength + " bytes is too big");
            }
            fillTo(headEnd + (int) contentLength);
            bodyEnd = headEnd + (int) contentLength;
        } else if (status == 204 || status == 304 || status < 200) {
            bodyEnd = headEnd;
        } else {
            readToEndOfStream(); // the body ends when the server closes
            bodyEnd = filled;
            keepAlive = false;
        }
        if (!keepAlive) {
            close();
        }
        return status;
    }

    /** Reads until the blank line after the headers; returns where the body starts. */
    private int readHead() throws IOException {
        int searchFrom = 0;
        while (true) {
            for (int i = Math.max(searchFrom, 3); i < filled; i++) {
                if (buffer[i] == '\n' && buffer[i - 1] == '\r' && buffer[i - 2] == '\n' && buffer[i - 3] == '\r') {
                    return i + 1;
                }
            }
            searchFrom = filled;
            if (!readMore()) {
                throw filled == 0
                        ? new EOFException("the server closed the connection without answering")
                        : new EOFException("the server closed the connection in the middle of the headers");
            }
        }
    }

    /** Decodes a chunked body in place, so that it ends up whole in {@code buffer[bodyStart..bodyEnd)}. */
    private void readChunkedBody(int from) throws IOException {
        bodyEnd = from;
        int at = from;
        while (true) {
            int sizeEnd = awaitLineEnd(at);
            int size = parseHex(at, sizeEnd);
            at = sizeEnd + 2;
            if (size == 0) {
                int trailer;
                while ((trailer = awaitLineEnd(at)) != at) {
                    at = trailer + 2;
                }
                return;
            }
            if ((long) at + size + 2 > MAX_RESPONSE_BYTES) {
                throw new ProtocolException("chunked answer body is too big");
            }
            fillTo(at + size + 2);
            System.arraycopy(buffer, at, buffer, bodyEnd, size);
            bodyEnd += size;
            at += size + 2;
        }
    }

    private int awaitLineEnd(int from) throws IOException {
        while (true) {
            for (int i = from; i + 1 < filled; i++) {
                if (buffer[i] == '\r' && buffer[i + 1] == '\n') {
                    return i;
                }
            }
            if (!readMore()) {
                throw new EOFException("the server closed the connection in the middle of a chunked body");
            }
        }
    }

    private void readToEndOfStream() throws IOException {
        while (readMore()) {
            if (filled >= MAX_RESPONSE_BYTES) {
                throw new ProtocolException("answer body is too big");
            }
        }
    }

    private void fillTo(int length) throws IOException {
        while (filled < length) {
            if (!readMore()) {
                throw new EOFException("the server closed the connection in the middle of the body");
            }
        }
    }

    /** Reads what the socket has into the buffer, growing it when full; false at end of stream. */
    private boolean readMore() throws IOException {
        if (filled == buffer.length) {
            if (buffer.length >= MAX_RESPONSE_BYTES) {
                throw new ProtocolException("answer is too big");
            }
            buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
        }
        int read = in.read(buffer, filled, buffer.length - filled);
        if (read < 0) {
            return false;
        }
        filled += read;
        return true;
    }

    /**
     * Finds the order id in the last answer's body ({@code "id":"<uuid>"}, the first {@code id}
     * field, which in the producer's answer is the order's) and keeps its two halves for {@link
     * #orderIdHigh()} and {@link #orderIdLow()}, without making a String or UUID of it.
     *
     * @return false if the body has no such id
     */
    boolean findOrderId() {
        int field = indexOf(ID_FIELD, bodyStart, bodyEnd);
        if (field < 0) {
            return false;
        }
        int at = skipSpaces(field + ID_FIELD.length, bodyEnd);
        if (at >= bodyEnd || buffer[at] != ':') {
            return false;
        }
        at = skipSpaces(at + 1, bodyEnd);
        if (at + UUID_LENGTH + 2 > bodyEnd || buffer[at] != '"' || buffer[at + 1 + UUID_LENGTH] != '"') {
            return false;
        }
        int uuid = at + 1;
        if (buffer[uuid + 8] != '-' || buffer[uuid + 13] != '-' || buffer[uuid + 18] != '-' || buffer[uuid + 23] != '-') {
            return false;
        }
        long timeLow = hex(uuid, 8);
        long timeMid = hex(uuid + 9, 4);
        long timeHigh = hex(uuid + 14, 4);
        long clock = hex(uuid + 19, 4);
        long node = hex(uuid + 24, 12);
        if ((timeLow | timeMid | timeHigh | clock | node) < 0) {
            return false;
        }
        orderIdHigh = timeLow << 32 | timeMid << 16 | timeHigh;
        orderIdLow = clock << 48 | node;
        return true;
    }

    /** The most significant bits of the order id {@link #findOrderId()} found. */
    long orderIdHigh() {
        return orderIdHigh;
    }

    /** The least significant bits of the order id {@link #findOrderId()} found. */
    long orderIdLow() {
        return orderIdLow;
    }

    /** The value of {@code length} hex digits at {@code from}, or -1 if one is not a hex digit. */
    private long hex(int from, int length) {
        long value = 0;
        for (int i = from; i < from + length; i++) {
            int digit = Character.digit(buffer[i], 16);
            if (digit < 0) {
                return -1;
            }
            value = value << 4 | digit;
        }
        return value;
    }

    private int digit(int at) throws ProtocolException {
        int value = buffer[at] - '0';
        if (value < 0 || value > 9) {
            throw new ProtocolException("status code is not a number");
        }
        return value;
    }

    private long parseDecimal(int from, int to) throws ProtocolException {
        long value = 0;
        int end = trimEnd(from, to);
        if (end == from) {
            throw new ProtocolException("empty Content-Length");
        }
        for (int i = from; i < end; i++) {
            int digit = buffer[i] - '0';
            if (digit < 0 || digit > 9 || value > MAX_RESPONSE_BYTES) {
                throw new ProtocolException("invalid Content-Length");
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private int parseHex(int from, int to) throws ProtocolException {
        int end = indexOf((byte) ';', from, to); // chunk extensions are ignored
        end = trimEnd(from, end < 0 ? to : end);
        if (end == from) {
            throw new ProtocolException("empty chunk size");
        }
        int value = 0;
        for (int i = from; i < end; i++) {
            int digit = Character.digit(buffer[i], 16);
            if (digit < 0 || value > MAX_RESPONSE_BYTES) {
                throw new ProtocolException("invalid chunk size");
            }
            value = value << 4 | digit;
        }
        return value;
    }

    private int lineEnd(int from, int limit) {
        for (int i = from; i + 1 < limit; i++) {
            if (buffer[i] == '\r' && buffer[i + 1] == '\n') {
                return i;
            }
        }
        return limit;
    }

    /** Whether the header name in {@code buffer[from..colon)} is {@code lowerCaseName}, ignoring case. */
    private boolean headerIs(int from, int colon, String lowerCaseName) {
        int end = trimEnd(from, colon);
        if (end - from != lowerCaseName.length()) {
            return false;
        }
        for (int i = 0; i < lowerCaseName.length(); i++) {
            if (toLower(buffer[from + i]) != lowerCaseName.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean containsIgnoringCase(int from, int to, String lowerCaseWord) {
        outer:
        for (int i = from; i + lowerCaseWord.length() <= to; i++) {
            for (int j = 0; j < lowerCaseWord.length(); j++) {
                if (toLower(buffer[i + j]) != lowerCaseWord.charAt(j)) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static int toLower(byte b) {
        return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
    }

    private boolean startsWith(int at, byte[] prefix) {
        if (filled - at < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buffer[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private int indexOf(byte wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private int indexOf(byte[] wanted, int from, int to) {
        outer:
        for (int i = from; i + wanted.length <= to; i++) {
            for (int j = 0; j < wanted.length; j++) {
                if (buffer[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private int skipSpaces(int from, int to) {
        int i = from;
        while (i < to && (buffer[i] == ' ' || buffer[i] == '\t')) {
            i++;
        }
        return i;
    }

    private int trimEnd(int from, int to) {
        int end = to;
        while (end > from && (buffer[end - 1] == ' ' || buffer[end - 1] == '\t')) {
            end--;
        }
        return end;
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
