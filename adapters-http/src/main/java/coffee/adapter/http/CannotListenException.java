package coffee.adapter.http;

import java.util.Objects;

/**
 * A server could not listen where it was told to: the port is taken, the host is unknown or
 * not an address of this machine. The caller knows which setting that was and says so.
 */
public final class CannotListenException extends RuntimeException {

    /** Why the server cannot listen. */
    public enum Reason {
        /** Something else listens on the port already. */
        PORT_IN_USE,
        /** The host name does not resolve. */
        UNKNOWN_HOST,
        /** The host resolves, but to no address of this machine. */
        NOT_A_LOCAL_ADDRESS,
        /** Anything else the operating system refused (a privileged port, for example). */
        REFUSED
    }

    private final Reason reason;
    private final String host;
    private final int port;

    CannotListenException(Reason reason, String host, int port, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
    }

    public Reason reason() {
        return reason;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }
}
