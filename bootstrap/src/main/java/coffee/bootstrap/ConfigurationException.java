package coffee.bootstrap;

/** A setting is unknown or invalid; the message names it and says what is wrong. */
final class ConfigurationException extends RuntimeException {

    ConfigurationException(String message) {
        super(message);
    }
}
