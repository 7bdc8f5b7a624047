package coffee.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coffee.adapter.cli.CommandFailedException;
import coffee.adapter.cli.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the launcher answers the CLI without starting anything. */
class RolesTest {

    @TempDir
    Path dir;

    @Test
    void the_producer_url_is_localhost_3000_when_nothing_is_set() {
        assertEquals("http://localhost:3000", new Roles(Map.of()).producerUrl(Map.of()));
    }

    @Test
    void the_producer_url_follows_server_port_from_flags_environment_and_config_file() throws IOException {
        Path config = Files.writeString(dir.resolve("coffee.json"), "{\"server\":{\"port\":21001}}");

        assertEquals("http://localhost:21000", new Roles(Map.of("SERVER_PORT", "21000")).producerUrl(Map.of()));
        assertEquals("http://localhost:21001",
                new Roles(Map.of()).producerUrl(Map.of("config_file", config.toString())));
        assertEquals("http://localhost:21001",
                new Roles(Map.of("CONFIG_FILE", config.toString())).producerUrl(Map.of()));
        assertEquals("http://localhost:21002",
                new Roles(Map.of("SERVER_PORT", "21000")).producerUrl(Map.of("server.port", "21002")));
    }

    @ParameterizedTest
    @CsvSource({
        "0.0.0.0, http://localhost:3000",
        "::, http://localhost:3000",
        "127.0.0.1, http://127.0.0.1:3000",
        "::1, http://[::1]:3000",
        "coffee.internal, http://coffee.internal:3000",
    })
    void the_producer_url_names_the_host_the_producer_listens_on_when_it_is_one_host(String host, String url) {
        assertEquals(url, new Roles(Map.of("SERVER_HOST", host)).producerUrl(Map.of()));
    }

    @Test
    void a_producer_on_a_free_port_has_no_url_to_guess() {
        CommandFailedException e = assertThrows(CommandFailedException.class,
                () -> new Roles(Map.of("SERVER_PORT", "0")).producerUrl(Map.of()));

        assertEquals(ExitCodes.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("--url"), e.getMessage());
    }

    @Test
    void an_invalid_port_is_a_configuration_error_naming_it() {
        CommandFailedException e = assertThrows(CommandFailedException.class,
                () -> new Roles(Map.of("SERVER_PORT", "eighty")).producerUrl(Map.of()));

        assertEquals(ExitCodes.CONFIGURATION, e.exitCode());
        assertTrue(e.getMessage().contains("server.port (SERVER_PORT)"), e.getMessage());
    }
}
