package coffee.adapter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code coffee watch}: follows the producer's event stream and prints each status change,
 * resuming after the last one it printed when the stream ends, until Ctrl+C.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Follows orders live: prints each status change as it happens, from the producer's "
                + "event stream (GET /orders/events), until Ctrl+C.",
            "If the stream ends (the producer restarts), it resumes after the last change it printed: "
                    + "none missed, none twice."})
final class WatchCommand extends ShowCommands.Show {

    private static final String LINE = "%-12s  %-10s  %s  %s for %s%n";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Attempts to reopen a stream that ended, a second apart, before giving up. */
    private static final int REOPEN_ATTEMPTS = 30;

    @Option(names = "--status", paramLabel = "STATUS",
            description = "Only changes to this status: pending, processing, completed or cancelled.")
    String status;

    @Option(names = "--customer", paramLabel = "NAME", description = "Only this customer's orders (any case).")
    String customer;

    private volatile boolean stopped;
    private volatile AutoCloseable stream;
    private volatile boolean everOpened;
    private volatile int attemptsLeft = REOPEN_ATTEMPTS;
    private final CountDownLatch finished = new CountDownLatch(1);

    WatchCommand(Launcher launcher) {
        super(launcher);
    }

    @Override
    public Integer call() throws Exception {
        Map<String, String> query = filterQuery(status, customer);
        ProducerApiClient api = api();
        // Ctrl+C: end the stream, let the last line out, and only then let the JVM go
        Thread hook = new Thread(this::stopAndAwait, "watch-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Optional<String> last = Optional.empty();
            while (!stopped) {
                AtomicReference<String> seen = new AtomicReference<>(last.orElse(null));
                try {
                    api.follow("/orders/events", query, last, event -> {
                        print(event);
                        seen.set(event.id());
                    }, this::opened);
                } catch (CommandFailedException e) {
                    // the first stream must open; one that ended is tried again a while (a restart)
                    if (!everOpened || e.exitCode() != ExitCodes.UNAVAILABLE || --attemptsLeft <= 0) {
                        throw e;
                    }
                }
                last = Optional.ofNullable(seen.get());
                if (!stopped) {
                    spec.commandLine().getErr().println("the event stream ended; resuming"
                            + last.map(id -> " after " + id).orElse(""));
                    spec.commandLine().getErr().flush();
                    Thread.sleep(1000);
                }
            }
            return ExitCodes.OK;
        } finally {
            out().flush();
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl+C: the hook is running
            }
        }
    }

    private void print(ProducerApiClient.StreamEvent event) {
        PrintWriter out = out();
        if (json) {
            out.println(event.data());
        } else {
            JsonNode order;
            try {
                order = JSON.readTree(event.data());
            } catch (IOException e) {
                throw new CommandFailedException(ExitCodes.FAILED, "the producer sent an event that is no "
                        + "order: " + event.data(), e);
            }
            String updated = order.path("updated_at").asText();
            int time = updated.indexOf('T');
            out.printf(LINE, time < 0 ? updated : updated.substring(time + 1, Math.min(updated.length(), time + 13)),
                    order.path("status").asText(), order.path("id").asText(), order.path("coffee_type").asText(),
                    order.path("customer_name").asText());
        }
        out.flush();
    }

    private void opened(AutoCloseable current) {
        stream = current;
        everOpened = true;
        attemptsLeft = REOPEN_ATTEMPTS;
        if (stopped) {
            closeQuietly(current);
        }
    }

    /** Ends the watch: the stream closes, {@link #call()} returns 0. */
    void stop() {
        stopped = true;
        AutoCloseable current = stream;
        if (current != null) {
            closeQuietly(current);
        }
    }

    private void stopAndAwait() {
        stop();
        try {
            finished.await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing is all that was asked
        }
    }
}
