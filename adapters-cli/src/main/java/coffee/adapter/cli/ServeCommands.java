package coffee.adapter.cli;

import coffee.adapter.cli.Launcher.Role;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The long-running roles. Each blocks until SIGINT/SIGTERM, shuts down in order and exits 0. */
final class ServeCommands {

    private ServeCommands() {
    }

    /** Runs a role with the settings its flags collected. */
    abstract static class ServeRole implements Callable<Integer> {

        private final Launcher launcher;
        private final Role role;
        final Map<String, String> flags = new LinkedHashMap<>();

        @Mixin
        KafkaSettingOptions settings;

        ServeRole(Launcher launcher, Role role) {
            this.launcher = launcher;
            this.role = role;
        }

        @Override
        public Integer call() throws Exception {
            Map<String, String> all = new LinkedHashMap<>(settings.asMap());
            all.putAll(flags);
            launcher.serve(role, all);
            return ExitCodes.OK;
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = {
                "Everything in one process, for a fresh machine: a real Kafka broker embedded in the process "
                        + "(data kept under ./.coffee/kafka), the HTTP producer and one consumer.",
                "With KAFKA_BROKERS (or --brokers) set, uses that cluster instead of starting a broker."})
    static final class All extends ServeRole {

        All(Launcher launcher) {
            super(launcher, Role.ALL_IN_ONE);
        }

        @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (SERVER_PORT; default 3000).")
        void port(String value) {
            flags.put("server.port", value);
        }

        @Option(names = "--brew-time-ms", paramLabel = "MS",
                description = "How long brewing one drink takes (BREW_TIME_MS; default 800).")
        void brewTime(String value) {
            flags.put("brew.time_ms", value);
        }

        @Option(names = "--concurrency", paramLabel = "N",
                description = "Baristas brewing in parallel in the consumer (CONSUMER_CONCURRENCY; default 4).")
        void concurrency(String value) {
            flags.put("consumer.concurrency", value);
        }

        @Option(names = "--broker-port", paramLabel = "PORT",
                description = "Port of the embedded broker (BROKER_PORT; default 9092).")
        void brokerPort(String value) {
            flags.put("broker.port", value);
        }

        @Option(names = "--data-dir", paramLabel = "DIR",
                description = "Where the embedded broker keeps its data (BROKER_DATA_DIR; default ./.coffee/kafka).")
        void dataDir(String value) {
            flags.put("broker.data_dir", value);
        }
    }

    @Command(name = "serve-producer", mixinStandardHelpOptions = true,
            description = "The HTTP producer: takes orders on the API and publishes them to Kafka (KAFKA_BROKERS, "
                    + "default localhost:9092). Run several behind a load balancer; each sees every order.")
    static final class Producer extends ServeRole {

        Producer(Launcher launcher) {
            super(launcher, Role.PRODUCER);
        }

        @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (SERVER_PORT; default 3000).")
        void port(String value) {
            flags.put("server.port", value);
        }
    }

    @Command(name = "serve-consumer", mixinStandardHelpOptions = true,
            description = "A consumer: brews orders from Kafka and publishes their status. Run several for "
                    + "parallelism; they share the partitions as one consumer group.")
    static final class Consumer extends ServeRole {

        Consumer(Launcher launcher) {
            super(launcher, Role.CONSUMER);
        }

        @Option(names = "--brew-time-ms", paramLabel = "MS",
                description = "How long brewing one drink takes (BREW_TIME_MS; default 800).")
        void brewTime(String value) {
            flags.put("brew.time_ms", value);
        }

        @Option(names = "--concurrency", paramLabel = "N",
                description = "Baristas brewing in parallel (CONSUMER_CONCURRENCY; default 4).")
        void concurrency(String value) {
            flags.put("consumer.concurrency", value);
        }
    }

    @Command(name = "broker", mixinStandardHelpOptions = true,
            description = "A standalone Kafka broker for development: the same embedded KRaft broker as `serve`, "
                    + "in its own process. Point the other roles at it with KAFKA_BROKERS=localhost:9092.")
    static final class Broker extends ServeRole {

        Broker(Launcher launcher) {
            super(launcher, Role.BROKER);
        }

        @Option(names = "--broker-port", paramLabel = "PORT", description = "Client port (BROKER_PORT; default 9092).")
        void brokerPort(String value) {
            flags.put("broker.port", value);
        }

        @Option(names = "--data-dir", paramLabel = "DIR",
                description = "Where the broker keeps its data (BROKER_DATA_DIR; default ./.coffee/kafka).")
        void dataDir(String value) {
            flags.put("broker.data_dir", value);
        }
    }
}
