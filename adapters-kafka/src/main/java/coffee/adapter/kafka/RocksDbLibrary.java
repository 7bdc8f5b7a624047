package coffee.adapter.kafka;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rocksdb.NativeLibraryLoader;

/**
 * Loads RocksDB's native library from the view's state directory rather than from a new file in
 * the system's temporary directory.
 *
 * <p>Left to itself, RocksDB copies its library (15 MB) out of its jar at every start into a
 * new temporary file, to be deleted when the JVM exits. A {@code coffee} role stopped by a
 * signal ends through {@code Runtime.halt}, to exit with its own code (bootstrap's
 * {@code Lifecycle}), which skips that deletion: every stop of a producer left 15 MB in
 * {@code /tmp} (101 such files, 1.4 GB, on a development machine after a day of tests). In the
 * state directory the copy has a fixed name that each start replaces, so nothing piles up, and
 * it goes with the directory.
 *
 * <p>Where the state directory cannot hold a loadable library (a file system mounted
 * {@code noexec}, say), RocksDB loads its usual way when the view first opens a store.
 */
final class RocksDbLibrary {

    private static final System.Logger LOG = System.getLogger(RocksDbLibrary.class.getName());
    static final String DIRECTORY = "native";

    private RocksDbLibrary() {
    }

    /** Loads the library into this JVM, once; later calls (another view in the same JVM) do nothing. */
    static synchronized void loadFrom(Path stateDirectory) {
        Path directory = stateDirectory.resolve(DIRECTORY);
        try {
            Files.createDirectories(directory);
            NativeLibraryLoader.getInstance().loadLibrary(directory.toString());
        } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
            LOG.log(Level.INFO, "RocksDB's library could not be loaded from " + directory + " (" + e
                    + "); RocksDB extracts it to the temporary directory instead");
        }
    }
}
