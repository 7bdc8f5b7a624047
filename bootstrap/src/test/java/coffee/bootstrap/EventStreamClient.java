package coffee.bootstrap;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A test client of a server-sent event stream, as a browser's EventSource reads one: lines
 * into events (id, event, data), comments counted. It reads on its own thread, so a test asks
 * for the next event with a timeout.
 */
final class EventStreamClient implements AutoCloseable {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    /** Put in the queue when the server ends the stream. */
    private static final Event END = new Event("", "", "");

    /** One event: its id, its name (event type) and its data. */
    record Event(String id, String name, String data) {
    }

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private volatile int comments;
    private volatile boolean ended;

    private EventStreamClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        if (response.statusCode() == 200) {
            Thread.startVirtualThread(this::read);
        }
    }

    /** Opens the stream; {@code headers} are name, value pairs such as {@code Last-Event-ID}. */
    static EventStreamClient open(int port, String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(30)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return new EventStreamClient(CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
    }

    int status() {
        return response.statusCode();
    }

    String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    /** The body of an answer that is no stream (an error). */
    String body() {
        return String.join("\n", response.body().toList());
    }

    private void read() {
        String id = "";
        String name = "";
        StringBuilder data = new StringBuilder();
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (!data.isEmpty() || !name.isEmpty()) {
                        events.add(new Event(id, name, data.toString()));
                    }
                    name = "";
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    comments++;
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1);
                    value = value.startsWith(" ") ? value.substring(1) : value;
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> name = value;
                        case "data" -> data.append(data.isEmpty() ? "" : "\n").append(value);
                        default -> {
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            // closed by the test, or by the server
        } finally {
            ended = true;
            events.add(END);
        }
    }

    /** The next event, or empty if the stream ended (or nothing came within {@code patience}). */
    Optional<Event> next(Duration patience) throws InterruptedException {
        Event event = events.poll(patience.toMillis(), TimeUnit.MILLISECONDS);
        if (event == END) {
            events.add(END);
            return Optional.empty();
        }
        return Optional.ofNullable(event);
    }

    /** Every event until the server ends the stream; fails if it did not within {@code patience}. */
    List<Event> untilEnd(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        List<Event> all = new ArrayList<>();
        while (true) {
            Event event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("the stream did not end within " + patience + "; events so far: " + all);
            }
            if (event == END) {
                events.add(END);
                return all;
            }
            all.add(event);
        }
    }

    boolean ended() {
        return ended;
    }

    int comments() {
        return comments;
    }

    @Override
    public void close() {
        if (response.statusCode() == 200 && !ended) {
            response.body().close();
        }
    }
}
