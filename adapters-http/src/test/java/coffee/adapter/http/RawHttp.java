package coffee.adapter.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Bytes on a socket, for what a well-behaved HTTP client refuses to send. */
final class RawHttp {

    /** An answer as it came off the wire; status 0 if the server closed without answering. */
    record Answer(int status, Map<String, String> headers, String body) {
    }

    private RawHttp() {
    }

    static Answer exchange(int port, byte[] request) throws IOException {
        return exchange(port, request, 0, 0);
    }

    /** Sends the request, pausing {@code pauseMillis} after every {@code chunk} bytes (0: all at once). */
    static Answer exchange(int port, byte[] request, int chunk, long pauseMillis) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            if (chunk <= 0) {
                out.write(request);
            } else {
                for (int i = 0; i < request.length; i += chunk) {
                    out.write(request, i, Math.min(chunk, request.length - i));
                    out.flush();
                    sleep(pauseMillis);
                }
            }
            out.flush();
            // nothing more is coming: a request cut short must get an answer or a close, not a wait
            socket.shutdownOutput();
            return read(socket.getInputStream());
        }
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        int matched = 0;
        try {
            while (matched < 4 && (b = in.read()) != -1) {
                head.write(b);
                matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            return new Answer(0, Map.of(), "");
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        if (lines.length == 0 || !lines[0].startsWith("HTTP/1.1 ")) {
            return new Answer(0, Map.of(), head.toString(StandardCharsets.ISO_8859_1));
        }
        int status = Integer.parseInt(lines[0].substring(9, 12));
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
