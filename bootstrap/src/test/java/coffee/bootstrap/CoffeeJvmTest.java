package coffee.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CoffeeJvmTest {

    @Test
    void a_new_coffee_process_gets_this_ones_heap_collector_and_native_access_options() {
        assertEquals(List.of("-Xms128m", "-Xmx1g", "-XX:+UseParallelGC", "-XX:+ExitOnOutOfMemoryError",
                        "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"),
                CoffeeJvm.passedOn(List.of("-Xms128m", "-Xmx1g", "-XX:+UseParallelGC", "-XX:+ExitOnOutOfMemoryError",
                        "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow")));
    }

    @Test
    void options_tied_to_this_one_process_stay_behind() {
        assertEquals(List.of("-Xmx256m"), CoffeeJvm.passedOn(List.of(
                "-XX:SharedArchiveFile=/tmp/broker.jsa", "-XX:+AutoCreateSharedArchive", "-XX:AOTCache=/tmp/a.aot",
                "-agentlib:jdwp=transport=dt_socket,server=y,address=5005", "-javaagent:/tmp/jacoco.jar",
                "-Xlog:cds=off", "-Xmx256m")));
    }
}
