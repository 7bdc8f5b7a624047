package coffee.peer;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;

/**
 * A Spring Boot 4 + spring-kafka service that takes coffee orders the way the project's producer
 * does (validate, give the order an id and a time, publish it keyed by id with acks=all and an
 * idempotent producer, answer 201 once Kafka acknowledged it), written the way Spring's guides
 * write one. It is the yardstick of bench/run's peers scenario, nothing more: no view, no
 * idempotency keys, no access log or metrics per request.
 */
@SpringBootApplication
public class PeerApplication {

    public static void main(String[] args) {
        SpringApplication.run(PeerApplication.class, args);
    }

    /** Created at start if missing, partitioned like the project's orders topic. */
    @Bean
    NewTopic orders(@Value("${peer.topic}") String topic, @Value("${peer.partitions}") int partitions) {
        return TopicBuilder.name(topic).partitions(partitions).replicas(1).build();
    }
}
