package coffee.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deletes a producer's throwaway state directory ({@link AdapterSettings#hasThrowawayState}). */
final class StateDirectories {

    private static final System.Logger LOG = System.getLogger(StateDirectories.class.getName());

    private StateDirectories() {
    }

    /** Deletes the directory and everything in it; what cannot be deleted is logged, not thrown. */
    static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> entries = Files.walk(directory)) {
            // the deepest first: a directory is empty by the time its turn comes
            entries.sorted(Comparator.reverseOrder()).forEach(StateDirectories::deleteOne);
        } catch (IOException | UncheckedIOException e) {
            LOG.log(Level.WARNING, "could not delete the view's temporary state directory " + directory + ": " + e);
        }
    }

    private static void deleteOne(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
