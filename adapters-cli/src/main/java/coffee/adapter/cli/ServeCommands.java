package coffee.adapter.cli;

import coffee.adapter.cli.Launcher.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The long-running roles. Each blocks until SIGINT/SIGTERM, shuts down in order and exits 0. */
final class ServeCommands {

    private ServeCommands() {
    }

    /** Collects the flags of a group of options, by setting key: a mixin shared by the roles that take them. */
    abstract static class RoleFlags {

        final Map<String, String> flags = new LinkedHashMap<>();
    }

    /** The HTTP producer's flags. */
    static final class HttpFlags extends RoleFlags {

        @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (SERVER_PORT; default 3000).")
        void port(String value) {
            flags.put("server.port", value);
        }
    }

    /** The consumer's flags. */
    static final class BrewingFlags extends RoleFlags {

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
    }

    /** The embedded broker's flags (`serve` and `broker`). */
    static final class BrokerFlags extends RoleFlags {

        @Option(names = "--broker-port", paramLabel = "PORT",
                description = "Client port of the embedded broker; with `broker --nodes`, the first node's "
                        + "(BROKER_PORT; default 9092).")
        void brokerPort(String value) {
            flags.put("broker.port", value);
        }

        @Option(names = "--data-dir", paramLabel = "DIR",
                description = "Where the embedded broker keeps its data; with `broker --nodes`, DIR-1, DIR-2, ... "
                        + "(BROKER_DATA_DIR; default ./.coffee/kafka).")
        void dataDir(String value) {
            flags.put("broker.data_dir", value);
        }
    }

    /** Runs a role with the settings its flags collected. */
    abstract static class ServeRole implements Callable<Integer> {

        private final Launcher launcher;
        private final Role role;
        /** The role's own flags, those no other role takes. */
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
            shared().forEach(group -> all.putAll(group.flags));
            all.putAll(flags);
            launcher.serve(role, all);
            return ExitCodes.OK;
        }

        /** The groups of flags this role shares with others (its mixins). */
        abstract List<RoleFlags> shared();
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = {
                "Everything in one process, for a fresh machine: a real Kafka broker embedded in the process "
                        + "(data kept under ./.coffee/kafka), the HTTP producer and one consumer.",
                "With KAFKA_BROKERS (or --brokers) set, uses that cluster instead of starting a broker."})
    static final class All extends ServeRole {

        @Mixin
        HttpFlags http;

        @Mixin
        BrewingFlags brewing;

        @Mixin
        BrokerFlags broker;

        All(Launcher launcher) {
            super(launcher, Role.ALL_IN_ONE);
        }

        @Override
        List<RoleFlags> shared() {
            return List.of(http, brewing, broker);
        }
    }

    @Command(name = "serve-producer", mixinStandardHelpOptions = true,
            description = {"The HTTP producer: takes orders on the API and publishes them to Kafka (KAFKA_BROKERS, "
                    + "default localhost:9092). Run several behind a load balancer: each holds a share of the orders "
                    + "and answers for every order.",
                "", "Several producers share the view of orders: start each with the same VIEW_APPLICATION_ID, its "
                    + "own VIEW_STATE_DIR and, across machines, its own SERVER_ADVERTISED_URL (see docs/operations.md)."})
    static final class Producer extends ServeRole {

        @Mixin
        HttpFlags http;

        Producer(Launcher launcher) {
            super(launcher, Role.PRODUCER);
        }

        @Override
        List<RoleFlags> shared() {
            return List.of(http);
        }
    }

    @Command(name = "serve-consumer", mixinStandardHelpOptions = true,
            description = "A consumer: brews orders from Kafka and publishes their status. Run several for "
                    + "parallelism; they share the partitions as one consumer group.")
    static final class Consumer extends ServeRole {

        @Mixin
        BrewingFlags brewing;

        Consumer(Launcher launcher) {
            super(launcher, Role.CONSUMER);
        }

        @Override
        List<RoleFlags> shared() {
            return List.of(brewing);
        }
    }

    @Command(name = "broker", mixinStandardHelpOptions = true,
            description = {
                "A standalone Kafka broker for development: the same embedded KRaft broker as `serve`, "
                        + "in its own process. Point the other roles at it with KAFKA_BROKERS=localhost:9092.",
                "With --nodes 3, a local cluster of three KRaft nodes (each broker and controller), each its own "
                        + "process so one can be killed: client ports from --broker-port on (9092, 9093, 9094), data "
                        + "in <data-dir>-1, -2, -3. It prints each node's port and pid; Ctrl+C or SIGTERM stops them "
                        + "all. A node that dies is not restarted; the log says how to start it again.",
                "With --node-id, --voters and --controller-port, one node of a quorum spread over machines "
                        + "(docs/operations.md)."})
    static final class Broker extends ServeRole {

        @Mixin
        BrokerFlags storage;

        Broker(Launcher launcher) {
            super(launcher, Role.BROKER);
        }

        @Override
        List<RoleFlags> shared() {
            return List.of(storage);
        }

        @Option(names = "--nodes", paramLabel = "N",
                description = "Nodes of a local cluster, one process each (BROKER_NODES; default 1, at most 9).")
        void nodes(String value) {
            flags.put("broker.nodes", value);
        }

        @Option(names = "--node-id", paramLabel = "ID",
                description = "This node's id, one of --voters (BROKER_NODE_ID; default 1).")
        void nodeId(String value) {
            flags.put("broker.node_id", value);
        }

        @Option(names = "--voters", paramLabel = "ID@HOST:PORT[,...]",
                description = "Every controller of the quorum, with its controller port; the same on every node "
                        + "(BROKER_VOTERS; default: this node alone).")
        void voters(String value) {
            flags.put("broker.voters", value);
        }

        @Option(names = "--controller-port", paramLabel = "PORT",
                description = "This node's controller port, as --voters names it (BROKER_CONTROLLER_PORT; "
                        + "default 0: a free one, single node only).")
        void controllerPort(String value) {
            flags.put("broker.controller_port", value);
        }

        @Option(names = "--host", paramLabel = "HOST",
                description = "Address to listen on and give clients and the other nodes (BROKER_HOST; default 127.0.0.1).")
        void host(String value) {
            flags.put("broker.host", value);
        }

        @Option(names = "--cluster-id", paramLabel = "ID",
                description = "Id to format new storage with, the same on every node (BROKER_CLUSTER_ID; "
                        + "default: derived from --voters).")
        void clusterId(String value) {
            flags.put("broker.cluster_id", value);
        }
    }
}
