package coffee.adapter.http;

import coffee.adapter.http.CannotListenException.Reason;
import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.UnknownHostException;

/**
 * Whether a server can listen on a host and port, and why not.
 *
 * <p>Helidon 4.5's {@code WebServer.start()} does not throw when it cannot bind: it logs the
 * {@code BindException} with its stack trace, stops its listeners and returns a server that is
 * not running and whose {@code port()} is {@code -1}. So a role checks the address before it
 * starts anything ({@link #check}), which also spares the user Helidon's stack trace, and the
 * servers check {@code isRunning()} after starting, for the port taken in between.
 */
final class Listening {

    private Listening() {
    }

    /** Returns if a server could listen on {@code host:port} now; throws saying why not otherwise. */
    static void check(String host, int port) {
        InetAddress address = resolve(host, port);
        try (ServerSocket probe = new ServerSocket()) {
            // as a server binds: a port left in TIME_WAIT by a previous run is free to take
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(address, port), 1);
        } catch (IOException e) {
            throw refused(host, port, address, e);
        }
    }

    /** The server after {@code start()}, or why it is not running. */
    static WebServer started(WebServer server, String host, int port) {
        if (server.isRunning()) {
            return server;
        }
        // Helidon keeps the cause to itself (it logged it): probing the address again finds it,
        // unless whatever held the port let go in the meantime
        check(host, port);
        throw new CannotListenException(Reason.REFUSED, host, port,
                "the HTTP server did not start on " + host + ":" + port + " (see the log above)", null);
    }

    private static InetAddress resolve(String host, int port) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new CannotListenException(Reason.UNKNOWN_HOST, host, port,
                    "'" + host + "' is not a known host name", e);
        }
    }

    private static CannotListenException refused(String host, int port, InetAddress address, IOException e) {
        if (!isLocal(address)) {
            return new CannotListenException(Reason.NOT_A_LOCAL_ADDRESS, host, port,
                    host + " is not an address of this machine", e);
        }
        if (e instanceof BindException && String.valueOf(e.getMessage()).contains("in use")) {
            return new CannotListenException(Reason.PORT_IN_USE, host, port, "port " + port + " is in use", e);
        }
        return new CannotListenException(Reason.REFUSED, host, port,
                "cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }

    private static boolean isLocal(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return true; // cannot tell: let the operating system's answer speak
        }
    }
}
