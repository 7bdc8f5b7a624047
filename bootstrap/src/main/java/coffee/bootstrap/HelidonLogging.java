package coffee.bootstrap;

import io.helidon.logging.common.spi.LoggingProvider;

/**
 * Tells Helidon that logging is taken care of: {@link Logging} sets it up in code when a
 * command starts, before Helidon loads. Without a provider on the class path, Helidon prints
 * "There is no Helidon logging implementation on classpath, skipping log configuration." straight
 * to stderr on every start, a plain line in the middle of a JSON log. Found by Helidon through
 * {@code META-INF/services}, so it has to be public.
 */
public final class HelidonLogging implements LoggingProvider {

    @Override
    public void initialization() {
        // nothing to do: Logging configured the process before any Helidon class loaded
    }

    @Override
    public void runTime() {
        // only called in a GraalVM native image, which this is not
    }
}
