package coffee.adapter.cli;

/**
 * A command could not do its job for a reason the user can act on. The CLI prints the message
 * as one line, without a stack trace, and exits with {@link #exitCode()}.
 */
public final class CommandFailedException extends RuntimeException {

    private final int exitCode;

    public CommandFailedException(int exitCode, String message) {
        this(exitCode, message, null);
    }

    public CommandFailedException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
