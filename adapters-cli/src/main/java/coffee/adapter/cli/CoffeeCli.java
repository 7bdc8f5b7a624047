package coffee.adapter.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * The {@code coffee} command line. The one public entry point of this adapter: {@link
 * #commandLine(Launcher)} builds it, {@code execute(args)} runs it.
 */
@Command(name = "coffee", mixinStandardHelpOptions = true, versionProvider = CoffeeCli.Version.class,
        description = "Event-driven coffee ordering: an HTTP producer takes orders and publishes them to Kafka; "
                + "consumers brew them and publish each order's status.",
        subcommandsRepeatable = false,
        commandListHeading = "%nCommands:%n",
        footer = {"", "Run 'coffee COMMAND --help' for a command's options. Settings: docs/configuration.md."})
public final class CoffeeCli implements Runnable {

    @picocli.CommandLine.Spec
    CommandSpec spec;

    private CoffeeCli() {
    }

    /** Without a command, explain what there is. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static CommandLine commandLine(Launcher launcher) {
        CommandLine cli = new CommandLine(new CoffeeCli())
                .addSubcommand(new ServeCommands.All(launcher))
                .addSubcommand(new ServeCommands.Producer(launcher))
                .addSubcommand(new ServeCommands.Consumer(launcher))
                .addSubcommand(new ServeCommands.Broker(launcher))
                .addSubcommand(new OrderCommand(launcher))
                .addSubcommand(new LoadCommand(launcher))
                .addSubcommand(new ShowCommands.Status(launcher))
                .addSubcommand(new ShowCommands.Orders(launcher))
                .addSubcommand(new WatchCommand(launcher));
        documentExitCodes(cli);
        cli.setExecutionExceptionHandler(new OneLineErrors());
        return cli;
    }

    private static void documentExitCodes(CommandLine command) {
        Map<String, String> codes = new LinkedHashMap<>();
        for (String entry : ExitCodes.HELP) {
            String[] parts = entry.split(":", 2);
            codes.put(parts[0], parts[1]);
        }
        command.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
        command.getSubcommands().values().forEach(CoffeeCli::documentExitCodes);
    }

    /** Failures become one line on stderr and an exit code; never a stack trace. */
    private static final class OneLineErrors implements IExecutionExceptionHandler {

        private static final System.Logger LOG = System.getLogger(CoffeeCli.class.getName());

        @Override
        public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
            PrintWriter err = command.getErr();
            // the details behind the one line, for LOG_LEVEL=debug
            LOG.log(System.Logger.Level.DEBUG, "coffee " + command.getCommandName() + " failed", e);
            if (e instanceof CommandFailedException failed) {
                err.println("coffee " + command.getCommandName() + ": " + failed.getMessage());
                err.flush();
                return failed.exitCode();
            }
            err.println("coffee " + command.getCommandName() + ": unexpected error: " + e
                    + " (LOG_LEVEL=debug shows details)");
            err.flush();
            return ExitCodes.FAILED;
        }
    }

    /** The version from the jar's manifest, when there is one. */
    static final class Version implements CommandLine.IVersionProvider {

        @Override
        public String[] getVersion() {
            String version = CoffeeCli.class.getPackage().getImplementationVersion();
            return new String[] {"coffee " + (version == null ? "(development build)" : version),
                "Java " + Runtime.version()};
        }
    }
}
