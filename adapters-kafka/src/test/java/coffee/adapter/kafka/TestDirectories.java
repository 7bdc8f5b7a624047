package coffee.adapter.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Temporary directories that live as long as the test JVM (a shared broker's data, the
 * working directory of spawned processes) and go when it exits, so test runs leave nothing in
 * the machine's temporary directory.
 */
public final class TestDirectories {

    private TestDirectories() {
    }

    /** A new temporary directory, deleted with its content when the JVM exits, after {@code before} ran. */
    public static Path forThisRun(String prefix, Runnable before) {
        try {
            Path directory = Files.createTempDirectory(prefix);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                before.run();
                delete(directory);
            }, "delete-" + prefix));
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> entries = Files.walk(directory)) {
            entries.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // the JVM is exiting: what cannot be deleted stays, as it did before
        }
    }
}
