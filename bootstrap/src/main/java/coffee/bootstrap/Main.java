package coffee.bootstrap;

import coffee.adapter.cli.CoffeeCli;

/** Starts {@code coffee}: the command line decides which role runs. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // quiet until a command sets logging up from its settings, unless LOG_LEVEL asks for the
        // details of a failure: that must hold for a command that reads no settings too
        Logging.forCommandLineTool(System.getenv("LOG_LEVEL"), System.getenv("LOG_FORMAT"));
        int exitCode = CoffeeCli.commandLine(new Roles(System.getenv())).execute(args);
        Logging.flush();
        Lifecycle.exit(exitCode);
    }
}
