package coffee.adapter.kafka;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The same contract against Kafka in a container, the way a real deployment runs it. Skipped
 * (not failed) where no Docker engine is available.
 */
@Testcontainers(disabledWithoutDocker = true)
class TestcontainersKafkaContractIT extends KafkaAdapterContract {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.0");

    @Override
    protected String bootstrapServers() {
        return KAFKA.getBootstrapServers();
    }
}
