package coffee.adapter.kafka.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerIT {

    @TempDir
    Path dataDir;

    @Test
    void topics_survive_a_restart_of_the_broker_on_the_same_data_directory() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0);
                Admin admin = admin(broker)) {
            admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get(10, TimeUnit.SECONDS);
        }

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0);
                Admin admin = admin(broker)) {
            Set<String> topics = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            assertTrue(topics.contains("kept"), "topics after restart: " + topics);
        }
    }

    @Test
    void a_port_already_in_use_is_reported_in_words() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            EmbeddedKafkaBroker.BrokerStartException e = assertThrows(EmbeddedKafkaBroker.BrokerStartException.class,
                    () -> EmbeddedKafkaBroker.start(dataDir, taken.getLocalPort()));

            assertTrue(e.getMessage().contains("in use"), e.getMessage());
        }
    }

    @Test
    void clients_connect_on_the_loopback_address_and_the_given_port() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, port)) {
            assertEquals("127.0.0.1:" + port, broker.bootstrapServers());
        }
    }

    private static Admin admin(EmbeddedKafkaBroker broker) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Duration.ofSeconds(30).toMillis()));
    }
}
