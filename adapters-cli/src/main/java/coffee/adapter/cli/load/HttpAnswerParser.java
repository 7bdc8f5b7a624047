package coffee.adapter.cli.load;

import java.io.EOFException;
import java.net.ProtocolException;

/**
 * Reads one HTTP/1.x answer from the bytes received so far, in place, without allocating:
 * just enough of it for a load generator (the status code, whether the connection stays open,
 * and where the body is, for the order id). It does no I/O itself, so a blocking connection and
 * an event loop read answers the same way: each calls {@link #parse} again with more bytes until
 * the answer is whole. The answer starts at {@code buffer[0]}; one request is in flight per
 * connection, so nothing follows it.
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
        if (!startsWith(0, HTTP_1) || filled < 12 || buffer[8] != ' ') {
            throw new ProtocolException("not an HTTP/1.x status line");
        }
        int code = digit(9) * 100 + digit(10) * 10 + digit(11);
        boolean open = buffer[7] == '1'; // HTTP/1.1 keeps the connection open unless told
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
                    open = containsIgnoringCase(value, end, "keep-alive")
                            || open && !containsIgnoringCase(value, end, "close");
                }
            }
            line = end + 2;
        }
        int end;
        if (chunked) {
            end = chunkedBodyEnd(headEnd);
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
        bodyEnd = chunked ? decodeChunks(headEnd) : end;
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
     * Walks the chunks from {@code from} without changing them (the answer may not be whole yet):
     * where the last chunk's trailer ends, or {@link #INCOMPLETE}.
     */
    private int chunkedBodyEnd(int from) throws ProtocolException {
        int at = from;
        while (true) {
            int sizeEnd = crlf(at);
            if (sizeEnd < 0) {
                return INCOMPLETE;
            }
            int size = parseHex(at, sizeEnd);
            at = sizeEnd + 2;
            if (size == 0) {
                int trailer;
                while ((trailer = crlf(at)) != at) {
                    if (trailer < 0) {
                        return INCOMPLETE;
                    }
                    at = trailer + 2;
                }
                return at + 2;
            }
            if ((long) at + size + 2 > MAX_ANSWER_BYTES) {
                throw new ProtocolException("chunked answer body is too big");
            }
            if (at + size + 2 > filled) {
                return INCOMPLETE;
            }
            at += size + 2;
        }
    }

    /** Where the next CRLF from {@code from} is (its CR), or -1 if it has not been received. */
    private int crlf(int from) {
        int end = lineEnd(from, filled);
        return end == filled ? -1 : end;
    }

    /** Moves the chunks' data together, in place, once the chunked body is whole; returns its end. */
    private int decodeChunks(int from) throws ProtocolException {
        int end = from;
        int at = from;
        while (true) {
            int sizeEnd = lineEnd(at, filled);
            int size = parseHex(at, sizeEnd);
            at = sizeEnd + 2;
            if (size == 0) {
                return end;
            }
            System.arraycopy(buffer, at, buffer, end, size);
            end += size;
            at += size + 2;
        }
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
            if (digit < 0 || digit > 9 || value > MAX_ANSWER_BYTES) {
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
            if (digit < 0 || value > MAX_ANSWER_BYTES) {
                throw new ProtocolException("invalid chunk size");
            }
            value = value << 4 | digit;
        }
        return value;
    }

    /** Where the line from {@code from} ends (its CR), or {@code limit} if its CRLF is not there. */
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
}
