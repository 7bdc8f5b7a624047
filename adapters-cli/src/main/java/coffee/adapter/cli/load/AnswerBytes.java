package coffee.adapter.cli.load;

import java.net.ProtocolException;

/**
 * Scanning the bytes of an HTTP answer in place: lines, header names and values, numbers in
 * decimal and hex. Static, over the caller's buffer, so reading an answer allocates nothing.
 */
final class AnswerBytes {

    private AnswerBytes() {
    }

    /** Where the line from {@code from} ends (its CR), or {@code limit} if its CRLF is not there. */
    static int lineEnd(byte[] buffer, int from, int limit) {
        for (int i = from; i + 1 < limit; i++) {
            if (buffer[i] == '\r' && buffer[i + 1] == '\n') {
                return i;
            }
        }
        return limit;
    }

    /** Whether the header name in {@code buffer[from..colon)} is {@code lowerCaseName}, ignoring case. */
    static boolean headerIs(byte[] buffer, int from, int colon, String lowerCaseName) {
        int end = trimEnd(buffer, from, colon);
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

    static boolean containsIgnoringCase(byte[] buffer, int from, int to, String lowerCaseWord) {
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

    /** Whether {@code buffer[at..filled)} starts with {@code prefix}. */
    static boolean startsWith(byte[] buffer, int filled, int at, byte[] prefix) {
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

    static int indexOf(byte[] buffer, byte wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    static int indexOf(byte[] buffer, byte[] wanted, int from, int to) {
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

    static int skipSpaces(byte[] buffer, int from, int to) {
        int i = from;
        while (i < to && (buffer[i] == ' ' || buffer[i] == '\t')) {
            i++;
        }
        return i;
    }

    static int trimEnd(byte[] buffer, int from, int to) {
        int end = to;
        while (end > from && (buffer[end - 1] == ' ' || buffer[end - 1] == '\t')) {
            end--;
        }
        return end;
    }

    /** The value of {@code length} hex digits at {@code from}, or -1 if one is not a hex digit. */
    static long hex(byte[] buffer, int from, int length) {
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

    /** A Content-Length value; more than {@code max} is refused before it can overflow. */
    static long parseDecimal(byte[] buffer, int from, int to, int max) throws ProtocolException {
        long value = 0;
        int end = trimEnd(buffer, from, to);
        if (end == from) {
            throw new ProtocolException("empty Content-Length");
        }
        for (int i = from; i < end; i++) {
            int digit = buffer[i] - '0';
            if (digit < 0 || digit > 9 || value > max) {
                throw new ProtocolException("invalid Content-Length");
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** A chunk size; more than {@code max} is refused before it can overflow. */
    static int parseHex(byte[] buffer, int from, int to, int max) throws ProtocolException {
        int end = indexOf(buffer, (byte) ';', from, to); // chunk extensions are ignored
        end = trimEnd(buffer, from, end < 0 ? to : end);
        if (end == from) {
            throw new ProtocolException("empty chunk size");
        }
        int value = 0;
        for (int i = from; i < end; i++) {
            int digit = Character.digit(buffer[i], 16);
            if (digit < 0 || value > max) {
                throw new ProtocolException("invalid chunk size");
            }
            value = value << 4 | digit;
        }
        return value;
    }
}
