package coffee.adapter.cli.load;

import static coffee.adapter.cli.load.AnswerBytes.containsIgnoringCase;
import static coffee.adapter.cli.load.AnswerBytes.headerIs;
import static coffee.adapter.cli.load.AnswerBytes.hex;
import static coffee.adapter.cli.load.AnswerBytes.indexOf;
import static coffee.adapter.cli.load.AnswerBytes.lineEnd;
import static coffee.adapter.cli.load.AnswerBytes.parseDecimal;
import static coffee.adapter.cli.load.AnswerBytes.skipSpaces;
import static coffee.adapter.cli.load.AnswerBytes.startsWith;

import java.io.EOFException;
import java.net.ProtocolException;

/**
 * Reads one HTTP/1.x answer from the bytes received so far, in place, without allocating:
 * just enough of it for a load generator (the status code, whether the connection stays open,
 * and where the body is, for the order id). It does no I/O itself, so a blocking connection and
 * an event loop read answers the same way: each calls {@link #parse} again with more bytes until
 * the answer is whole. The answer starts at {@code buffer[0]}; one request is in flight per
 * connection, so nothing follows it. The byte scanning is {@link AnswerBytes}'s, a chunked body
 * {@link ChunkedBody}'s.
 */
final class HttpAnswerParser {

    /** What {@link #parse} answers while the answer is not whole yet. */
    static final int INCOMPLETE = -1;
    /** Far more than any answer of the producer; a bigger one is not what this tool measures. */
    static final int MAX_ANSWER_BYTES = 1 << 20;

    private static final byte[] HTTP_1 = {'H', 'T', 'T', 'P', '/', '1', '.'};
    private static final byte[] ID_FIELD = {'"', 'i', 'd', '"'};
    private static final int UUID_LENGTH = 36;

    private byte[] buffer;
    private int filled;
    private int status;
    private boolean keepAlive;
    private int bodyStart;
    private int bodyEnd;
    private long orderIdHigh;
    private long orderIdLow;

    /**
     * Parses the answer in {@code buffer[0..filled)}.
     *
     * @param endOfStream the server closed the connection after these bytes: a body without a
     *     length ends here, and any other answer not yet whole never will be
     * @return the status code once the answer is whole (the chunked body then decoded in place),
     *     else {@link #INCOMPLETE}
     * @throws ProtocolException the bytes are not an HTTP/1.x answer as this reads them
     * @throws EOFException the stream ended before the answer did
     */
    int parse(byte[] buffer, int filled, boolean endOfStream) throws ProtocolException, EOFException {
        this.buffer = buffer;
        this.filled = filled;
        int headEnd = headEnd();
        if (headEnd < 0) {
            if (filled >= MAX_ANSWER_BYTES) {
                throw new ProtocolException("answer is too big");
            }
            if (endOfStream) {
                throw filled == 0
                        ? new EOFException("the server closed the connection without answering")
                        : new EOFException("the server closed the connection in the middle of the headers");
            }
            return INCOMPLETE;
        }
        if (!startsWith(buffer, filled, 0, HTTP_1) || filled < 12 || buffer[8] != ' ') {
            throw new ProtocolException("not an HTTP/1.x status line");
        }
        int code = digit(9) * 100 + digit(10) * 10 + digit(11);
        boolean open = buffer[7] == '1'; // HTTP/1.1 keeps the connection open unless told
        long contentLength = -1;
        boolean chunked = false;
        int line = lineEnd(buffer, 0, headEnd) + 2;
        while (line < headEnd - 2) {
            int end = lineEnd(buffer, line, headEnd);
            int colon = indexOf(buffer, (byte) ':', line, end);
            if (colon > 0) {
                int value = skipSpaces(buffer, colon + 1, end);
                if (headerIs(buffer, line, colon, "content-length")) {
                    contentLength = parseDecimal(buffer, value, end, MAX_ANSWER_BYTES);
                } else if (headerIs(buffer, line, colon, "transfer-encoding")) {
                    chunked = containsIgnoringCase(buffer, value, end, "chunked");
                } else if (headerIs(buffer, line, colon, "connection")) {
                    open = containsIgnoringCase(buffer, value, end, "keep-alive")
                            || open && !containsIgnoringCase(buffer, value, end, "close");
                }
            }
            line = end + 2;
        }
        int end;
        if (chunked) {
            end = ChunkedBody.end(buffer, filled, headEnd);
        } else if (contentLength >= 0) {
            if (contentLength > MAX_ANSWER_BYTES) {
                throw new ProtocolException("answer body of " + contentLength + " bytes is too big");
            }
            end = filled >= headEnd + contentLength ? headEnd + (int) contentLength : INCOMPLETE;
        } else if (code == 204 || code == 304 || code < 200) {
            end = headEnd;
        } else {
            // the body ends when the server closes
            if (filled >= MAX_ANSWER_BYTES) {
                throw new ProtocolException("answer body is too big");
            }
            end = endOfStream ? filled : INCOMPLETE;
            open = false;
        }
        if (end == INCOMPLETE) {
            if (endOfStream) {
                throw new EOFException("the server closed the connection in the middle of the body");
            }
            return INCOMPLETE;
        }
        status = code;
        keepAlive = open;
        bodyStart = headEnd;
        bodyEnd = chunked ? ChunkedBody.decode(buffer, filled, headEnd) : end;
        return code;
    }

    /** Whether the connection may carry the next request after the answer last parsed whole. */
    boolean keepAlive() {
        return keepAlive;
    }

    /** The status code of the answer last parsed whole. */
    int status() {
        return status;
    }

    /** Where the blank line after the headers ends (the body starts); -1 if not received yet. */
    private int headEnd() {
        for (int i = 3; i < filled; i++) {
            if (buffer[i] == '\n' && buffer[i - 1] == '\r' && buffer[i - 2] == '\n' && buffer[i - 3] == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    /**
     * Finds the order id in the body of the answer last parsed whole ({@code "id":"<uuid>"}, the
     * first {@code id} field, which in the producer's answer is the order's) and keeps its two
     * halves for {@link #orderIdHigh()} and {@link #orderIdLow()}, without making a String or
     * UUID of it.
     *
     * @return false if the body has no such id
     */
    boolean findOrderId() {
        int field = indexOf(buffer, ID_FIELD, bodyStart, bodyEnd);
        if (field < 0) {
            return false;
        }
        int at = skipSpaces(buffer, field + ID_FIELD.length, bodyEnd);
        if (at >= bodyEnd || buffer[at] != ':') {
            return false;
        }
        at = skipSpaces(buffer, at + 1, bodyEnd);
        if (at + UUID_LENGTH + 2 > bodyEnd || buffer[at] != '"' || buffer[at + 1 + UUID_LENGTH] != '"') {
            return false;
        }
        int uuid = at + 1;
        if (buffer[uuid + 8] != '-' || buffer[uuid + 13] != '-' || buffer[uuid + 18] != '-' || buffer[uuid + 23] != '-') {
            return false;
        }
        long timeLow = hex(buffer, uuid, 8);
        long timeMid = hex(buffer, uuid + 9, 4);
        long timeHigh = hex(buffer, uuid + 14, 4);
        long clock = hex(buffer, uuid + 19, 4);
        long node = hex(buffer, uuid + 24, 12);
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

    private int digit(int at) throws ProtocolException {
        int value = buffer[at] - '0';
        if (value < 0 || value > 9) {
            throw new ProtocolException("status code is not a number");
        }
        return value;
    }
}
