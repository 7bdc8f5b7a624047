package coffee.bootstrap;

import coffee.adapter.cli.CommandFailedException;
import coffee.adapter.cli.ExitCodes;
import coffee.adapter.cli.Launcher;
import coffee.adapter.kafka.InvalidClientPropertyException;
import coffee.adapter.kafka.KafkaConnection;
import coffee.adapter.kafka.KafkaUnavailableException;
import coffee.adapter.kafka.OrderFeed;
import coffee.adapter.kafka.StartAt;
import coffee.adapter.kafka.TopicSettingsException;
import coffee.adapter.kafka.broker.EmbeddedKafkaBroker;
import coffee.application.port.in.PlaceOrder;
import coffee.application.port.in.ProjectOrderEvents;
import java.util.Map;

/**
 * How the CLI starts roles and reaches the core: configuration and logging, then the role or
 * the Kafka clients; the core comes from {@link CompositionRoot}.
 */
final class Roles implements Launcher {

    private final Map<String, String> environment;

    Roles(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public void serve(Role role, Map<String, String> flags) throws Exception {
        Configuration config = configuration(flags);
        Logging.forService(config.get(Settings.LOG_LEVEL), config.get(Settings.LOG_FORMAT));
        try {
            Lifecycle.runUntilStopped(() -> switch (role) {
                case ALL_IN_ONE -> AllInOneRole.start(config);
                case PRODUCER -> ProducerRole.start(config, AdapterSettings.kafka(config));
                case CONSUMER -> ConsumerRole.start(config, AdapterSettings.kafka(config), true);
                case BROKER -> startBroker(config);
            });
        } catch (RuntimeException e) {
            throw asTheCliSaysIt(e);
        }
    }

    private AutoCloseable startBroker(Configuration config) throws InterruptedException {
        if (config.get(Settings.BROKER_NODES) > 1) {
            return LocalClusterRole.start(config);
        }
        String parent = environment.get(LocalClusterRole.STOP_WITH_PID);
        if (parent != null) {
            Lifecycle.stopWhenEnds(Long.parseLong(parent));
        }
        return BrokerRole.start(config);
    }

    @Override
    public Ordering openOrdering(Map<String, String> flags) throws Exception {
        Configuration config = configuration(flags);
        Logging.forCommandLineTool(config.get(Settings.LOG_LEVEL), config.get(Settings.LOG_FORMAT));
        KafkaConnection kafka = KafkaConnection.open(AdapterSettings.kafka(config), "cli");
        try {
            kafka.ensureTopics();
            CompositionRoot.CliOrdering ordering = CompositionRoot.cliOrdering(kafka);
            // from the end: only this order's statuses matter, and they are all still to come
            OrderFeed statuses = kafka.followStatuses(ordering.heard(), StartAt.END);
            // looking up the order a key already placed asks Kafka: its failures are said as the CLI says them
            PlaceOrder place = command -> {
                try {
                    return ordering.place().place(command);
                } catch (RuntimeException e) {
                    throw asTheCliSaysIt(e);
                }
            };
            return new Ordering(place, ordering.watch(), () -> {
                statuses.close();
                kafka.close();
            });
        } catch (RuntimeException e) {
            kafka.close();
            throw asTheCliSaysIt(e);
        } catch (InterruptedException e) {
            kafka.close();
            throw e;
        }
    }

    @Override
    public AutoCloseable followStatuses(Map<String, String> flags, ProjectOrderEvents sink) throws Exception {
        Configuration config = configuration(flags);
        Logging.forCommandLineTool(config.get(Settings.LOG_LEVEL), config.get(Settings.LOG_FORMAT));
        KafkaConnection kafka = KafkaConnection.open(AdapterSettings.kafka(config), "load");
        try {
            // only reads: the topics are the producer's to create, and a missing one is a wrong setting
            OrderFeed statuses = kafka.followStatuses(sink, StartAt.END);
            return () -> {
                statuses.close();
                kafka.close();
            };
        } catch (RuntimeException e) {
            kafka.close();
            throw asTheCliSaysIt(e);
        } catch (InterruptedException e) {
            kafka.close();
            throw e;
        }
    }

    @Override
    public String producerUrl(Map<String, String> flags) {
        Configuration config = configuration(flags);
        Logging.forCommandLineTool(config.get(Settings.LOG_LEVEL), config.get(Settings.LOG_FORMAT));
        return AdapterSettings.producerUrl(config).orElseThrow(() -> new CommandFailedException(ExitCodes.USAGE,
                Settings.SERVER_PORT.names() + " is 0 (a free port, chosen when the producer starts): "
                        + "give the producer's --url"));
    }

    /**
     * A failure as the CLI reports it: Kafka (or the embedded broker) away is {@code UNAVAILABLE},
     * a client property Kafka refused, or replicas the cluster cannot keep, is {@code
     * CONFIGURATION}; anything else stays as it is.
     */
    private static RuntimeException asTheCliSaysIt(RuntimeException e) {
        if (e instanceof KafkaUnavailableException || e instanceof EmbeddedKafkaBroker.BrokerStartException) {
            return new CommandFailedException(ExitCodes.UNAVAILABLE, e.getMessage(), e);
        }
        if (e instanceof InvalidClientPropertyException refused) {
            return invalidClientProperty(refused);
        }
        if (e instanceof TopicSettingsException unkeepable) {
            return new CommandFailedException(ExitCodes.CONFIGURATION, "cannot create the topics: " + e.getMessage()
                    + " (" + Settings.KAFKA_REPLICATION_FACTOR.names() + ", "
                    + Settings.KAFKA_MIN_INSYNC_REPLICAS.names() + ")", unkeepable);
        }
        return e;
    }

    /** Kafka refused a client property (from kafka.properties); it names the property, and hides passwords. */
    private static CommandFailedException invalidClientProperty(InvalidClientPropertyException e) {
        return new CommandFailedException(ExitCodes.CONFIGURATION, "invalid " + Settings.KAFKA_PROPERTIES.names()
                + ": " + e.getMessage(), e);
    }

    private Configuration configuration(Map<String, String> flags) {
        try {
            return Configuration.load(flags, environment);
        } catch (ConfigurationException e) {
            throw new CommandFailedException(ExitCodes.CONFIGURATION, e.getMessage(), e);
        }
    }
}
