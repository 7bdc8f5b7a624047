package coffee.bootstrap;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The command that runs {@code coffee} again in a new process: this JVM, this class path, and
 * the options of this JVM that size and tune it (heap, collector, native access). Options tied
 * to this one process stay behind: a class-data archive written by several processes at once,
 * a debugger's port, an agent's output file.
 */
final class CoffeeJvm {

    private static final List<String> PASSED_ON = List.of("-Xmx", "-Xms", "-Xss", "-XX:+Use", "-XX:-Use",
            "-XX:MaxDirectMemorySize", "-XX:+ExitOnOutOfMemoryError", "--enable-native-access",
            "--sun-misc-unsafe-memory-access");

    private CoffeeJvm() {
    }

    static List<String> command(List<String> coffeeArguments) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(passedOn(ManagementFactory.getRuntimeMXBean().getInputArguments()));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(coffeeArguments);
        return command;
    }

    /** The options of {@code jvmOptions} a new {@code coffee} process gets too. */
    static List<String> passedOn(List<String> jvmOptions) {
        return jvmOptions.stream().filter(option -> PASSED_ON.stream().anyMatch(option::startsWith)).toList();
    }
}
