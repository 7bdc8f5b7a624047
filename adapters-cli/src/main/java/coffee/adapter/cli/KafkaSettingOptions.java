package coffee.adapter.cli;

import picocli.CommandLine.Option;

/** The setting options, plus shortcuts for where Kafka is: for the commands that talk to Kafka. */
final class KafkaSettingOptions extends SettingOptions {

    @Option(names = "--brokers", paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers (KAFKA_BROKERS; default localhost:9092).")
    void brokers(String value) {
        put("kafka.brokers", value);
    }

    @Option(names = "--topic", paramLabel = "NAME", description = "Orders topic (KAFKA_TOPIC; default coffee_orders).")
    void topic(String value) {
        put("kafka.topic", value);
    }
}
