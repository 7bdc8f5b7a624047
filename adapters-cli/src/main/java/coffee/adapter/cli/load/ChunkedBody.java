package coffee.adapter.cli.load;

import static coffee.adapter.cli.load.AnswerBytes.lineEnd;
import static coffee.adapter.cli.load.AnswerBytes.parseHex;

import java.net.ProtocolException;

/**
 * A chunked answer body, in place: where it ends once all of it has been received, and then
 * its data moved together so the body reads as one piece.
 */
final class ChunkedBody {

    private ChunkedBody() {
    }

    /**
     * Walks the chunks from {@code from} without changing them (the answer may not be whole yet):
     * where the last chunk's trailer ends, or {@link HttpAnswerParser#INCOMPLETE}.
     */
    static int end(byte[] buffer, int filled, int from) throws ProtocolException {
        int at = from;
        while (true) {
            int sizeEnd = crlf(buffer, filled, at);
            if (sizeEnd < 0) {
                return HttpAnswerParser.INCOMPLETE;
            }
            int size = parseHex(buffer, at, sizeEnd, HttpAnswerParser.MAX_ANSWER_BYTES);
            at = sizeEnd + 2;
            if (size == 0) {
                int trailer;
                while ((trailer = crlf(buffer, filled, at)) != at) {
                    if (trailer < 0) {
                        return HttpAnswerParser.INCOMPLETE;
                    }
                    at = trailer + 2;
                }
                return at + 2;
            }
            if ((long) at + size + 2 > HttpAnswerParser.MAX_ANSWER_BYTES) {
                throw new ProtocolException("chunked answer body is too big");
            }
            if (at + size + 2 > filled) {
                return HttpAnswerParser.INCOMPLETE;
            }
            at += size + 2;
        }
    }

    /** Where the next CRLF from {@code from} is (its CR), or -1 if it has not been received. */
    private static int crlf(byte[] buffer, int filled, int from) {
        int end = lineEnd(buffer, from, filled);
        return end == filled ? -1 : end;
    }

    /** Moves the chunks' data together, in place, once the chunked body is whole; returns its end. */
    static int decode(byte[] buffer, int filled, int from) throws ProtocolException {
        int end = from;
        int at = from;
        while (true) {
            int sizeEnd = lineEnd(buffer, at, filled);
            int size = parseHex(buffer, at, sizeEnd, HttpAnswerParser.MAX_ANSWER_BYTES);
            at = sizeEnd + 2;
            if (size == 0) {
                return end;
            }
            System.arraycopy(buffer, at, buffer, end, size);
            end += size;
            at += size + 2;
        }
    }
}
