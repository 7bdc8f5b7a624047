package coffee.bootstrap;

import coffee.adapter.cli.CoffeeCli;

/** Starts {@code coffee}: the command line decides which role runs. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // quiet until a command sets logging up: nothing should print before it decides how
        Logging.forCommandLineTool("text");
        int exitCode = CoffeeCli.commandLine(new Roles(System.getenv())).execute(args);
        Logging.flush();
        Lifecycle.exit(exitCode);
    }
}
