package coffee.adapter.cli;

/** What {@code coffee} exits with; listed in every command's help. */
public final class ExitCodes {

    public static final int OK = 0;
    /** Something unexpected went wrong. */
    public static final int FAILED = 1;
    /** The command line was wrong (unknown option, missing or invalid argument). */
    public static final int USAGE = 2;
    /** A setting (flag, environment variable or config file) is invalid. */
    public static final int CONFIGURATION = 3;
    /** Kafka or the producer's API could not be reached, or did not confirm in time. */
    public static final int UNAVAILABLE = 4;
    /** The order asked about does not exist. */
    public static final int NOT_FOUND = 5;
    /** Waiting for an order to finish took longer than allowed. */
    public static final int TIMED_OUT = 6;
    /** The idempotency key was already used for a different order (the API's 422). */
    public static final int CONFLICT = 7;

    /** The exit code section of the help text. */
    static final String[] HELP = {
        "0:Success",
        "1:Unexpected error",
        "2:Invalid command line",
        "3:Invalid configuration",
        "4:Kafka or the producer API unavailable",
        "5:Order not found",
        "6:Timed out waiting for the order",
        "7:Idempotency key already used for another order"
    };

    private ExitCodes() {
    }
}
