package coffee.bootstrap;

import coffee.adapter.kafka.TestDirectories;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real {@code coffee} process started from the packaged jar, as a user would run it. Its
 * output is kept for assertions and written to {@code target/e2e-logs/} for diagnosis.
 */
final class CoffeeProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "coffee.jar").toAbsolutePath();
    /**
     * Where the processes run: what they keep in the working directory (./.coffee/...) stays
     * out of the source tree and away from other test runs.
     */
    private static final Path WORKING_DIRECTORY = temporaryWorkingDirectory();
    private static final Path LOGS = Path.of("target", "e2e-logs");
    private static final Pattern API_PORT = Pattern.compile("API on http://localhost:(\\d+)");

    private final String name;
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private CoffeeProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.reader = Thread.ofPlatform().daemon().name("output-" + name).start(() -> read(log));
    }

    /** Starts {@code coffee <args>} with the given environment on top of this one. */
    static CoffeeProcess start(String name, Map<String, String> env, String... args) {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run through `./mvnw verify`");
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        // as the launcher does (scripts/jvm.sh)
        if (Runtime.version().feature() >= 22) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        if (Runtime.version().feature() >= 23) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.add("-jar");
        command.add(JAR.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .directory(WORKING_DIRECTORY.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("KAFKA_") || key.equals("SERVER_PORT"));
        // a consumer that fails to listen stops: the default 3001 would clash with any other
        // consumer on this machine (another test, another build)
        builder.environment().put("MANAGEMENT_PORT", "0");
        builder.environment().putAll(env);
        try {
            Files.createDirectories(LOGS);
            return new CoffeeProcess(name, builder.start(), LOGS.resolve(name + "-" + ProcessHandle.current().pid()
                    + "-" + System.nanoTime() + ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void read(Path log) {
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter file = new PrintWriter(Files.newBufferedWriter(log), true)) {
            String line;
            while ((line = output.readLine()) != null) {
                lines.add(line);
                file.println(line);
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** Waits for an output line that matches; fails with the output so far if none comes. */
    String awaitLine(Predicate<String> matching, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> found = lines.stream().filter(matching).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            if (!process.isAlive() && !reader.isAlive()) {
                break;
            }
            sleep(50);
        }
        throw new AssertionError(name + " never printed the expected line within " + patience.toSeconds()
                + " s (alive: " + process.isAlive() + "). Output:\n" + String.join("\n", lines));
    }

    /**
     * The producer's API port, once it is ready for reads too: it takes orders as soon as it
     * says where, and answers reads once its view of orders is restored.
     */
    int apiPort() {
        Matcher port = API_PORT.matcher(awaitLine(line -> API_PORT.matcher(line).find(), Duration.ofSeconds(60)));
        if (!port.find()) {
            throw new AssertionError("no port in the ready line");
        }
        int apiPort = Integer.parseInt(port.group(1));
        awaitLine(line -> line.contains("order view ready"), Duration.ofSeconds(60));
        return apiPort;
    }

    private static Path temporaryWorkingDirectory() {
        // the tests stop the processes they start; what is left of their files goes at the exit
        return TestDirectories.forThisRun("coffee-e2e-", () -> { });
    }

    List<String> output() {
        return List.copyOf(lines);
    }

    /** Waits for the process to end by itself and returns its exit code. */
    int awaitExit(Duration patience) throws InterruptedException {
        if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " still running after " + patience.toSeconds() + " s. Output:\n"
                    + String.join("\n", lines));
        }
        reader.join(5000);
        return process.exitValue();
    }

    /** SIGTERM, as an operator or an orchestrator stops a service; returns the exit code. */
    int stop() throws InterruptedException {
        // through the handle: Process.destroy() would also close our end of its output, losing the last lines
        process.toHandle().destroy();
        return awaitExit(Duration.ofSeconds(60));
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The process id, to send it a signal. */
    long pid() {
        return process.pid();
    }

    /** SIGKILL: the process gets no chance to clean up. */
    void kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
