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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The JVM options the `coffee` launcher (scripts/jvm.sh) starts each command with, per JDK. */
class LauncherOptionsTest {

    private static final Path JVM_SH = Path.of("..", "scripts", "jvm.sh");

    private static List<String> options(String command, int jdk) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash");
        Process bash = new ProcessBuilder("/bin/bash", "-c",
                ". \"$0\" && coffee_jvm_options \"$1\" \"$2\" && printf '%s\\n' \"${COFFEE_JVM_OPTIONS[@]}\"",
                JVM_SH.toString(), command, Integer.toString(jdk))
                .redirectErrorStream(true).start();
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
}
