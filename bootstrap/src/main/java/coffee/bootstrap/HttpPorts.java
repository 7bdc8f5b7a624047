package coffee.bootstrap;

import coffee.adapter.cli.CommandFailedException;
import coffee.adapter.cli.ExitCodes;
import coffee.adapter.http.CannotListenException;
import coffee.adapter.http.ManagementServer;
import coffee.adapter.http.OrderApiServer;

/**
 * Where a role's HTTP server listens: checked before the role starts anything (Kafka clients,
 * a broker), so a port in use is one line at once, not a minute later; and a server that
 * cannot listen told as a configuration error naming the setting.
 */
final class HttpPorts {

    private HttpPorts() {
    }

    /** The producer's API port ({@code SERVER_HOST}, {@code SERVER_PORT}). */
    static void requireApiPortFree(Configuration config) {
        try {
            OrderApiServer.checkCanListen(config.get(Settings.SERVER_HOST), config.get(Settings.SERVER_PORT));
        } catch (CannotListenException e) {
            throw explained(e, Settings.SERVER_PORT);
        }
    }

    /** The consumer's health and metrics port ({@code SERVER_HOST}, {@code MANAGEMENT_PORT}). */
    static void requireManagementPortFree(Configuration config) {
        try {
            ManagementServer.checkCanListen(config.get(Settings.SERVER_HOST), config.get(Settings.MANAGEMENT_PORT));
        } catch (CannotListenException e) {
            throw explained(e, Settings.MANAGEMENT_PORT);
        }
    }

    /** A server that cannot listen, as the CLI says it: one line naming the setting, exit code 3. */
    static CommandFailedException explained(CannotListenException e, Setting<Integer> port) {
        String host = Settings.SERVER_HOST.env();
        String message = switch (e.reason()) {
            case PORT_IN_USE -> "port " + e.port() + " is in use (" + port.env()
                    + "): stop what listens there, or choose another port (0 picks a free one)";
            case UNKNOWN_HOST -> "'" + e.host() + "' is not a known host name (" + host + ")";
            case NOT_A_LOCAL_ADDRESS -> "cannot listen on " + e.host() + " (" + host + "): it is not an address of "
                    + "this machine; 0.0.0.0 listens on all of them";
            case REFUSED -> "cannot listen on " + e.host() + ":" + e.port() + " (" + host + ", " + port.env() + "): "
                    + e.getMessage();
        };
        return new CommandFailedException(ExitCodes.CONFIGURATION, message, e);
    }
}
