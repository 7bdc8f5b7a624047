package coffee.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigurationTest {

    @TempDir
    Path dir;

    private Path file(String json) throws IOException {
        return Files.writeString(dir.resolve("coffee.json"), json);
    }

    @Test
    void without_anything_set_every_setting_has_its_documented_default() {
        Configuration config = Configuration.load(Map.of(), Map.of());

        assertEquals(3000, config.get(Settings.SERVER_PORT));
        assertEquals(List.of("localhost:9092"), config.get(Settings.KAFKA_BROKERS));
        assertEquals("coffee_orders", config.get(Settings.KAFKA_TOPIC));
        assertEquals(Integer.MAX_VALUE, config.get(Settings.KAFKA_RETRY_MAX));
        assertEquals("all", config.get(Settings.KAFKA_REQUIRED_ACKS));
        assertFalse(config.isSet(Settings.KAFKA_BROKERS));
    }

    @Test
    void flags_win_over_environment_which_wins_over_the_file() throws IOException {
        Path file = file("{\"server\":{\"port\":1111},\"kafka\":{\"topic\":\"from_file\",\"retry_max\":1}}");

        Configuration config = Configuration.load(
                Map.of("server.port", "3333", "config_file", file.toString()),
                Map.of("SERVER_PORT", "2222", "KAFKA_TOPIC", "from_env"));

        assertEquals(3333, config.get(Settings.SERVER_PORT));
        assertEquals("from_env", config.get(Settings.KAFKA_TOPIC));
        assertEquals(1, config.get(Settings.KAFKA_RETRY_MAX));
    }

    @Test
    void the_config_file_can_come_from_the_environment_and_use_dotted_keys() throws IOException {
        Path file = file("{\"kafka.brokers\":[\"k1:9092\",\"k2:9092\"],\"kafka.required_acks\":\"local\"}");

        Configuration config = Configuration.load(Map.of(), Map.of("CONFIG_FILE", file.toString()));

        assertEquals(List.of("k1:9092", "k2:9092"), config.get(Settings.KAFKA_BROKERS));
        assertEquals("local", config.get(Settings.KAFKA_REQUIRED_ACKS));
        assertTrue(config.isSet(Settings.KAFKA_BROKERS));
    }

    @Test
    void brokers_are_a_json_array_or_a_comma_list() {
        assertEquals(List.of("a:1", "b:2"),
                Configuration.load(Map.of(), Map.of("KAFKA_BROKERS", "[\"a:1\",\"b:2\"]")).get(Settings.KAFKA_BROKERS));
        assertEquals(List.of("a:1", "b:2"),
                Configuration.load(Map.of(), Map.of("KAFKA_BROKERS", " a:1, b:2 ")).get(Settings.KAFKA_BROKERS));
    }

    @Test
    void kafka_client_properties_pass_through_as_given() throws IOException {
        Path file = file("{\"kafka\":{\"properties\":{\"security.protocol\":\"SASL_SSL\",\"linger.ms\":10}}}");

        Configuration config = Configuration.load(Map.of("config_file", file.toString()), Map.of());

        assertEquals(Map.of("security.protocol", "SASL_SSL", "linger.ms", "10"), config.get(Settings.KAFKA_PROPERTIES));
    }

    @Test
    void a_flag_may_name_a_setting_by_its_environment_name() {
        assertEquals(8080, Configuration.load(Map.of("SERVER_PORT", "8080"), Map.of()).get(Settings.SERVER_PORT));
    }

    @Test
    void a_bad_value_stops_loading_naming_the_setting_and_where_it_came_from() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> Configuration.load(Map.of(), Map.of("SERVER_PORT", "eighty")));

        assertEquals("invalid server.port (SERVER_PORT) in the environment: 'eighty' is not a whole number",
                e.getMessage());
    }

    @Test
    void out_of_range_and_unknown_words_are_bad_values_too() {
        assertThrows(ConfigurationException.class, () -> Configuration.load(Map.of("server.port", "70000"), Map.of()));
        ConfigurationException acks = assertThrows(ConfigurationException.class,
                () -> Configuration.load(Map.of(), Map.of("KAFKA_REQUIRED_ACKS", "most")));
        assertTrue(acks.getMessage().contains("none, local, all"), acks.getMessage());
        assertThrows(ConfigurationException.class,
                () -> Configuration.load(Map.of(), Map.of("KAFKA_BROKERS", "no-port-here")));
        assertThrows(ConfigurationException.class,
                () -> Configuration.load(Map.of(), Map.of("KAFKA_TOPIC", "has spaces")));
    }

    @Test
    void broker_voters_are_id_at_host_and_controller_port_each() {
        assertEquals(List.of("1@kafka-a:9093", "2@kafka-b:9093", "3@10.0.0.3:9093"),
                Configuration.load(Map.of(), Map.of("BROKER_VOTERS", "1@kafka-a:9093, 2@kafka-b:9093,3@10.0.0.3:9093"))
                        .get(Settings.BROKER_VOTERS));
        assertEquals(List.of(), Configuration.load(Map.of(), Map.of()).get(Settings.BROKER_VOTERS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"kafka-a:9093", "1@kafka-a", "one@kafka-a:9093", "1@kafka-a:9093,1@kafka-b:9093"})
    void broker_voters_that_are_not_id_at_host_and_port_or_name_an_id_twice_name_broker_voters(String voters) {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> Configuration.load(Map.of(), Map.of("BROKER_VOTERS", voters)));

        assertTrue(e.getMessage().startsWith("invalid broker.voters (BROKER_VOTERS) in the environment: "), e.getMessage());
    }

    @Test
    void a_broker_cluster_id_is_a_kafka_uuid() {
        assertEquals("MkU3OEVBNTcwNTJENDM2Qg", Configuration.load(Map.of(), Map.of("BROKER_CLUSTER_ID",
                "MkU3OEVBNTcwNTJENDM2Qg")).get(Settings.BROKER_CLUSTER_ID).orElseThrow());
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> Configuration.load(Map.of(), Map.of("BROKER_CLUSTER_ID", "my-cluster")));
        assertTrue(e.getMessage().contains("is not a Kafka cluster id"), e.getMessage());
    }

    @Test
    void min_insync_replicas_is_checked_like_the_replication_factor() {
        assertEquals(-1, Configuration.load(Map.of(), Map.of()).get(Settings.KAFKA_MIN_INSYNC_REPLICAS));
        assertEquals(2, Configuration.load(Map.of(), Map.of("KAFKA_MIN_INSYNC_REPLICAS", "2"))
                .get(Settings.KAFKA_MIN_INSYNC_REPLICAS));
        assertThrows(ConfigurationException.class,
                () -> Configuration.load(Map.of(), Map.of("KAFKA_MIN_INSYNC_REPLICAS", "-2")));
        assertThrows(ConfigurationException.class,
                () -> Configuration.load(Map.of(), Map.of("KAFKA_MIN_INSYNC_REPLICAS", "two")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a host!", "host_name", "-leading.dash", "trailing-.dash", "a..b", "999.1.1.1",
        "1.2.3", "::1::2", "[::1", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.example"})
    void a_server_host_that_is_no_host_name_or_ip_address_names_server_host(String host) {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> Configuration.load(Map.of(), Map.of("SERVER_HOST", host)));

        assertTrue(e.getMessage().startsWith("invalid server.host (SERVER_HOST) in the environment: "), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "127.0.0.1", "localhost", "api.shop.example", "coffee-1", "::", "::1",
        "[::1]", "fe80::1", "::ffff:10.0.0.1"})
    void a_server_host_may_be_a_host_name_or_an_ip_address(String host) {
        assertEquals(host.replace("[", "").replace("]", ""),
                Configuration.load(Map.of(), Map.of("SERVER_HOST", host)).get(Settings.SERVER_HOST));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not an origin", "shop.example", "https://shop.example/", "https://shop.example/path",
        "https://", "https://shop.example:99999", "https://user@shop.example", "*.example", "https://shop.example?x"})
    void a_cors_origin_that_is_no_origin_names_cors_allowed_origins(String origin) {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> Configuration.load(Map.of(), Map.of("CORS_ALLOWED_ORIGINS", "https://ok.example," + origin)));

        assertTrue(e.getMessage().startsWith("invalid server.cors_allowed_origins (CORS_ALLOWED_ORIGINS) in the "
                + "environment: "), e.getMessage());
    }

    @Test
    void cors_origins_are_star_or_scheme_host_and_port_as_a_browser_sends_them() {
        assertEquals(List.of("*"), Configuration.load(Map.of(), Map.of("CORS_ALLOWED_ORIGINS", "*"))
                .get(Settings.CORS_ALLOWED_ORIGINS));
        assertEquals(List.of("https://shop.example", "http://localhost:8080", "http://[::1]:3000"),
                Configuration.load(Map.of(), Map.of("CORS_ALLOWED_ORIGINS",
                        "https://Shop.Example, http://localhost:8080,http://[::1]:3000"))
                        .get(Settings.CORS_ALLOWED_ORIGINS));
    }

    @Test
    void an_unknown_key_in_the_file_is_an_error_not_a_silent_typo() throws IOException {
        Path file = file("{\"server\":{\"prot\":3000}}");

        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> Configuration.load(Map.of("config_file", file.toString()), Map.of()));

        assertTrue(e.getMessage().contains("server.prot"), e.getMessage());
    }

    @Test
    void an_unknown_flag_setting_is_an_error() {
        assertThrows(ConfigurationException.class, () -> Configuration.load(Map.of("server.prot", "1"), Map.of()));
    }

    @Test
    void a_missing_or_broken_config_file_is_reported_in_words() throws IOException {
        ConfigurationException missing = assertThrows(ConfigurationException.class,
                () -> Configuration.load(Map.of("config_file", dir.resolve("nope.json").toString()), Map.of()));
        Path broken = file("{ not json");
        ConfigurationException invalid = assertThrows(ConfigurationException.class,
                () -> Configuration.load(Map.of("config_file", broken.toString()), Map.of()));

        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        assertTrue(invalid.getMessage().contains("not valid JSON"), invalid.getMessage());
    }

    @Test
    void broken_json_in_a_setting_is_reported_in_words_not_in_jacksons() {
        String deep = "[".repeat(1200);
        ConfigurationException tooDeep = assertThrows(ConfigurationException.class,
                () -> Configuration.load(Map.of(), Map.of("KAFKA_BROKERS", deep)));
        ConfigurationException unfinished = assertThrows(ConfigurationException.class,
                () -> Configuration.load(Map.of("kafka.brokers", "[\"k1:9092\","), Map.of()));
        ConfigurationException deepProperties = assertThrows(ConfigurationException.class,
                () -> Configuration.load(Map.of(), Map.of("KAFKA_PROPERTIES", "{\"a\":" + deep)));

        assertEquals("invalid kafka.brokers (KAFKA_BROKERS) in the environment: is not valid JSON "
                + "(nested too deeply or too long to read)", tooDeep.getMessage());
        assertEquals("invalid kafka.brokers (KAFKA_BROKERS) on the command line: is not valid JSON (at column 12)", unfinished.getMessage());
        assertEquals("invalid kafka.properties (KAFKA_PROPERTIES) in the environment: is not a valid JSON object "
                + "(nested too deeply or too long to read)", deepProperties.getMessage());
    }

    @Test
    void a_config_file_nested_too_deeply_is_reported_in_words() throws IOException {
        Path deep = file("{\"kafka\":" + "[".repeat(1200));

        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> Configuration.load(Map.of("config_file", deep.toString()), Map.of()));

        assertEquals("config file " + deep + " is not valid JSON (nested too deeply or too long to read)", e.getMessage());
    }

    @Test
    void every_setting_default_is_itself_valid() {
        Configuration config = Configuration.load(Map.of(), Map.of());

        for (Setting<?> setting : Settings.ALL) {
            config.get(setting);
        }
    }
}
