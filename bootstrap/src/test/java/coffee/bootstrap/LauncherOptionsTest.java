package coffee.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The JVM options the `coffee` launcher (scripts/jvm.sh) starts each command with, per JDK. */
class LauncherOptionsTest {

    private static final Path JVM_SH = Path.of("..", "scripts", "jvm.sh");

    private static List<String> options(String command, int jdk) throws IOException, InterruptedException {
        return options(command, jdk, null, false);
    }

    /** With a class data directory (and the build key "k1"), optionally asking for AOT training. */
    private static List<String> options(String command, int jdk, Path cdsDir, boolean train)
            throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash");
        ProcessBuilder builder = new ProcessBuilder("/bin/bash", "-c",
                ". \"$0\" && coffee_jvm_options \"$1\" \"$2\" \"$3\" k1 && printf '%s\\n' \"${COFFEE_JVM_OPTIONS[@]}\"",
                JVM_SH.toString(), command, Integer.toString(jdk), cdsDir == null ? "" : cdsDir.toString());
        builder.environment().remove("COFFEE_AOT_TRAIN");
        if (train) {
            builder.environment().put("COFFEE_AOT_TRAIN", "1");
        }
        Process bash = builder.redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(bash.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, bash.exitValue(), output);
        return output.lines().toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"serve", "serve-producer", "serve-consumer", "broker", "order", "load"})
    void on_jdk_22_and_newer_native_access_is_allowed_so_lz4_compression_prints_no_warning(String command)
            throws Exception {
        assertTrue(options(command, 25).contains("--enable-native-access=ALL-UNNAMED"), options(command, 25).toString());
        assertTrue(options(command, 22).contains("--enable-native-access=ALL-UNNAMED"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"serve", "order"})
    void on_jdk_21_the_options_are_ones_it_knows(String command) throws Exception {
        List<String> options = options(command, 21);

        assertFalse(options.contains("--enable-native-access=ALL-UNNAMED"), options.toString());
        assertFalse(options.contains("--sun-misc-unsafe-memory-access=allow"), options.toString());
    }

    @Test
    void without_a_trained_cache_a_server_gets_a_class_data_archive(@TempDir Path cds) throws Exception {
        List<String> options = options("serve-producer", 25, cds, false);

        assertTrue(options.contains("-XX:SharedArchiveFile=" + cds.resolve("serve-producer-jdk25-k1.jsa")),
                options.toString());
        assertTrue(options.stream().noneMatch(option -> option.startsWith("-XX:AOT")), options.toString());
    }

    @Test
    void on_jdk_25_training_writes_an_ahead_of_time_cache_and_later_starts_use_it(@TempDir Path cds) throws Exception {
        Path cache = cds.resolve("serve-producer-jdk25-k1.aot");

        List<String> training = options("serve-producer", 25, cds, true);
        Files.writeString(cache, "trained");
        List<String> trained = options("serve-producer", 25, cds, false);

        assertTrue(training.contains("-XX:AOTCacheOutput=" + cache), training.toString());
        assertTrue(trained.contains("-XX:AOTCache=" + cache), trained.toString());
        assertTrue(trained.stream().noneMatch(option -> option.startsWith("-XX:SharedArchiveFile")),
                "one or the other: " + trained);
    }

    @Test
    void a_cache_of_another_build_goes_and_jdk_21_never_sees_aot_options(@TempDir Path cds) throws Exception {
        Path stale = Files.writeString(cds.resolve("serve-producer-jdk25-k0.aot"), "an older build");

        options("serve-producer", 25, cds, false);
        List<String> onJdk21 = options("serve-producer", 21, cds, true);

        assertFalse(Files.exists(stale), "a cache of an older build is removed");
        assertTrue(onJdk21.stream().noneMatch(option -> option.startsWith("-XX:AOT")), onJdk21.toString());
    }
}
